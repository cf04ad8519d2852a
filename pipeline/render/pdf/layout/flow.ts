/**
 * Pagination: blocks flow down the columns of the pages of a section. Headings stay with the first lines
 * of what follows them, a paragraph is split only with at least two lines on each side (no orphans or
 * widows), space above a block is dropped at the top of a column, and each section starts on a new page
 * — a right-hand one where asked, leaving the left-hand page before it blank.
 */
import { atomize, type Atom, type Metrics } from './atoms.js';
import { breakLines, type Line } from './linebreak.js';
import type { AnchorPlace, Block, LineItem, PageKind, PageModel, TextBlock } from './types.js';
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

export interface SectionStart {
  section: string;
  title: string | null;
  kind: PageKind;
  /** Start on a right-hand (odd) page. */
  recto: boolean;
  columns: number;
  columnGap: number;
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
  readonly anchors = new Map<string, AnchorPlace>();
  private section: SectionStart | null = null;
  private frames: Frame[] = [];
  private frameIndex = 0;
  /** Distance from the current frame's top to where the next block goes. */
  private y = 0;
  /** Nothing placed yet on a section's first page: the first block keeps its space above (a sink). */
  private opening = false;
  /** What a block's line layout depends on, worked out once per block object. */
  private readonly contentKeys = new WeakMap<TextBlock, string>();

  constructor(
    private readonly geometry: Geometry,
    private readonly metrics: Metrics,
    /** Line layouts by block content, then measure; shared by the layout passes. */
    private readonly cache: Map<string, Map<number, SetText>>,
  ) {}

  get page(): PageModel {
    return this.pages.at(-1)!;
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
    const g = this.geometry;
    const width = (g.measure - s.columnGap * (s.columns - 1)) / s.columns;
    this.frames = Array.from({ length: s.columns }, (_, c) => ({ x: this.textX(index) + c * (width + s.columnGap), top: g.top, width, height: g.textHeight }));
    this.frameIndex = 0;
    this.y = 0;
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
    let byWidth = this.cache.get(content);
    if (!byWidth) this.cache.set(content, (byWidth = new Map()));
    let set = byWidth.get(width);
    if (!set) {
      const atoms = atomize(block.spans, this.metrics, width - Math.max(f.firstIndent, f.restIndent));
      const lines = breakLines(atoms, { width, firstIndent: f.firstIndent, restIndent: f.restIndent, align: f.align, avoidLonelyLast: f.avoidLonelyLast, preferSpaces: f.preferSpaces === true });
      const spanStart = block.spans.map(() => -1);
      atoms.forEach((a, i) => {
        if (spanStart[a.span] === -1 && a.kind !== 'space') spanStart[a.span] = i;
      });
      set = { atoms, lines, spanStart };
      byWidth.set(width, set);
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

  place(blocks: readonly Block[]): void {
    blocks.forEach((block, i) => this.placeText(block, blocks, i + 1));
  }

  /** Height the blocks after a heading need on the same page: their space and first lines. */
  private keepHeight(blocks: readonly Block[], from: number): number {
    const next = blocks[from];
    if (!next) return 0;
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
      const item: LineItem = {
        type: 'line',
        x: frame.x,
        top,
        baseline: top + baselineIn(f.lineHeight, size),
        height: f.lineHeight,
        line,
        spans: block.spans,
        role: block.role,
        struct: block.struct,
      };
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
    this.page.items.push({ ...lineItem, line: tailLine, spans: tail.spans });
    if (tail.leader) {
      const style = block.spans[0]?.style ?? tail.spans[0]!.style;
      const gap = style.size * 0.4;
      this.page.items.push({ type: 'leader', x1: x + line.right + gap, x2: x + tailLine.x0 - gap, baseline: lineItem.baseline, style });
    }
  }

  private record(id: string, x: number, y: number): void {
    if (!this.anchors.has(id)) this.anchors.set(id, { page: this.page.index, x, y });
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
