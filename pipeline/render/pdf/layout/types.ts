/**
 * The page model between layout and painting: blocks go in, pages of positioned items come out. Nothing
 * here knows pdfkit; the painter turns items into PDF operators, tags, links and destinations.
 */
import type { Span, TextStyle } from './atoms.js';
import type { Align, Line } from './linebreak.js';

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

export interface LineItem {
  type: 'line';
  x: number;
  /** Top of the line box and baseline (pt from the page top). */
  top: number;
  baseline: number;
  height: number;
  line: Line;
  spans: readonly Span[];
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
}

export interface AnchorPlace {
  page: number;
  x: number;
  y: number;
}
