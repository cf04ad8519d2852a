import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Diagnostic } from '../../../diagnostics.js';
import { visit, type Article, type GlossaryEntry, type Root, type Term } from '../../../ir.js';
import { createHastState } from '../../hast/index.js';
import { chineseDate } from '../format.js';
import type { Labels } from '../labels.js';
import type { Plan } from '../plan.js';

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
export function chapterBody(article: Article, root: Root, plan: Plan, labels: Labels, report: (d: Diagnostic) => void): Chapter {
  const state = createHastState(
    {
      source: 'render:epub',
      report,
      glossary: root.data.glossary,
      term: { mode: 'noteref', href: (entry) => `#${plan.footnoteId(entry.id)}`, firstOnly: true },
      headingOffset: 1,
      selfLinks: null,
      idFor: plan.pageId,
    },
    article.data.sourceFile,
  );
  const titleId = plan.pageId(`${article.id}-title`);
  const chapter: ElementContent[] = [header(article, plan.titleOf(article.id), titleId, labels), ...state.all(article)];
  const related = relatedArticles(article, root, plan, labels);
  if (related) chapter.push(related);

  const body: ElementContent[] = [
    h('section', { id: state.id(article.id), 'epub:type': 'chapter', role: 'doc-chapter', ariaLabelledBy: titleId }, chapter),
  ];
  const notes = footnotes(article, state.termsUsed, root, plan, labels);
  if (notes.length > 0) body.push(h('section', { className: ['footnotes'], 'epub:type': 'footnotes', ariaLabel: labels.notes }, notes));
  state.ids.add(titleId);
  for (const termId of state.termsUsed) state.ids.add(plan.footnoteId(termId));
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

function relatedArticles(article: Article, root: Root, plan: Plan, labels: Labels): Element | null {
  const present = new Set(root.children.map((a) => a.id));
  const items = article.data.related
    .filter((r) => present.has(r.articleId) && r.articleId !== article.id)
    .slice(0, RELATED_LIMIT)
    .map((r) => h('li', [h('a', { href: plan.chapterFile(r.articleId) }, plan.titleOf(r.articleId))]));
  if (items.length === 0) return null;
  return h('section', { className: ['related'], ariaLabel: labels.related }, [h('h2', labels.related), h('ul', items)]);
}

/** One footnote per glossary entry the chapter uses, in order of first use. */
function footnotes(article: Article, termsUsed: readonly string[], root: Root, plan: Plan, labels: Labels): Element[] {
  const entries = new Map(root.data.glossary.map((e) => [e.id, e]));
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
    out.push(note(entry, first, plan, labels));
  }
  return out;
}

function note(entry: GlossaryEntry, occurrence: Term, plan: Plan, labels: Labels): Element {
  return h('aside', { id: plan.footnoteId(entry.id), className: ['footnote'], 'epub:type': 'footnote', role: 'doc-footnote' }, [
    h('p', [
      h('a', { href: `#${plan.pageId(occurrence.id)}`, className: ['note-term'], role: 'doc-backlink', ariaLabel: `${labels.backToText}：${entry.term}` }, entry.term),
      '　',
      entry.definition,
      ' ',
      h('a', { href: plan.glossaryHref(entry.id), className: ['see-glossary'] }, labels.seeGlossary),
    ]),
  ]);
}
