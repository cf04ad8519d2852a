/**
 * One article's chapter as a unit of the build cache: the chapter file, rendered and deflated as the
 * package will hold it, and the article's groups of back-links for the glossary and the index. Its inputs
 * are the article (by digest) and the little the chapter shows of the rest of the book — the glossary
 * entries of its terms, its related articles' titles and files, its own file name — so when one article
 * changes, only its own chapter (and those that list it as related) is made again.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import { visit, type Article, type GlossaryEntry, type Root } from '../../ir.js';
import { termKeys, termsOf } from '../hast/index.js';
import { collecting, storeText, type RenderContext } from '../index.js';
import { chapterBody, relatedLinks, type ChapterInput } from './documents/chapter.js';
import { occurrenceGroup, type OccurrenceGroup } from './documents/occurrences.js';
import type { Labels } from './labels.js';
import { packDocument, type PackedEntry } from './package.js';
import type { Plan } from './plan.js';
import { toXhtml } from './xhtml.js';

export const CHAPTER_UNIT = 'epub-chapter';

export interface ChapterUnit {
  entry: PackedEntry;
  /** Serialised back-link groups (`storeText`), one per group given (null for a group without links). */
  backlinks: Array<string | null>;
  messages: Diagnostic[];
}

export interface ChapterSource {
  article: Article;
  digest: string;
  root: Root;
  /** The glossary by entry id. */
  glossary: ReadonlyMap<string, GlossaryEntry>;
  /** `termDigests` of the glossary: the entries in the unit's key. */
  termDigests: ReadonlyMap<string, string>;
  /** The entries its terms link to, in order of first use (`ArticleFacts.terms`). */
  terms: readonly string[];
  plan: Plan;
  labels: Labels;
  /** The chapter template (templates/epub/chapter.xhtml.ejs). */
  template: string;
  /** The back-link groups of entries that occur in this article. */
  groups: OccurrenceGroup[];
}

export function chapterUnit(context: RenderContext, source: ChapterSource): Promise<ChapterUnit> {
  const { article, root, plan } = source;
  const input: Omit<ChapterInput, 'article'> = { title: plan.titleOf(article.id), glossary: termsOf(source.terms, source.glossary), related: relatedLinks(article, root, plan) };
  const doc = { id: `chapter-${plan.pageId(article.id)}`, filename: plan.chapterFile(article.id), title: input.title, beforeToc: false };
  const groups = source.groups.map(({ hrefs, epubType }) => ({ hrefs, epubType }));
  const inputs = { ...input, glossary: termKeys(input.glossary, source.termDigests), article: source.digest, doc, script: root.data.script, lang: root.data.lang, template: source.template, groups };
  return context.memo(CHAPTER_UNIT, inputs, async () => {
    const made = await collecting((report) => {
      const body = toXhtml(chapterBody({ ...input, article }, source.labels, report).body);
      // The back-links were made from the book's indexes: each checked here against the chapter's ids.
      const ids = new Set<string>();
      visit(article, (node) => void ids.add(plan.pageId(node.id)));
      const backlinks = groups.map((group) => {
        const element = occurrenceGroup({ ...group, hrefs: group.hrefs.filter((href) => present(href, ids, article, report)) }, input.title, source.labels);
        return element === null ? null : storeText(toXhtml(element));
      });
      return { body, backlinks };
    });
    return { entry: packDocument(source.template, root.data.lang, { ...doc, body: made.value.body }), backlinks: made.value.backlinks, messages: made.messages };
  });
}

/** Whether a back-link's target (`file#id`) is in the chapter; a missing one is reported and left out. */
function present(href: string, ids: ReadonlySet<string>, article: Article, report: (d: Diagnostic) => void): boolean {
  const id = href.slice(href.indexOf('#') + 1);
  if (!href.includes('#') || ids.has(id)) return true;
  report(diagnostic('warning', 'render:epub', 'occurrence-missing-anchor', `Unexpected link target \`${id}\` in the index, expected an id in the chapter of \`${article.id}\`; the link is left out`, { file: article.data.sourceFile }));
  return false;
}
