/**
 * One article's page: title, subtitle and metadata (source, date, author, editors, source file), a
 * contents list of its sections, the text (shared hast handlers: anchors, run-in heads, term tooltips),
 * related articles with the reasons they are related, and previous/next navigation.
 *
 * The page is made from an `ArticlePageInput` alone — the article and what it shows of the rest of the book
 * (its glossary entries, its neighbours' and related articles' titles) — so it can be cached as a unit.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { diagnostic, type Diagnostic } from '../../../diagnostics.js';
import type { Article } from '../../../ir.js';
import { headingsOf, type HeadingFact } from '../../article-facts.js';
import { createHastState, type GlossaryTerm } from '../../hast/index.js';
import { chineseDate, isMachineDate } from '../../dates.js';
import type { Labels } from '../labels.js';
import { page } from '../layout.js';
import { CHROME_IDS, PAGES } from '../paths.js';
import { hastOptions, SOURCE, type Shell } from '../site.js';

/** Another article as a link: its page and title. */
export interface ArticleLink {
  file: string;
  title: string;
}

/** A related article with the reasons that still resolve (shared terms and documents), or the id of a missing one. */
export type RelatedLink =
  | (ArticleLink & { terms: Array<{ id: string; term: string }>; documents: Array<{ id: string; title: string }> })
  | { missing: string };

export interface ArticlePageInput {
  article: Article;
  /** The glossary entries of the article's terms. */
  glossary: GlossaryTerm[];
  related: RelatedLink[];
  previous: ArticleLink | null;
  next: ArticleLink | null;
}

export interface ArticlePage {
  tree: Root;
  /** Every id written into the page (back-links are checked against them). */
  ids: Set<string>;
}

export function articlePage(shell: Shell, labels: Labels, input: ArticlePageInput, report: (d: Diagnostic) => void): ArticlePage {
  const { article, previous, next } = input;
  const state = createHastState(hastOptions(labels, input.glossary, report), article.data.sourceFile);
  const body = state.all(article);
  const articleId = state.id(article.id);

  const header: ElementContent[] = [h('h1', article.data.title)];
  if (article.data.subtitle) header.push(h('p', { className: ['subtitle'] }, article.data.subtitle));
  header.push(metadata(labels, article));

  const parts: ElementContent[] = [h('header', { className: ['article-header'] }, header)];
  const toc = contents(labels, article);
  if (toc) parts.push(toc);
  parts.push(h('div', { className: ['article-body'] }, body));

  const main: ElementContent[] = [h('article', { id: articleId, className: ['article'] }, parts)];
  const related = relatedBlock(labels, article, input.related, report);
  if (related) main.push(related);
  if (previous || next) main.push(pager(labels, previous, next));

  const head: Element[] = [];
  if (previous) head.push(h('link', { rel: 'prev', href: previous.file }));
  if (next) head.push(h('link', { rel: 'next', href: next.file }));
  return { tree: page(shell, labels, { title: article.data.title, current: null, main, head, bodyClass: 'article-page' }), ids: state.ids };
}

function metadata(labels: Labels, article: Article): Element {
  const d = article.data;
  const rows: Array<[string, ElementContent[]]> = [];
  if (d.source) rows.push([labels.source, [{ type: 'text', value: d.source }]]);
  if (d.date) rows.push([labels.date, [isMachineDate(d.date) ? h('time', { dateTime: d.date }, chineseDate(d.date)) : { type: 'text', value: d.date }]]);
  if (d.author) rows.push([labels.author, [{ type: 'text', value: d.author }]]);
  if (d.editors.length > 0) rows.push([labels.editors, [{ type: 'text', value: d.editors.join(labels.listSeparator) }]]);
  if (d.keywords.length > 0) rows.push([labels.keywords, [{ type: 'text', value: d.keywords.join(labels.listSeparator) }]]);
  rows.push([labels.sourceFile, [h('code', d.sourceFile), { type: 'text', value: ` (${d.encoding.toUpperCase()})` }]]);
  return h('dl', { className: ['article-meta'], ariaLabel: labels.articleMeta }, rows.flatMap(([term, value]) => [h('div', [h('dt', term), h('dd', value)])]));
}

/** The article's sections as a nested list (shown only when there are at least two). */
function contents(labels: Labels, article: Article): Element | null {
  const headings = headingsOf(article);
  if (headings.length < 2) return null;
  return h('nav', { className: ['article-contents'], ariaLabelledBy: CHROME_IDS.articleContents }, [
    h('details', { open: true }, [h('summary', { id: CHROME_IDS.articleContents }, labels.articleContents), sectionList(headings, (id) => `#${id}`)]),
  ]);
}

/** Headings → nested ordered lists by depth (a deeper heading with no parent still gets a list). */
export function sectionList(headings: readonly HeadingFact[], href: (id: string) => string): Element {
  const top = h('ol', { className: ['sections'] });
  const stack: Array<{ depth: number; list: Element }> = [{ depth: 0, list: top }];
  for (const heading of headings) {
    while (stack.length > 1 && stack.at(-1)!.depth >= heading.depth) stack.pop();
    const item = h('li', [h('a', { href: href(heading.id) }, heading.text)]);
    stack.at(-1)!.list.children.push(item);
    const sub = h('ol');
    item.children.push(sub);
    stack.push({ depth: heading.depth, list: sub });
  }
  pruneEmptyLists(top);
  return top;
}

function pruneEmptyLists(list: Element): void {
  for (const item of list.children) {
    if (item.type !== 'element') continue;
    item.children = item.children.filter((c) => !(c.type === 'element' && c.tagName === 'ol' && c.children.length === 0));
    for (const c of item.children) if (c.type === 'element' && c.tagName === 'ol') pruneEmptyLists(c);
  }
}

function relatedBlock(labels: Labels, article: Article, related: readonly RelatedLink[], report: (d: Diagnostic) => void): Element | null {
  const items: Element[] = [];
  for (const rel of related) {
    if ('missing' in rel) {
      report(diagnostic('warning', SOURCE, 'related-missing', `Unexpected related article \`${rel.missing}\`, expected an article of the book; left out`, { file: article.data.sourceFile }));
      continue;
    }
    const reasons: ElementContent[] = [];
    if (rel.terms.length > 0) {
      reasons.push(h('span', { className: ['reason'] }, [`${labels.sharedTerms}：`, ...joined(rel.terms.map((g) => h('a', { href: `${PAGES.glossary}#${g.id}` }, g.term)), labels.listSeparator)]));
    }
    if (rel.documents.length > 0) {
      reasons.push(h('span', { className: ['reason'] }, [`${labels.sharedDocuments}：`, ...joined(rel.documents.map((d) => h('a', { href: `${PAGES.documents}#${d.id}` }, `《${d.title}》`)), labels.listSeparator)]));
    }
    const children: ElementContent[] = [h('a', { href: rel.file }, rel.title)];
    if (reasons.length > 0) children.push(h('p', { className: ['related-reasons'] }, joined(reasons, '；')));
    items.push(h('li', children));
  }
  if (items.length === 0) return null;
  return h('aside', { className: ['related'], ariaLabelledBy: CHROME_IDS.related }, [h('h2', { id: CHROME_IDS.related }, labels.related), h('ul', items)]);
}

function pager(labels: Labels, previous: ArticleLink | null, next: ArticleLink | null): Element {
  const link = (target: ArticleLink, rel: 'prev' | 'next', label: string): Element =>
    h('a', { className: [rel], rel, href: target.file }, [h('span', { className: ['pager-label'] }, label), h('span', { className: ['pager-title'] }, target.title)]);
  return h('nav', { className: ['pager'], ariaLabel: labels.pager }, [
    previous ? link(previous, 'prev', labels.previous) : h('span'),
    next ? link(next, 'next', labels.next) : h('span'),
  ]);
}
export function joined(items: ElementContent[], separator: string): ElementContent[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [{ type: 'text', value: separator } as ElementContent, item]));
}
