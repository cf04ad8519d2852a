/**
 * enrich: Root → Root, the only stage that sees the whole book. Loads and validates the glossary, links
 * terms, gathers back-references, related articles and the indexes of cited documents and events, and
 * lists glossary candidates. Pure: the input tree is not changed, the same input gives the same output.
 *
 *   glossary.ts   glossary.yaml → validated entries (diagnostics with file, line, column)
 *   terms.ts      term nodes + occurrences (one Aho–Corasick pass per block, matcher.ts), article by article
 *   documents.ts  《…》 → the index of cited documents
 *   events.ts     dated gatherings named in several articles → the index of events
 *   related.ts    related articles from shared terms and documents
 *   candidates.ts formulations missing from the glossary → warnings
 *   pinyin.ts     sort keys (pinyin order)
 *
 * What needs one article only — its terms linked, its citations, the sentences naming gatherings, its
 * formulations — is worked out article by article (`prepareArticle`), so a build can keep it from one
 * run to the next; the rest works over the whole book from those.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Article, GlossaryEntry, Root } from '../ir.js';
import { copyWith } from '../lazy-children.js';
import { blockTexts } from './blocks.js';
import { candidateFacts, candidateWarnings, type CandidateFacts } from './candidates.js';
import { articleCitations, documentIndex, type Citation } from './documents.js';
import { eventFacts, eventIndex, type EventFacts } from './events.js';
import { EMPTY_GLOSSARY, loadGlossary, type GlossaryDef, type LoadedGlossary } from './glossary.js';
import { compareKeys, PINYIN, type Pinyin } from './pinyin.js';
import { relateArticles } from './related.js';

export { loadGlossary, type LoadedGlossary } from './glossary.js';
export { rememberedPinyin } from './pinyin.js';
export { rememberedRelations, type RelatedMemo } from './related.js';
import { buildTermIndex, combineLinked, linkArticle, type LinkedArticle, type TermIndex } from './terms.js';

export interface GlossarySource {
  file: string;
  text: string;
}

export interface EnrichResult {
  root: Root;
  messages: Diagnostic[];
  /** Each article as prepared alone (what `EnrichOptions.linked` takes back). */
  linked: PreparedArticle[];
}

export interface EnrichOptions {
  /**
   * Articles an earlier run prepared with the same glossary text, by place in the book (the article
   * there is then `linked[i].article`, already linked): they are not prepared again.
   */
  linked?: ReadonlyArray<PreparedArticle | undefined>;
  /** Pinyin sort keys and slugs, remembered from earlier runs (`rememberedPinyin`); worked out otherwise. */
  pinyin?: Pinyin;
  /** Relates the articles: `relateArticles`, or one that remembers (`rememberedRelations`). */
  relate?: typeof relateArticles;
  /** The glossary as `loadGlossary` loads it (the build keeps it from one build to the next); loaded here when absent. */
  loaded?: LoadedGlossary;
}

/** One article as enrich works on it alone: its terms linked, and what the book's indexes need from it (plain JSON). */
export interface PreparedArticle extends LinkedArticle {
  facts: {
    citations: Citation[];
    events: EventFacts;
    candidates: CandidateFacts;
  };
}

export function prepareArticle(article: Article, index: TermIndex): PreparedArticle {
  // One block text for all: linking changes which nodes hold the text, not the text, its ids or places.
  const blocks = blockTexts(article);
  const linked = linkArticle(article, index, blocks);
  const a = linked.article;
  return { ...linked, facts: { citations: articleCitations(a, blocks), events: eventFacts(a, blocks), candidates: candidateFacts(a, blocks) } };
}

export function enrich(root: Root, glossary: GlossarySource | null, options: EnrichOptions = {}): EnrichResult {
  const pinyin = options.pinyin ?? PINYIN;
  const loaded = glossary === null ? EMPTY_GLOSSARY : (options.loaded ?? loadGlossary(glossary, bookFiles(root), pinyin));
  const messages: Diagnostic[] = [...loaded.messages];

  const index = buildTermIndex(loaded.entries);
  const each = root.children.map((article, i) => options.linked?.[i] ?? prepareArticle(article, index));
  const linked = combineLinked(each);
  const { documents, documentsByArticle } = documentIndex(each.map((one) => one.facts.citations), pinyin);
  const events = eventIndex(each.map((one) => one.facts.events), pinyin);
  const related = (options.relate ?? relateArticles)(
    linked.articles.map((a) => ({
      articleId: a.id,
      terms: linked.termsByArticle.get(a.id) ?? new Set<string>(),
      documents: documentsByArticle.get(a.id) ?? new Set<string>(),
    })),
  );

  const entries = glossaryEntries(loaded.entries, linked.occurrences, pinyin);
  for (const def of loaded.entries) {
    if (linked.occurrences.has(def.id)) continue;
    messages.push(diagnostic('info', 'enrich', 'glossary-unused-term', `Unexpected term “${def.term}” that no article uses, expected at least one occurrence`, { file: glossary?.file ?? null, line: def.line }));
  }
  messages.push(...candidateWarnings(each.map((one) => one.facts.candidates), index, loaded.ignore, pinyin));

  return {
    root: {
      ...root,
      data: { ...root.data, glossary: entries, documents, events },
      // Copied field by field: an article's children the build still keeps as text are not read here.
      children: linked.articles.map((article) => copyWith(article, { data: { ...article.data, related: related.get(article.id) ?? [] } })),
    },
    messages,
    linked: each,
  };
}

/** The source files of the book's articles: what a glossary's `see` may name. */
export function bookFiles(root: Root): string[] {
  return root.children.map((a) => a.data.sourceFile);
}

function glossaryEntries(defs: readonly GlossaryDef[], occurrences: Map<string, GlossaryEntry['occurrences']>, pinyin: Pinyin): GlossaryEntry[] {
  return defs
    .map((def) => ({
      id: def.id,
      term: def.term,
      aliases: def.aliases,
      definition: def.definition,
      category: def.category,
      sortKey: pinyin.sortKey(def.term),
      seeArticle: def.seeArticle,
      occurrences: occurrences.get(def.id) ?? [],
    }))
    .sort((a, b) => compareKeys(a.sortKey, b.sortKey));
}
