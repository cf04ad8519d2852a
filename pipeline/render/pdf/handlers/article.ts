import type { Article, Root } from '../../../ir.js';
import type { TextBlock } from '../layout/types.js';
import { textStyle, type PdfStyle } from '../style.js';
import { chineseDate } from '../../dates.js';
import { blocksOf, formatOf, phraseSpaces, type Piece, type State } from './state.js';

export function articleAnchor(articleId: string): string {
  return `article:${articleId}`;
}

/**
 * An article: its title block (title, subtitle, who/where/when) and its body. The related articles that
 * follow it print page numbers, so book.ts sets them after the article's own layout (`relatedBlocks`).
 */
export function article(state: State, node: Article): Piece[] {
  return [...titleBlocks(state, node), ...blocksOf(state.all(node))];
}

/** A title given as two phrases side by side (“坚持党的领导 强化政治机关意识”) is set one phrase a line. */
export function titleLines(title: string): string[] {
  const parts = title.split(/[ \u3000]+/).filter((p) => p !== '');
  return parts.length > 1 && parts.every((p) => [...p].length >= 4) ? parts : [title.trim()];
}

function titleBlocks(state: State, node: Article): TextBlock[] {
  const d = node.data;
  const style = state.style;
  const heading = { key: `${node.id}#title`, role: 'H1', parent: state.struct };
  const blocks: TextBlock[] = titleLines(d.title).map((line, i, all) => ({
    kind: 'text',
    key: `${node.id}#title${i}`,
    spans: [{ text: line, style: textStyle(style, 'articleTitle') }],
    format: formatOf(style, 'articleTitle', { align: 'center', keepWithNext: true, avoidLonelyLast: false, ...(i > 0 ? { spaceBefore: 0 } : {}), ...(i < all.length - 1 ? { spaceAfter: 0 } : {}) }),
    role: 'title',
    struct: heading,
    anchors: i === 0 ? [articleAnchor(node.id)] : [],
  }));
  if (d.subtitle) {
    blocks.push({
      kind: 'text',
      key: `${node.id}#subtitle`,
      spans: [{ text: phraseSpaces(d.subtitle), style: textStyle(style, 'articleSubtitle') }],
      format: formatOf(style, 'articleSubtitle', { align: 'center', keepWithNext: true, avoidLonelyLast: false }),
      role: 'title',
      struct: { key: `${node.id}#subtitle`, role: 'P', parent: state.struct },
      anchors: [],
    });
  }
  const meta: string[] = [];
  if (d.author) meta.push(`${state.label('author')}：${d.author}`);
  if (d.source) meta.push(`${state.label('source')}：${d.source}`);
  if (d.date) meta.push(`${state.label('date')}：${chineseDate(d.date)}`);
  if (d.editors.length > 0) meta.push(`${state.label('editors')}：${d.editors.join('、')}`);
  if (meta.length > 0) {
    blocks.push({
      kind: 'text',
      key: `${node.id}#meta`,
      spans: meta.flatMap((text, i) => [...(i > 0 ? [{ text: '\u3000', style: textStyle(style, 'articleMeta') }] : []), { text, style: textStyle(style, 'articleMeta'), keep: true }]),
      format: formatOf(style, 'articleMeta', { align: 'center', keepWithNext: true, avoidLonelyLast: false }),
      role: 'meta',
      struct: { key: `${node.id}#meta`, role: 'P', parent: state.struct },
      anchors: [],
    });
  } else if (blocks.length > 0) {
    blocks[blocks.length - 1]!.format.spaceAfter = formatOf(style, 'articleMeta').spaceAfter;
  }
  return blocks;
}

/** The titles of a book's articles, by id. */
export function articleTitles(root: Root): Map<string, string> {
  return new Map(root.children.map((a) => [a.id, a.data.title]));
}

/** The closest three articles of the book (`titles`: see articleTitles), with their titles. */
export function relatedArticles(titles: ReadonlyMap<string, string>, node: Article): Array<{ articleId: string; title: string }> {
  return node.data.related
    .filter((r) => titles.has(r.articleId) && r.articleId !== node.id)
    .slice(0, 3)
    .map((r) => ({ articleId: r.articleId, title: titles.get(r.articleId)! }));
}

/**
 * Height the related list of `count` entries needs below the article's last block, should that one keep
 * with the next: the list keeps together (titles taken as one line each).
 */
export function relatedKeepHeight(style: PdfStyle, count: number): number {
  if (count === 0) return 0;
  const f = formatOf(style, 'related');
  return f.spaceBefore + (count + 1) * f.lineHeight + count * f.spaceAfter;
}

/** “相关文章” and the closest three articles, each with the page it starts on after a dot leader. */
export function relatedBlocks(state: State, node: Article, titles: ReadonlyMap<string, string>): TextBlock[] {
  const related = relatedArticles(titles, node);
  if (related.length === 0) return [];
  const style = textStyle(state.style, 'related');
  const struct = { key: `${node.id}#related`, role: 'Div', parent: state.struct };
  const blocks: TextBlock[] = [
    {
      kind: 'text',
      key: `${node.id}#related`,
      spans: [{ text: state.label('related'), style: { ...style, font: textStyle(state.style, 'tocSection').font } }],
      format: formatOf(state.style, 'related', { keepWithNext: true, avoidLonelyLast: false }),
      role: 'meta',
      struct: { key: `${node.id}#related-title`, role: 'P', parent: struct },
      anchors: [],
    },
  ];
  related.forEach((r, i) => {
    const anchor = articleAnchor(r.articleId);
    const page = state.pageOf(anchor);
    blocks.push({
      kind: 'text',
      key: `${node.id}#related-${i}`,
      spans: [{ text: phraseSpaces(r.title), style, link: anchor }],
      format: formatOf(state.style, 'related', { spaceBefore: 0, align: 'left', preferSpaces: true, keepWithNext: i < related.length - 1 }),
      role: 'meta',
      struct: { key: `${node.id}#related-${i}`, role: 'P', parent: struct },
      anchors: [],
      ...(page !== null ? { tail: { spans: [{ text: page, style, link: anchor }], leader: true } } : {}),
    });
  });
  return blocks;
}
