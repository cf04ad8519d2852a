/** The cover and the title page: the book's title, subtitle, compiler and date, set on a grid. */
import { titleLines } from '../handlers/article.js';
import { chineseDate } from '../../dates.js';
import { formatOf, phraseSpaces } from '../handlers/state.js';
import type { StructRef } from '../layout/types.js';
import { mm, textStyle } from '../style.js';
import { span, textBlock, type BookContext } from './context.js';

export function cover(ctx: BookContext): void {
  const { flow, style, geometry: g, root } = ctx;
  const book = root.data.book;
  flow.startSection({ section: 'cover', title: null, kind: 'cover', recto: true, columns: 1, columnGap: 0 });
  const struct: StructRef = { key: 'cover', role: 'Div', parent: null };
  const accent = style.colors.accent!;
  const center = { align: 'center' as const, firstIndent: 0, avoidLonelyLast: false };
  const x = flow.textX(flow.page.index);
  const barWidth = mm(24);
  let y = g.height * 0.24;
  flow.page.items.push({ type: 'rect', x: x + (g.measure - barWidth) / 2, y, width: barWidth, height: 3, color: accent });
  y += mm(12);
  for (const [i, line] of titleLines(book.title).entries()) {
    y = flow.placeAt(textBlock(`cover#title${i}`, [span(line, textStyle(style, 'coverTitle'))], formatOf(style, 'coverTitle', center), 'cover', { key: 'cover#title', role: 'P', parent: struct }), y);
  }
  y += mm(6);
  flow.page.items.push({ type: 'rule', x1: x + (g.measure - barWidth) / 2, x2: x + (g.measure + barWidth) / 2, y, thickness: 0.6, color: accent });
  y += mm(6);
  if (book.subtitle) {
    flow.placeAt(textBlock('cover#subtitle', [span(phraseSpaces(book.subtitle), textStyle(style, 'coverSubtitle'))], formatOf(style, 'coverSubtitle', center), 'cover', { key: 'cover#subtitle', role: 'P', parent: struct }), y);
  }
  const meta = [book.compiler, book.date ? chineseDate(book.date) : null].filter((s): s is string => s !== null);
  const metaFormat = formatOf(style, 'coverMeta', center);
  let bottom = g.top + g.textHeight - meta.length * metaFormat.lineHeight;
  for (const [i, text] of meta.entries()) {
    bottom = flow.placeAt(textBlock(`cover#meta${i}`, [span(text, textStyle(style, 'coverMeta'))], metaFormat, 'cover', { key: `cover#meta${i}`, role: 'P', parent: struct }), bottom);
  }
}

export function titlePage(ctx: BookContext): void {
  const { flow, style, geometry: g, root } = ctx;
  const book = root.data.book;
  flow.startSection({ section: 'title', title: null, kind: 'front', recto: true, columns: 1, columnGap: 0 });
  const struct: StructRef = { key: 'title', role: 'Div', parent: null };
  const center = { align: 'center' as const, firstIndent: 0, avoidLonelyLast: false };
  let y = g.top + g.textHeight * 0.22;
  for (const [i, line] of titleLines(book.title).entries()) {
    y = flow.placeAt(textBlock(`title#title${i}`, [span(line, textStyle(style, 'titlePageTitle'))], formatOf(style, 'titlePageTitle', center), 'cover', { key: 'title#title', role: 'P', parent: struct }), y);
  }
  if (book.subtitle) {
    y += mm(4);
    flow.placeAt(textBlock('title#subtitle', [span(phraseSpaces(book.subtitle), textStyle(style, 'coverSubtitle'))], formatOf(style, 'coverSubtitle', center), 'cover', { key: 'title#subtitle', role: 'P', parent: struct }), y);
  }
  if (book.compiler) {
    const text = `${book.compiler}\u3000${ctx.label('compiler')}`;
    flow.placeAt(textBlock('title#compiler', [span(text, textStyle(style, 'coverMeta'))], formatOf(style, 'coverMeta', center), 'cover', { key: 'title#compiler', role: 'P', parent: struct }), g.top + g.textHeight * 0.62);
  }
}

/** The back of the title page: what the book is, set small at the foot. */
export function colophon(ctx: BookContext): void {
  const { flow, style, geometry: g, root } = ctx;
  const book = root.data.book;
  flow.startSection({ section: 'colophon', title: null, kind: 'front', recto: false, columns: 1, columnGap: 0 });
  const struct: StructRef = { key: 'colophon', role: 'Div', parent: null };
  const field = (label: string, value: string | null): string | null => (value ? `${ctx.label(label)}\u3000${value}` : null);
  const lines = [
    field('bookTitle', phraseSpaces(book.title) + (book.subtitle ? `——${phraseSpaces(book.subtitle)}` : '')),
    field('compiledBy', book.compiler),
    field('date', book.date ? chineseDate(book.date) : null),
    ctx.label('articles', { count: root.children.length }),
    field('identifier', book.identifier),
    ctx.label('printing', { count: root.children.length }),
  ].filter((s): s is string => s !== null && s !== '');
  const format = formatOf(style, 'colophon', { align: 'left', firstIndent: 0, avoidLonelyLast: false });
  const blocks = lines.map((text, i) => textBlock(`colophon#${i}`, [span(text, textStyle(style, 'colophon'))], format, 'other', { key: `colophon#${i}`, role: 'P', parent: struct }));
  const height = blocks.reduce((h, b) => h + flow.heightOf(b), 0);
  let y = g.top + g.textHeight - height;
  const x = flow.textX(flow.page.index);
  flow.page.items.push({ type: 'rule', x1: x, x2: x + g.measure, y: y - format.lineHeight * 0.5, thickness: 0.4, color: style.colors.rule! });
  for (const b of blocks) y = flow.placeAt(b, y);
}
