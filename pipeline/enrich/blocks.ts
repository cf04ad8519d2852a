/**
 * The text of a block as enrich sees it: a heading, or a paragraph's run-in head and sentences joined
 * into one string, with the offsets where each inline parent (heading, runInHead, sentence) starts.
 * Matching runs over a whole block, so nothing is ever found across a block (paragraph/heading)
 * boundary, and every hit is mapped back to the inline parent that holds it.
 */
import type { Article, Heading, Paragraph, Point, RunInHead, Sentence } from '../ir.js';
import { toText } from '../ir.js';

export type InlineParent = Heading | RunInHead | Sentence;

export interface Segment {
  node: InlineParent;
  /** Offsets of the segment in the block text (code units, end exclusive). */
  start: number;
  end: number;
}

export interface BlockText {
  article: Article;
  block: Heading | Paragraph;
  text: string;
  segments: Segment[];
}

export function blockTexts(article: Article): BlockText[] {
  const out: BlockText[] = [];
  for (const block of article.children) {
    if (block.type === 'separator') continue;
    const parents: InlineParent[] = block.type === 'heading' ? [block] : block.children;
    const segments: Segment[] = [];
    let text = '';
    for (const node of parents) {
      const value = toText(node);
      segments.push({ node, start: text.length, end: text.length + value.length });
      text += value;
    }
    out.push({ article, block, text, segments });
  }
  return out;
}

/** The segment holding [start, end), or null when the span crosses from one segment into the next. */
export function segmentOf(block: BlockText, start: number, end: number): Segment | null {
  for (const segment of block.segments) {
    if (start >= segment.start && start < segment.end) return end <= segment.end ? segment : null;
  }
  return null;
}

/**
 * A point in the source file for an offset in the block text, when the block sits on one source line
 * (columns count characters of the cleaned line, as the IR's positions do); else the block's start.
 */
export function pointAt(block: BlockText, offset: number): Point | null {
  const position = block.block.position;
  if (!position) return null;
  if (position.start.line !== position.end.line) return { ...position.start };
  return { line: position.start.line, column: position.start.column + codePoints(block.text, offset) };
}

/** Characters (code points) in text[0, end): the offset itself unless a surrogate pair comes before. */
function codePoints(text: string, end: number): number {
  let count = end;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) count--;
  }
  return count;
}
