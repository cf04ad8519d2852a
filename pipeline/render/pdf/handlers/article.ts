import type { Article } from '../../../ir.js';
import type { TextBlock } from '../layout/types.js';
import { textStyle } from '../style.js';
import { blocksOf, chineseDate, formatOf, phraseSpaces, type Piece, type State } from './state.js';

export function articleAnchor(articleId: string): string {
  return `article:${articleId}`;
}

/**
 * An article: its title block (title, subtitle, who/where/when), its body, and the related articles
 * with the pages they start on.
 */
export function article(state: State, node: Article): Piece[] {
  return [...titleBlocks(state, node), ...blocksOf(state.all(node)), ...relatedBlocks(state, node)];
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

/** “相关文章” and the closest three articles, each with the page it starts on after a dot leader. */
function relatedBlocks(state: State, node: Article): TextBlock[] {
  const titles = new Map(state.root.children.map((a) => [a.id, a.data.title]));
  const related = node.data.related.filter((r) => titles.has(r.articleId) && r.articleId !== node.id).slice(0, 3);
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
      spans: [{ text: phraseSpaces(titles.get(r.articleId)!), style, link: anchor }],
      format: formatOf(state.style, 'related', { spaceBefore: 0, align: 'left', preferSpaces: true, keepWithNext: i < related.length - 1 }),
      role: 'meta',
      struct: { key: `${node.id}#related-${i}`, role: 'P', parent: struct },
      anchors: [],
      ...(page !== null ? { tail: { spans: [{ text: page, style, link: anchor }], leader: true } } : {}),
    });
  });
  return blocks;
}
