import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Root } from '../../../ir.js';
import { chineseDate } from '../../dates.js';
import type { Labels } from '../labels.js';

/** The title page: title, subtitle, compiler and date, as the printed booklet has them. */
export function titlePageBody(root: Root, labels: Labels): Element {
  const book = root.data.book;
  const parts: ElementContent[] = [h('h1', { className: ['book-title'] }, book.title)];
  if (book.subtitle) parts.push(h('p', { className: ['book-subtitle'] }, book.subtitle));
  if (book.compiler) parts.push(h('p', { className: ['book-compiler'] }, `${book.compiler} ${labels.compiledBy}`));
  if (book.date) parts.push(h('p', { className: ['book-date'] }, h('time', { dateTime: book.date }, chineseDate(book.date))));
  return h('body', { className: ['titlepage'], 'epub:type': 'frontmatter' }, [
    h('section', { className: ['titlepage'], 'epub:type': 'titlepage', ariaLabel: labels.titlePage }, parts),
  ]);
}
