/**
 * What the IR handlers share while turning one article into blocks and spans (the mdast-util-to-hast
 * way: `one` dispatches a node to its handler by type, `all` does every child in order).
 */
import type { Diagnostic } from '../../../diagnostics.js';
import type { Article, Node, Parent, Root } from '../../../ir.js';
import type { Span, TextStyle } from '../layout/atoms.js';
import type { Block, ParagraphFormat, StructRef } from '../layout/types.js';
import type { PdfStyle, TextStyleName } from '../style.js';

/** A handler's output: blocks for block nodes, spans for inline ones. */
export type Piece = Block | Span;

export function isSpan(piece: Piece): piece is Span {
  return !('kind' in piece);
}

export function spansOf(pieces: readonly Piece[]): Span[] {
  return pieces.filter(isSpan);
}

export function blocksOf(pieces: readonly Piece[]): Block[] {
  return pieces.filter((p): p is Block => !isSpan(p));
}

export interface State {
  readonly style: PdfStyle;
  readonly root: Root;
  readonly article: Article;
  /** The article's node in the structure tree. */
  readonly struct: StructRef;
  /** Inline style in effect (a run-in head sets bold). */
  readonly inline: TextStyle;
  /** Print text of a label, in the edition's script. */
  label(name: string, vars?: Record<string, string | number>): string;
  /** Printed page of an anchor (from the previous layout pass), or null if not known yet. */
  pageOf(anchor: string): string | null;
  /** The same state with another inline style. */
  withInline(style: TextStyle): State;
  one(node: Node, parent: Parent | null): Piece[];
  all(parent: Parent): Piece[];
  warn(node: Node, ruleId: string, message: string): void;
  report(d: Diagnostic): void;
}

/** A paragraph format from a named text style of the style file. */
export function formatOf(style: PdfStyle, name: TextStyleName, overrides: Partial<ParagraphFormat> = {}): ParagraphFormat {
  const s = style.text[name]!;
  const body = style.text.body!;
  const bodyLine = body.size * body.leading;
  return {
    lineHeight: s.size * s.leading,
    firstIndent: s.indent * s.size,
    restIndent: 0,
    align: 'justify',
    spaceBefore: s.spaceBefore * bodyLine,
    spaceAfter: s.spaceAfter * bodyLine,
    keepWithNext: false,
    keepTogether: false,
    avoidLonelyLast: true,
    ...overrides,
  };
}

/**
 * A title's phrases are separated by a space in the sources (“强化政治机关意识 建设模范机关”); between
 * Chinese phrases that space is set as a full em, as a compositor would, and runs of spaces become one.
 */
export function phraseSpaces(text: string): string {
  return widePhraseSpaces(text.trim().replace(/[ \u3000\u00a0]+/g, ' '));
}

/** Only the single spaces between Chinese phrases, the rest of the text as it is. */
export function widePhraseSpaces(text: string): string {
  return text.replace(/(?<=[\p{Script=Han}\p{P}]) (?=[\p{Script=Han}\p{P}])/gu, '\u3000');
}
