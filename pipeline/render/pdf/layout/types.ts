/**
 * The page model between layout and painting: blocks go in, pages of positioned items come out. Nothing
 * here knows pdfkit; the painter turns items into PDF operators, tags, links and destinations.
 */
import type { FontKey, Span, TextStyle } from './atoms.js';
import type { Align } from './linebreak.js';
import type { GlyphTable } from './runs.js';

/** A node of the tagged-PDF structure tree (Document > Art > H1/P …). */
export interface StructRef {
  key: string;
  role: string;
  parent: StructRef | null;
  title?: string;
}

/** What a line is, for the layout statistics and tests. */
export type LineRole = 'body' | 'caption' | 'note' | 'heading' | 'title' | 'meta' | 'separator' | 'toc' | 'glossary' | 'index' | 'cover' | 'other';

export interface ParagraphFormat {
  /** Line pitch in pt. */
  lineHeight: number;
  /** First-line and following-line indents in pt. */
  firstIndent: number;
  restIndent: number;
  align: Align;
  /** Vertical space in pt; spaceBefore is dropped at the top of a column. */
  spaceBefore: number;
  spaceAfter: number;
  /** Stay on the page of the next block (headings). */
  keepWithNext: boolean;
  /** Never split over two columns. */
  keepTogether: boolean;
  avoidLonelyLast: boolean;
  /** Break a wrapping line at a space between phrases where possible (titles in the contents). */
  preferSpaces?: boolean;
}

/** A trailing page number after a dot leader, set flush right (contents, index). */
export interface Tail {
  spans: Span[];
  leader: boolean;
}

export interface TextBlock {
  kind: 'text';
  /** Stable key of the block (the IR id where there is one); line layouts are cached by it. */
  key: string;
  spans: Span[];
  format: ParagraphFormat;
  role: LineRole;
  struct: StructRef | null;
  /** Ids recorded at the block's first line. */
  anchors: string[];
  tail?: Tail;
}

/** What flows down the columns (one kind so far: text; rules and spaces are set by the sections). */
export type Block = TextBlock;

/** What the tests and the painter need to know of a set line (the layout's Line, without its atoms). */
export interface LineBox {
  text: string;
  /** Atom index in its paragraph where the line starts (0 for a paragraph's first line). */
  start: number;
  /** The paragraph's last line. */
  final: boolean;
  /** Left edge of the line's box and right edge of its last character, from the measure's left edge. */
  x0: number;
  right: number;
  /** The measure's width. */
  measure: number;
}

/**
 * A run of glyphs in one style, ready to paint: one TJ array. `codes` holds each glyph as its index in
 * `table` (the glyphs of the font its layout used, see layout/runs.ts) and, where the layout moved a
 * glyph from its natural place, the displacement in thousandths of an em.
 */
export interface GlyphRun {
  font: FontKey;
  size: number;
  color: string;
  /** Pen position of the run's first glyph, from the item's x. */
  x: number;
  codes: string;
  table: GlyphTable;
}

/** A stretch of a line that links to an anchor, from the item's x. */
export interface LinkBox {
  x1: number;
  x2: number;
  link: string;
}

export interface LineItem {
  type: 'line';
  x: number;
  /** Top of the line box and baseline (pt from the page top). */
  top: number;
  baseline: number;
  height: number;
  line: LineBox;
  runs: GlyphRun[];
  links: LinkBox[];
  role: LineRole;
  struct: StructRef | null;
}

export interface LeaderItem {
  type: 'leader';
  x1: number;
  x2: number;
  baseline: number;
  style: TextStyle;
}

export interface RuleItem {
  type: 'rule';
  x1: number;
  x2: number;
  y: number;
  thickness: number;
  color: string;
}

export interface RectItem {
  type: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

export type PageItem = LineItem | LeaderItem | RuleItem | RectItem;

export type PageKind = 'cover' | 'front' | 'body' | 'back';

export interface PageModel {
  /** Physical page index, 0-based. */
  index: number;
  kind: PageKind;
  /** Section the page belongs to (an article id, `toc`, `glossary`, …). */
  section: string;
  /** Title to show as the running head on right-hand pages of this section. */
  sectionTitle: string | null;
  /** First page of its section (no running head there). */
  opening: boolean;
  /** Deliberately left blank (to start the next section on a right-hand page). */
  blank: boolean;
  items: PageItem[];
  /** The page's first items already painted (from the build cache, see units.ts). */
  painted?: PaintedPage;
}

/**
 * Items of a page as a content stream, painted when their layout was (glyphs by font glyph id, see
 * paint/embed.ts), with what the painter still needs to tie them into the document.
 */
export interface PaintedPage {
  /** How many of the page's first items it holds (0 when the items themselves are not at hand). */
  items: number;
  /** The deflated content stream. */
  content: Uint8Array;
  /** The structure element of each marked-content id, from 0. */
  marks: StructRef[];
  /** Link rectangles (PDF coordinates) and targets. */
  links: Array<[number, number, number, number, string]>;
  fonts: FontKey[];
  /** The glyphs of what it draws (for the fonts' subsets). */
  glyphs: GlyphSource[];
}

/** Glyphs of one font with the text each stands for: what a font's subset and text map are made of. */
export interface GlyphSource {
  readonly font: FontKey;
  /** Each glyph `wanted` (by id) with its text, in the source's order. */
  eachGlyph(wanted: (gid: number) => boolean, visit: (gid: number, text: string) => void): void;
}

export interface AnchorPlace {
  page: number;
  x: number;
  y: number;
}
