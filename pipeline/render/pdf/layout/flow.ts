/**
 * Pagination: blocks flow down the columns of the pages of a section. Headings stay with the first lines
 * of what follows them, a paragraph is split only with at least two lines on each side (no orphans or
 * widows), space above a block is dropped at the top of a column, and each section starts on a new page
 * — a right-hand one where asked, leaving the left-hand page before it blank.
 */
import { atomize, type Atom, type Metrics, type Span } from './atoms.js';
import { breakLines, type Line } from './linebreak.js';
import { lineRuns, round3, type GlyphTables } from './runs.js';
import { FlowAnchors, type Anchors } from './anchors.js';
import type { Block, LineItem, LineRole, PageKind, PageModel, StructRef, TextBlock } from './types.js';
import type { Geometry } from '../style.js';

const EPS = 0.01;
/** Fewest lines of a paragraph left at a column foot (orphans) or carried to the next (widows). */
const MIN_LINES = 2;

export interface SetText {
  atoms: Atom[];
  lines: Line[];
  /** Index of the first atom of each span (-1 for an empty span). */
  spanStart: number[];
}

/** A block's atoms (made once) and its lines at each measure it was set in. */
export interface BlockSettings {
  atoms: Atom[];
  /** Advance of its widest word: a measure narrower than that needs the word cut into characters. */
  widest: number;
  byWidth: Map<number, SetText>;
}

/** Line layouts by block content, shared by the layout passes. */
export type LayoutCache = Map<string, BlockSettings>;

export interface SectionStart {
  section: string;
  title: string | null;
  kind: PageKind;
  /** Start on a right-hand (odd) page. */
  recto: boolean;
  columns: number;
  columnGap: number;
}

/** A section to lay out: where it starts, its blocks, and from which block on it is set in columns. */
export interface SectionPlan {
  start: SectionStart;
  blocks: Block[];
  columns?: { from: number; count: number; gap: number };
}

/**
 * Where a section laid out on its own left off: `y` below the top of its last page's frame; in a section
 * set in columns, the column (when not the first), and the columns' top (when they begin below the top of
 * the page, under the section's title).
 */
export interface SectionEnd {
  y: number;
  opening: boolean;
  column?: number;
  top?: number;
}

interface Frame {
  x: number;
  top: number;
  width: number;
  height: number;
}

/** Where a line's baseline sits in its box: the ideographic em box centred in the line pitch. */
export function baselineIn(lineHeight: number, size: number): number {
  return (lineHeight - size) / 2 + size * 0.88;
}

export class Flow {
  readonly pages: PageModel[] = [];
  readonly anchors = new FlowAnchors();
  private section: SectionStart | null = null;
  private frames: Frame[] = [];
  private frameIndex = 0;
  /** Distance from the current frame's top to where the next block goes. */
  private y = 0;
  /** Nothing placed yet on a section's first page: the first block keeps its space above (a sink). */
  private opening = false;
  /** What a block's line layout depends on, worked out once per block object. */
  private readonly contentKeys = new WeakMap<TextBlock, string>();
  /** Height the blocks after the last one placed need with it (what follows elsewhere, e.g. an article's related list). */
  private trailer = 0;
  /** Glyphs of every line set, by font. */
  readonly glyphs: GlyphTables = new Map();

  constructor(
    private readonly geometry: Geometry,
    private readonly metrics: Metrics,
    private readonly cache: LayoutCache,
  ) {}

  get page(): PageModel {
    return this.pages.at(-1)!;
  }

  /**
   * The page of a flow begun with `continueSection` that is the page it goes on (its first, or its second
   * after a blank page when it goes on a left-hand one): what `appendContinuation` takes as `from`.
   */
  static continuedPage(recto: boolean): number {
    return recto ? 0 : 1;
  }

  /** Physical page index is even for right-hand pages (page 1 is a right-hand page). */
  static isRecto(index: number): boolean {
    return index % 2 === 0;
  }

  textX(index: number): number {
    return Flow.isRecto(index) ? this.geometry.inner : this.geometry.outer;
  }

  startSection(start: SectionStart): PageModel {
    this.section = start;
    if (start.recto && this.pages.length % 2 === 1) this.addPage(true);
    this.addPage(false);
    this.page.opening = true;
    this.opening = true;
    return this.page;
  }

  private addPage(blank: boolean): void {
    const s = this.section!;
    const index = this.pages.length;
    this.pages.push({ index, kind: s.kind, section: s.section, sectionTitle: s.title, opening: false, blank, items: [] });
    this.setFrames(index, 0);
  }

  private setFrames(index: number, y: number): void {
    const s = this.section!;
    const g = this.geometry;
    const width = (g.measure - s.columnGap * (s.columns - 1)) / s.columns;
    this.frames = Array.from({ length: s.columns }, (_, c) => ({ x: this.textX(index) + c * (width + s.columnGap), top: g.top, width, height: g.textHeight }));
    this.frameIndex = 0;
    this.y = y;
  }

  /** Where placing stands on the last page: what a section laid out on its own hands on (see appendSection). */
  get end(): SectionEnd {
    const end: SectionEnd = { y: this.y, opening: this.opening };
    if (this.frameIndex > 0) end.column = this.frameIndex;
    if (Math.abs(this.frame.top - this.geometry.top) > EPS) end.top = this.frame.top;
    return end;
  }

  /** Go on from `end` on the last page (see SectionEnd), in the current section's columns. */
  private resume(end: SectionEnd): void {
    this.setFrames(this.pages.length - 1, end.y);
    if (end.top !== undefined) {
      const top = end.top;
      for (const f of this.frames) {
        f.height = f.top + f.height - top;
        f.top = top;
      }
    }
    this.frameIndex = Math.min(end.column ?? 0, this.frames.length - 1);
    this.opening = end.opening;
  }

  /**
   * Take over the pages of a section laid out by a flow of its own (an article's, maybe from the build
   * cache), starting like `startSection`; their anchors are taken over where the pages now stand. Placing
   * then goes on from `end` on the last of them. The pages must have been laid out from a page of the
   * same hand, since the margins alternate.
   */
  appendSection(start: SectionStart, pages: readonly PageModel[], anchors: Anchors, end: SectionEnd): void {
    this.section = start;
    if (start.recto && this.pages.length % 2 === 1) this.addPage(true);
    const offset = this.pages.length;
    if (pages.length === 0 || offset % 2 !== 0) throw new Error(`section \`${start.section}\` laid out from a right-hand page cannot start on page ${offset + 1}`);
    for (const page of pages) this.pages.push({ ...page, index: offset + page.index, items: [...page.items] });
    this.anchors.takeOver(anchors, offset);
    this.resume(end);
  }

  /**
   * Append the pages of a flow that started on a right-hand page (the book's body after its front
   * matter), from the next right-hand page; returns the index of the first.
   */
  appendBody(pages: readonly PageModel[], anchors: Anchors): number {
    let start = this.pages.length;
    if (start % 2 === 1 && pages.length > 0) {
      const first = pages[0]!;
      this.pages.push({ index: start, kind: first.kind, section: first.section, sectionTitle: first.sectionTitle, opening: false, blank: true, items: [] });
      start++;
    }
    for (const page of pages) this.pages.push({ ...page, index: start + page.index });
    this.anchors.takeOver(anchors, start);
    return start;
  }

  /** Lay out a whole section from a new page. */
  placeSection(plan: SectionPlan): void {
    this.startSection(plan.start);
    const from = plan.columns?.from ?? plan.blocks.length;
    this.place(plan.blocks.slice(0, from));
    if (!plan.columns) return;
    this.setColumns(plan.columns.count, plan.columns.gap);
    this.place(plan.blocks.slice(from));
  }

  /**
   * Go on from where a section laid out elsewhere left off (`end`, on a page of the given hand): what
   * is placed then belongs on that page and the section's next ones. Used with `appendContinuation`.
   */
  continueSection(start: SectionStart, recto: boolean, end: SectionEnd): void {
    this.section = start;
    if (!recto && this.pages.length % 2 === 0) this.addPage(true);
    this.addPage(false);
    this.resume(end);
  }

  /**
   * Take over what a flow that went on with `continueSection` placed: the items of its first page
   * (page `from` of it) go on the current page, its further pages after it.
   */
  appendContinuation(pages: readonly PageModel[], from: number, anchors: Anchors, end: SectionEnd): void {
    const offset = this.page.index - from;
    if (pages.length <= from || offset % 2 !== 0) throw new Error('a continuation must go on a page of the hand it was laid out on');
    this.page.items.push(...pages[from]!.items);
    for (const page of pages.slice(from + 1)) this.pages.push({ ...page, index: offset + page.index, items: [...page.items] });
    this.anchors.takeOver(anchors, offset, from);
    this.resume(end);
  }

  /** Set the rest of the current page, and the section's next pages, in `columns` columns. */
  setColumns(columns: number, columnGap: number): void {
    const s = this.section!;
    this.section = { ...s, columns, columnGap };
    const f = this.frame;
    const x = this.textX(this.page.index);
    const width = (this.geometry.measure - columnGap * (columns - 1)) / columns;
    const top = f.top + this.y;
    const height = f.height - this.y;
    this.frames = Array.from({ length: columns }, (_, c) => ({ x: x + c * (width + columnGap), top, width, height }));
    this.frameIndex = 0;
    this.y = 0;
  }

  private get frame(): Frame {
    return this.frames[this.frameIndex]!;
  }

  private nextFrame(): void {
    if (this.frameIndex + 1 < this.frames.length) {
      this.frameIndex++;
      this.y = 0;
    } else {
      this.addPage(false);
    }
  }

  /** At the head of a column, where space above a block is dropped (except at a section's opening). */
  private get atTop(): boolean {
    return this.y < EPS && !this.opening;
  }

  private get remaining(): number {
    return this.frame.height - this.y;
  }

  /** Lines of a text block set in `width`, cached by block key and content across layout passes. */
  setText(block: TextBlock, width: number): SetText {
    const f = block.format;
    let content = this.contentKeys.get(block);
    if (content === undefined) {
      content = `${block.key}\u0001${f.firstIndent}\u0001${f.restIndent}\u0001${f.align}\u0001${f.avoidLonelyLast}${f.preferSpaces === true}\u0001${block.spans.map((s) => `${s.style.font}:${s.style.size}:${s.keep ? 1 : 0}${s.tight ? 1 : 0}:${s.text}`).join('\u0002')}`;
      this.contentKeys.set(block, content);
    }
    let settings = this.cache.get(content);
    if (!settings) {
      const atoms = atomize(block.spans, this.metrics);
      const widest = atoms.reduce((w, a) => (a.kind === 'word' && a.width > w ? a.width : w), 0);
      this.cache.set(content, (settings = { atoms, widest, byWidth: new Map() }));
    }
    let set = settings.byWidth.get(width);
    if (!set) {
      const maxWidth = width - Math.max(f.firstIndent, f.restIndent);
      const atoms = settings.widest > maxWidth ? atomize(block.spans, this.metrics, maxWidth) : settings.atoms;
      const lines = breakLines(atoms, { width, firstIndent: f.firstIndent, restIndent: f.restIndent, align: f.align, avoidLonelyLast: f.avoidLonelyLast, preferSpaces: f.preferSpaces === true });
      const spanStart = block.spans.map(() => -1);
      atoms.forEach((a, i) => {
        if (spanStart[a.span] === -1 && a.kind !== 'space') spanStart[a.span] = i;
      });
      set = { atoms, lines, spanStart };
      settings.byWidth.set(width, set);
    }
    return set;
  }

  private tailWidth(block: TextBlock): number {
    if (!block.tail) return 0;
    return block.tail.spans.reduce((w, s) => w + this.metrics.width(s.text, s.style.font, s.style.size), 0) + block.format.lineHeight * 0.6;
  }

  private linesFor(block: TextBlock): SetText {
    return this.setText(block, this.frame.width - this.tailWidth(block));
  }

  /**
   * Place blocks down the columns. `trailer` is the height that what comes after them (placed later)
   * needs with the last one, should that one keep with the next.
   */
  place(blocks: readonly Block[], trailer = 0): void {
    this.trailer = trailer;
    blocks.forEach((block, i) => this.placeText(block, blocks, i + 1));
    this.trailer = 0;
  }

  /** Height the blocks after a heading need on the same page: their space and first lines. */
  private keepHeight(blocks: readonly Block[], from: number): number {
    const next = blocks[from];
    if (!next) return this.trailer;
    const n = this.linesFor(next).lines.length;
    const f = next.format;
    // As many lines as the next block will insist on having together: all of them if it cannot split.
    const together = f.keepWithNext || f.keepTogether || n < MIN_LINES * 2 ? n : MIN_LINES;
    const own = f.spaceBefore + together * f.lineHeight;
    return own + (f.keepWithNext ? f.spaceAfter + this.keepHeight(blocks, from + 1) : 0);
  }

  /** Place `block`; `blocks[next]` and on are what follows it (for keep-with-next). */
  private placeText(block: TextBlock, blocks: readonly Block[], next: number): void {
    const set = this.linesFor(block);
    const f = block.format;
    const n = set.lines.length;
    if (n === 0) return;
    const before = (): number => (this.atTop ? 0 : f.spaceBefore);
    const whole = (): number => before() + n * f.lineHeight + (f.keepWithNext ? f.spaceAfter + this.keepHeight(blocks, next) : 0);
    const unsplittable = f.keepWithNext || f.keepTogether || n < MIN_LINES * 2;
    if (whole() > this.remaining + EPS && this.y > EPS) {
      if (unsplittable) this.nextFrame();
      else {
        const fit = Math.floor((this.remaining - before() + EPS) / f.lineHeight);
        if (Math.min(fit, n - MIN_LINES) < MIN_LINES) this.nextFrame();
      }
    }
    const above = before();
    this.opening = false;
    let from = 0;
    let first = true;
    while (from < n) {
      this.y += first ? above : 0;
      const fit = Math.max(1, Math.floor((this.remaining + EPS) / f.lineHeight));
      let count = Math.min(n - from, fit);
      if (count < n - from && !unsplittable && n - from - count < MIN_LINES && count > MIN_LINES) count = n - from - MIN_LINES;
      this.emitLines(block, set, from, count, first);
      from += count;
      first = false;
      if (from < n) this.nextFrame();
    }
    this.y += f.spaceAfter;
  }

  private emitLines(block: TextBlock, set: SetText, from: number, count: number, first: boolean): void {
    const f = block.format;
    const frame = this.frame;
    for (let k = from; k < from + count; k++) {
      const line = set.lines[k]!;
      const top = frame.top + this.y;
      let size = block.spans[0]?.style.size ?? 0;
      for (let j = 0; j < line.count; j++) size = Math.max(size, block.spans[line.atom(j).span]!.style.size);
      const item = this.lineItem(line, block.spans, frame.x, top, top + baselineIn(f.lineHeight, size), f.lineHeight, block.role, block.struct);
      this.page.items.push(item);
      if (first && k === from) for (const id of block.anchors) this.record(id, frame.x + line.x0, top);
      for (let j = 0; j < line.count; j++) {
        const atom = line.atom(j);
        const span = block.spans[atom.span]!;
        if (span.anchors && set.spanStart[atom.span] === line.first + j) for (const id of span.anchors) this.record(id, frame.x + line.x(j), top);
      }
      if (k === set.lines.length - 1 && block.tail) this.emitTail(block, frame.x, frame.width, line, item);
      this.y += f.lineHeight;
    }
  }

  private emitTail(block: TextBlock, x: number, width: number, line: Line, lineItem: LineItem): void {
    const tail = block.tail!;
    const tailBlock: TextBlock = { ...block, key: `${block.key}#tail`, spans: tail.spans, format: { ...block.format, firstIndent: 0, restIndent: 0, align: 'right' }, anchors: [] };
    const set = this.setText(tailBlock, width);
    const tailLine = set.lines[0];
    if (!tailLine) return;
    this.page.items.push(this.lineItem(tailLine, tail.spans, lineItem.x, lineItem.top, lineItem.baseline, lineItem.height, lineItem.role, lineItem.struct));
    if (tail.leader) {
      const style = block.spans[0]?.style ?? tail.spans[0]!.style;
      const gap = style.size * 0.4;
      this.page.items.push({ type: 'leader', x1: x + line.right + gap, x2: x + tailLine.x0 - gap, baseline: lineItem.baseline, style });
    }
  }

  /** A set line as a page item: its box, its glyph runs and links. */
  lineItem(line: Line, spans: readonly Span[], x: number, top: number, baseline: number, height: number, role: LineRole, struct: StructRef | null): LineItem {
    const { runs, links } = lineRuns(line, spans, this.metrics, this.glyphs);
    return {
      type: 'line',
      x: round3(x),
      top: round3(top),
      baseline: round3(baseline),
      height,
      line: { text: line.text, start: line.start, final: line.final, x0: round3(line.x0), right: round3(line.right), measure: line.measure },
      runs,
      links,
      role,
      struct,
    };
  }

  private record(id: string, x: number, y: number): void {
    this.anchors.record(id, { page: this.page.index, x, y });
  }

  /** Place a block's lines at an exact position on the current page (cover, title page). */
  placeAt(block: TextBlock, top: number): number {
    const saved = this.y;
    this.y = top - this.frame.top;
    const set = this.setText(block, this.frame.width);
    this.emitLines(block, set, 0, set.lines.length, true);
    const bottom = this.frame.top + this.y;
    this.y = saved;
    return bottom;
  }

  /** Height a block takes when set in the current column. */
  heightOf(block: TextBlock): number {
    return this.setText(block, this.frame.width).lines.length * block.format.lineHeight;
  }
}
