/** The book's front page: title, subtitle, compiler and date, then the contents with each article's metadata and its sections. */
import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Article } from '../../../ir.js';
import type { ArticleFacts } from '../../article-facts.js';
import { chineseDate, isMachineDate } from '../../dates.js';
import { fill } from '../labels.js';
import { page } from '../layout.js';
import type { Site } from '../site.js';
import { sectionList } from './article-page.js';

/** `articles` are the facts of the book's articles, in order (their headings make each one's sections). */
export function indexPage(site: Site, articles: readonly ArticleFacts[]): Root {
  const { labels, root } = site;
  const book = root.data.book;
  const header: ElementContent[] = [h('h1', book.title)];
  if (book.subtitle) header.push(h('p', { className: ['subtitle'] }, book.subtitle));
  const facts: string[] = [];
  if (book.compiler) facts.push(`${labels.compiler}：${book.compiler}`);
  if (book.date) facts.push(chineseDate(book.date));
  facts.push(fill(labels.articleCount, { n: root.children.length }));
  header.push(h('p', { className: ['book-facts'] }, facts.join(' · ')));

  const main: ElementContent[] = [
    h('header', { className: ['book-header'] }, header),
    h('section', { className: ['contents'], ariaLabelledBy: 'Contents' }, [
      h('h2', { id: 'Contents' }, labels.contents),
      root.children.length === 0 ? h('p', labels.empty) : h('ol', { className: ['contents-list'] }, root.children.map((a, i) => entry(site, a, articles[i]!))),
    ]),
  ];
  return page(site.shell, labels, { title: book.title, current: 'index', main, bodyClass: 'index-page' });
}

function entry(site: Site, article: Article, facts: ArticleFacts): ElementContent {
  const { labels } = site;
  const file = site.files.get(article.id)!;
  const d = article.data;
  const children: ElementContent[] = [h('a', { className: ['contents-title'], href: file }, d.title)];
  if (d.subtitle) children.push(h('p', { className: ['contents-subtitle'] }, d.subtitle));
  const meta: ElementContent[] = [];
  const add = (label: string, value: ElementContent): void => {
    if (meta.length > 0) meta.push({ type: 'text', value: ' · ' });
    meta.push(h('span', [`${label}：`, value]));
  };
  if (d.source) add(labels.source, { type: 'text', value: d.source });
  if (d.date) add(labels.date, isMachineDate(d.date) ? h('time', { dateTime: d.date }, chineseDate(d.date)) : { type: 'text', value: d.date });
  if (d.author) add(labels.author, { type: 'text', value: d.author });
  if (meta.length > 0) children.push(h('p', { className: ['contents-meta'] }, meta));
  // The front page lists sections only; the article page's own contents go deeper.
  const headings = facts.headings.filter((heading) => heading.depth === 1);
  if (headings.length > 0) children.push(sectionList(headings, (id) => `${file}#${id}`));
  return h('li', children);
}
