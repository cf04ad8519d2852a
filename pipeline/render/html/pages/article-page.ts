/**
 * One article's page: title, subtitle and metadata (source, date, author, editors, source file), a
 * contents list of its sections, the text (shared hast handlers: anchors, run-in heads, term tooltips),
 * related articles with the reasons they are related, and previous/next navigation.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { diagnostic } from '../../../diagnostics.js';
import { toText, type Article, type Heading } from '../../../ir.js';
import { createHastState } from '../../hast/index.js';
import { chineseDate, isMachineDate } from '../dates.js';
import { page } from '../layout.js';
import { CHROME_IDS, PAGES } from '../paths.js';
import { hastOptions, SOURCE, type Site } from '../site.js';
import type { Root } from 'hast';

export function articlePage(site: Site, article: Article, index: number): Root {
  const { labels } = site;
  const state = createHastState(hastOptions(site), article.data.sourceFile);
  const body = state.all(article);
  const articleId = state.id(article.id);
  site.pageIds.set(article.id, state.ids);

  const header: ElementContent[] = [h('h1', article.data.title)];
  if (article.data.subtitle) header.push(h('p', { className: ['subtitle'] }, article.data.subtitle));
  header.push(metadata(site, article));

  const parts: ElementContent[] = [h('header', { className: ['article-header'] }, header)];
  const toc = contents(site, article);
  if (toc) parts.push(toc);
  parts.push(h('div', { className: ['article-body'] }, body));

  const previous = site.root.children[index - 1];
  const next = site.root.children[index + 1];
  const main: ElementContent[] = [h('article', { id: articleId, className: ['article'] }, parts)];
  const related = relatedBlock(site, article);
  if (related) main.push(related);
  if (previous || next) main.push(pager(site, previous, next));

  const head: Element[] = [];
  if (previous) head.push(h('link', { rel: 'prev', href: site.files.get(previous.id) }));
  if (next) head.push(h('link', { rel: 'next', href: site.files.get(next.id) }));
  return page(site, { title: article.data.title, current: null, main, head, bodyClass: 'article-page' });
}

function metadata(site: Site, article: Article): Element {
  const { labels } = site;
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
function contents(site: Site, article: Article): Element | null {
  const headings = article.children.filter((b): b is Heading => b.type === 'heading');
  if (headings.length < 2) return null;
  return h('nav', { className: ['article-contents'], ariaLabelledBy: CHROME_IDS.articleContents }, [
    h('details', { open: true }, [h('summary', { id: CHROME_IDS.articleContents }, site.labels.articleContents), sectionList(headings, (id) => `#${id}`)]),
  ]);
}

/** Headings → nested ordered lists by depth (a deeper heading with no parent still gets a list). */
export function sectionList(headings: readonly Heading[], href: (id: string) => string): Element {
  const top = h('ol', { className: ['sections'] });
  const stack: Array<{ depth: number; list: Element }> = [{ depth: 0, list: top }];
  for (const heading of headings) {
    while (stack.length > 1 && stack.at(-1)!.depth >= heading.depth) stack.pop();
    const item = h('li', [h('a', { href: href(heading.id) }, toText(heading))]);
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

function relatedBlock(site: Site, article: Article): Element | null {
  const { labels, root } = site;
  const terms = new Map(root.data.glossary.map((g) => [g.id, g]));
  const documents = new Map(root.data.documents.map((d) => [d.id, d]));
  const items: Element[] = [];
  for (const rel of article.data.related) {
    const other = site.articles.get(rel.articleId);
    if (!other) {
      site.report(diagnostic('warning', SOURCE, 'related-missing', `Unexpected related article \`${rel.articleId}\`, expected an article of the book; left out`, { file: article.data.sourceFile }));
      continue;
    }
    const reasons: ElementContent[] = [];
    const sharedTerms = rel.sharedTerms.flatMap((id) => (terms.has(id) ? [terms.get(id)!] : []));
    const sharedDocs = rel.sharedDocuments.flatMap((id) => (documents.has(id) ? [documents.get(id)!] : []));
    if (sharedTerms.length > 0) {
      reasons.push(h('span', { className: ['reason'] }, [`${labels.sharedTerms}：`, ...joined(sharedTerms.map((g) => h('a', { href: `${PAGES.glossary}#${g.id}` }, g.term)), labels.listSeparator)]));
    }
    if (sharedDocs.length > 0) {
      reasons.push(h('span', { className: ['reason'] }, [`${labels.sharedDocuments}：`, ...joined(sharedDocs.map((d) => h('a', { href: `${PAGES.documents}#${d.id}` }, `《${d.title}》`)), labels.listSeparator)]));
    }
    const children: ElementContent[] = [h('a', { href: site.files.get(other.id) }, other.data.title)];
    if (reasons.length > 0) children.push(h('p', { className: ['related-reasons'] }, joined(reasons, '；')));
    items.push(h('li', children));
  }
  if (items.length === 0) return null;
  return h('aside', { className: ['related'], ariaLabelledBy: CHROME_IDS.related }, [h('h2', { id: CHROME_IDS.related }, labels.related), h('ul', items)]);
}

function pager(site: Site, previous: Article | undefined, next: Article | undefined): Element {
  const { labels } = site;
  const link = (target: Article, rel: 'prev' | 'next', label: string): Element =>
    h('a', { className: [rel], rel, href: site.files.get(target.id) }, [h('span', { className: ['pager-label'] }, label), h('span', { className: ['pager-title'] }, target.data.title)]);
  return h('nav', { className: ['pager'], ariaLabel: labels.pager }, [
    previous ? link(previous, 'prev', labels.previous) : h('span'),
    next ? link(next, 'next', labels.next) : h('span'),
  ]);
}

export function joined(items: ElementContent[], separator: string): ElementContent[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [{ type: 'text', value: separator } as ElementContent, item]));
}
