import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Diagnostic } from '../../../diagnostics.js';
import { visit, type Article, type Root, type Term } from '../../../ir.js';
import { createHastState, type GlossaryTerm } from '../../hast/index.js';
import { chineseDate } from '../../dates.js';
import type { Labels } from '../labels.js';
import { footnoteId, glossaryHref, pageId, type Plan } from '../plan.js';

/** A link to another chapter. */
export interface ChapterLink {
  file: string;
  title: string;
}

/**
 * What a chapter is made of: its article and the little it shows of the rest of the book, so that it
 * can be cached as a unit.
 */
export interface ChapterInput {
  article: Article;
  /** The title shown (never empty). */
  title: string;
  /** The glossary entries of the article's terms. */
  glossary: GlossaryTerm[];
  /** The related articles listed at the chapter's end. */
  related: ChapterLink[];
}

export interface Chapter {
  body: Element;
  /** Every id written in the chapter, to check links against. */
  ids: Set<string>;
}

/** How many related articles a chapter lists at its end. */
const RELATED_LIMIT = 3;

/**
 * One article as a chapter: its header (title, subtitle, byline), the blocks by the shared IR → hast
 * handlers, its related articles, and a footnote per glossary term it uses. An article's first
 * occurrence of a term is an `epub:type="noteref"` link to that footnote, which reading systems pop
 * up; the footnote links back to the occurrence and on to the glossary. Later occurrences stay text
 * (with their ids, for the glossary's back-links).
 */
export function chapterBody(input: ChapterInput, labels: Labels, report: (d: Diagnostic) => void): Chapter {
  const { article } = input;
  const state = createHastState(
    {
      source: 'render:epub',
      report,
      glossary: input.glossary,
      term: { mode: 'noteref', href: (entry) => `#${footnoteId(entry.id)}`, firstOnly: true },
      headingOffset: 1,
      selfLinks: null,
      idFor: pageId,
    },
    article.data.sourceFile,
  );
  const titleId = pageId(`${article.id}-title`);
  const chapter: ElementContent[] = [header(article, input.title, titleId, labels), ...state.all(article)];
  const related = relatedArticles(input.related, labels);
  if (related) chapter.push(related);

  const body: ElementContent[] = [
    h('section', { id: state.id(article.id), 'epub:type': 'chapter', role: 'doc-chapter', ariaLabelledBy: titleId }, chapter),
  ];
  const notes = footnotes(article, state.termsUsed, input.glossary, labels);
  if (notes.length > 0) body.push(h('section', { className: ['footnotes'], 'epub:type': 'footnotes', ariaLabel: labels.notes }, notes));
  state.ids.add(titleId);
  for (const termId of state.termsUsed) state.ids.add(footnoteId(termId));
  return { body: h('body', { 'epub:type': 'bodymatter' }, body), ids: state.ids };
}

function header(article: Article, title: string, titleId: string, labels: Labels): Element {
  const d = article.data;
  const parts: ElementContent[] = [h('h1', { id: titleId }, title)];
  if (d.subtitle) parts.push(h('p', { className: ['subtitle'] }, d.subtitle));
  const byline: ElementContent[] = [];
  const field = (className: string, label: string, value: ElementContent | string): void => {
    if (byline.length > 0) byline.push({ type: 'text', value: ' ' });
    byline.push(h('span', { className: [className] }, [`${label}：`, value]));
  };
  if (d.author) field('author', labels.author, d.author);
  if (d.source) field('source', labels.source, d.source);
  if (d.date) field('date', labels.date, h('time', { dateTime: d.date }, chineseDate(d.date)));
  if (byline.length > 0) parts.push(h('p', { className: ['byline'] }, byline));
  return h('header', { className: ['chapter-header'] }, parts);
}

/** The related articles a chapter lists: those of the book, itself excepted, the closest first. */
export function relatedLinks(article: Article, root: Root, plan: Plan): ChapterLink[] {
  const present = new Set(root.children.map((a) => a.id));
  return article.data.related
    .filter((r) => present.has(r.articleId) && r.articleId !== article.id)
    .slice(0, RELATED_LIMIT)
    .map((r) => ({ file: plan.chapterFile(r.articleId), title: plan.titleOf(r.articleId) }));
}

function relatedArticles(related: readonly ChapterLink[], labels: Labels): Element | null {
  if (related.length === 0) return null;
  const items = related.map((r) => h('li', [h('a', { href: r.file }, r.title)]));
  return h('section', { className: ['related'], ariaLabel: labels.related }, [h('h2', labels.related), h('ul', items)]);
}

/** One footnote per glossary entry the chapter uses, in order of first use. */
function footnotes(article: Article, termsUsed: readonly string[], glossary: readonly GlossaryTerm[], labels: Labels): Element[] {
  const entries = new Map(glossary.map((e) => [e.id, e]));
  const firstOccurrence = new Map<string, Term>();
  visit(article, (node) => {
    if (node.type === 'term' && node.data.first && !firstOccurrence.has(node.data.termId)) firstOccurrence.set(node.data.termId, node);
  });
  const out: Element[] = [];
  for (const termId of termsUsed) {
    const entry = entries.get(termId);
    const first = firstOccurrence.get(termId);
    // Without a noteref pointing at it, a footnote would be an orphan in the text.
    if (!entry || !first) continue;
    out.push(note(entry, first, labels));
  }
  return out;
}

function note(entry: GlossaryTerm, occurrence: Term, labels: Labels): Element {
  return h('aside', { id: footnoteId(entry.id), className: ['footnote'], 'epub:type': 'footnote', role: 'doc-footnote' }, [
    h('p', [
      h('a', { href: `#${pageId(occurrence.id)}`, className: ['note-term'], role: 'doc-backlink', ariaLabel: `${labels.backToText}：${entry.term}` }, entry.term),
      '　',
      entry.definition,
      ' ',
      h('a', { href: glossaryHref(entry.id), className: ['see-glossary'] }, labels.seeGlossary),
    ]),
  ]);
}
