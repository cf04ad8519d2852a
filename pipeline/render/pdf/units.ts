/**
 * Laid-out pages as units of the build cache. A flow of pages — an article, the contents, the glossary,
 * the index, an article's related list, the running heads — is a pure function of what it sets (its
 * blocks, or the article's IR), the style, the page size and the fonts; `Units.flow` reuses it from an
 * earlier build when those are the same, and within one render when a layout pass asks again.
 *
 * Stored as compact JSON (`FlowData`): items as arrays, structure elements, text styles and link targets
 * in tables, each glyph run as codes into the glyph table of its font. Fresh layouts go through the same
 * encoding, so a cached book and an uncached one are painted from identical values.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Diagnostic } from '../../diagnostics.js';
import type { RenderContext } from '../index.js';
import { ownedBy, StoredAnchors, type Anchors, type StoredAnchor } from './layout/anchors.js';
import type { Span, TextStyle } from './layout/atoms.js';
import type { SectionEnd } from './layout/flow.js';
import { GlyphTable, hex4, readCodes, round3 } from './layout/runs.js';
import type { GlyphRun, GlyphSource, LineBox, LineItem, LineRole, LinkBox, PageItem, PageKind, PageModel, PaintedPage, StructRef, TextBlock } from './layout/types.js';
import { pageContent } from './paint/content.js';

/** Bumped when the stored shape changes (the pipeline's code is part of every key anyway). */
const FORMAT = 6;

/** Pages laid out by a flow of their own, numbered from 0 (a right-hand page). */
export interface FlowLayout {
  pages: PageModel[];
  anchors: Anchors;
  /** Where placing stood at the end, on the last page. */
  end: SectionEnd;
  /** Warnings raised while laying it out (reported by the book, once). */
  messages: Diagnostic[];
  /** An article's sections for the contents, its top-level headings: kept with its layout, so a reused one needs no article read. */
  outline?: OutlineEntry[];
}

export interface OutlineEntry {
  title: string;
  anchor: string;
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * What some blocks set, as a key of their layout, and their link targets. A layout does not depend on
 * where links go, only on which texts link — and the glossary's and index's page references go to the
 * occurrences of terms, whose ids change with their paragraph's text. So the key holds each target's place
 * in the list of targets instead, and a stored layout's links are given the current targets through it.
 * Each span's style is written once in a table and the span gives its place there: a page reference is a
 * span, and the glossary and the index hold thousands (their JSON was half styles).
 */
export function linkSlots(blocks: readonly TextBlock[], rest: unknown = null): { key: string; targets: string[] } {
  const slots = new Map<string, number>();
  const styles = new Map<string, number>();
  const replaced: Array<[Span, string | null | undefined, TextStyle]> = [];
  for (const block of blocks) {
    for (const span of [...block.spans, ...(block.tail?.spans ?? [])]) {
      const { link, style } = span;
      // A span met twice (shared by two blocks) has its place already.
      if (typeof style !== 'object') continue;
      const styleKey = `${style.font}\u0000${style.size}\u0000${style.color}`;
      let styleSlot = styles.get(styleKey);
      if (styleSlot === undefined) styles.set(styleKey, (styleSlot = styles.size));
      replaced.push([span, link, style]);
      (span as { style: unknown }).style = styleSlot;
      if (typeof link !== 'string') continue;
      let slot = slots.get(link);
      if (slot === undefined) slots.set(link, (slot = slots.size));
      (span as { link: unknown }).link = slot;
    }
  }
  // The blocks are serialised with places in place of their links and styles, then given them back.
  const json = JSON.stringify([rest, [...styles.keys()], blocks]);
  for (const [span, link, style] of replaced) {
    span.style = style;
    if (typeof link === 'string') span.link = link;
  }
  return { key: createHash('sha256').update(json).digest('hex'), targets: [...slots.keys()] };
}

export interface UnitOptions {
  /** Link targets (see linkSlots): its links are stored as places in that list. */
  targets?: readonly string[];
  /**
   * Keep its pages from this one on painted, their content written as from the top of a page, not their
   * items: 0 for flows that start pages (articles, sections). A flow that goes on a page begun elsewhere
   * keeps that page as items (its marked content ids would clash) and paints from the next one.
   */
  paintFrom?: number;
}

/**
 * Article layouts decoded ahead of the IR: the stored values of article units a render thread read ahead
 * from the cache (what a rebuild reuses most), decoded while it waits for the IR instead of after it.
 * Keyed by the stored value, which the cache hands the render again when it asks for the unit.
 */
export class DecodedAhead {
  private readonly decoded = new WeakMap<object, FlowLayout>();
  private stopped = false;

  constructor(values: AsyncIterable<unknown>) {
    void this.run(values);
  }

  /** No more decoding ahead: the render has begun, and decodes the rest as it asks for them. */
  stop(): void {
    this.stopped = true;
  }

  /** The layout decoded ahead from `data`, once (asked again, it is decoded anew). */
  take(data: object): FlowLayout | undefined {
    const layout = this.decoded.get(data);
    if (layout) this.decoded.delete(data);
    return layout;
  }

  private async run(values: AsyncIterable<unknown>): Promise<void> {
    let since = performance.now();
    for await (const value of values) {
      if (this.stopped) return;
      // An article's layout is the only one stored with its outline, and with its links' targets.
      if (typeof value === 'object' && value !== null && Array.isArray((value as FlowData).outline)) this.decoded.set(value, decodeFlow(value as FlowData));
      // Now and then the thread takes its messages (the IR arriving).
      if (performance.now() - since > 5) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
  }
}

/** The build cache (`memo`) for flows, with what every unit depends on added to each key. */
export class Units {
  /** Units asked for in this render: what was stored, and the fresh layout if it was made here. */
  private readonly seen = new Map<string, Promise<{ data: FlowData; fresh: FlowLayout | null }>>();
  /**
   * Every unit asked for: what the book is made of. Kept in no particular order: the parts of the
   * glossary and the index are asked for in turn as their reads from the cache come back.
   */
  private readonly asked: string[] = [];

  /** The style, page size, fonts and script, hashed once: every unit's key holds them. */
  private readonly common: { common: string };

  constructor(
    private readonly memo: RenderContext['memo'],
    /** The style, page size, fonts, script: inputs of every unit. */
    common: Record<string, unknown>,
    /** Height of the page (pt), for painting. */
    private readonly pageHeight: number,
    /**
     * Keep the items of flows laid out in this render on their pages (what the tests inspect). Painting
     * needs only what is stored, so a render drops them: a thousand articles' lines are a lot of memory.
     */
    private readonly keepItems = true,
    /** Article layouts decoded ahead, taken instead of decoding them here. */
    private readonly ahead: DecodedAhead | null = null,
  ) {
    this.common = { common: contentHash(common) };
  }

  /** A digest of the inputs of every unit asked for so far, whatever the order they were asked in. */
  digest(): string {
    const hash = createHash('sha256');
    for (const key of [...this.asked].sort()) hash.update(key).update('\u0000');
    return hash.digest('hex');
  }

  /** A flow laid out by `compute`, or by an earlier build or layout pass from the same inputs. */
  async flow(unit: string, inputs: Record<string, unknown>, compute: () => FlowLayout, options: UnitOptions = {}): Promise<FlowLayout> {
    const key = `${unit}\u0000${JSON.stringify(inputs)}`;
    this.asked.push(key);
    let entry = this.seen.get(key);
    if (!entry) {
      let fresh: FlowLayout | null = null;
      entry = this.memo(unit, { format: FORMAT, ...this.common, ...inputs }, () => {
        const made = compute();
        if (this.keepItems) fresh = made;
        return encodeFlow(made, options.targets, options.paintFrom === undefined ? null : this.pageHeight, options.paintFrom);
      }).then((data) => ({ data, fresh }));
      this.seen.set(key, entry);
    }
    const { data, fresh } = await entry;
    const stored = (options.targets === undefined ? this.ahead?.take(data) : undefined) ?? decodeFlow(data, options.targets);
    if (!fresh) return stored;
    // Made in this render: its own items are at hand (what the tests inspect), painted as stored.
    const made: FlowLayout = fresh;
    return {
      ...stored,
      pages: stored.pages.map((page, i) => {
        const items = made.pages[i]!.items;
        return page.painted ? { ...page, items: [...items], painted: { ...page.painted, items: items.length } } : page;
      }),
    };
  }
}

// ---- the stored form ----------------------------------------------------------------------------

/** A glyph run: style (index), pen x, codes, glyph table (index). */
type RunData = [number, number, string, number];
/** A link: x1, x2, target (index). */
type LinkData = [number, number, number];
/**
 * A line: 0, x, top, baseline, height, role, struct (index; -1 for none), start, final (0/1), x0, right,
 * measure, runs, links, and its text where it is not the text of its glyphs.
 */
type LineData = [0, number, number, number, number, LineRole, number, number, 0 | 1, number, number, number, RunData[], LinkData[], string?];
type LeaderData = [1, number, number, number, number];
type RuleData = [2, number, number, number, number, string];
type RectData = [3, number, number, number, number, string];
type ItemData = LineData | LeaderData | RuleData | RectData;
/** A painted page: deflated content (base64), structure element (index) of each mark, links (x1, y1, x2, y2, target index), fonts. */
type PaintedData = [string, number[], Array<[number, number, number, number, number]>, string[]];
/** A page: kind, section, section title (index; -1 for none), opening (0/1), blank (0/1), items, painted. */
type PageData = [PageKind, string, number, 0 | 1, 0 | 1, ItemData[], PaintedData?];

/**
 * The stored form. It is kept to ASCII (read and parsed faster): the few texts — titles, messages, what
 * glyphs stand for — are escaped.
 */
export interface FlowData {
  /** Titles of pages and structure elements, URI-escaped. */
  titles: string[];
  /** Structure elements: key, role, parent (index into this list; -1 for none), title (index; -1 for none). */
  structs: Array<[string, string, number, number]>;
  /** Text styles: font, size, colour. */
  styles: Array<[string, number, string]>;
  links: string[];
  /** Glyph tables: font, then each glyph as 4 hex digits of its id, 2 of the length of its text, the text as UTF-16 code units in hex. */
  tables: Array<[string, string]>;
  pages: PageData[];
  /** Anchors: id, page, x, y; those of the first page's section (an article's own, see `ownedBy`) without its id. */
  anchors: { own: StoredAnchor[]; other: StoredAnchor[] };
  /** Where placing stood: y, opening (0/1), and in columns the column and the columns' top (see SectionEnd). */
  end: [number, 0 | 1, number?, number?];
  /** The messages as JSON, URI-escaped. */
  messages: string;
  /** The outline: anchor, title (URI-escaped). */
  outline?: Array<[string, string]>;
}

/** Indexes of distinct values, in order of first use. */
class Table<K, V> {
  readonly values: V[] = [];
  private readonly index = new Map<K, number>();
  of(key: K, value: () => V): number {
    let i = this.index.get(key);
    if (i === undefined) {
      // Made first: making it may add to the table (a structure element's parent before it).
      const made = value();
      i = this.values.length;
      this.index.set(key, i);
      this.values.push(made);
    }
    return i;
  }
}

/**
 * The stored form of a layout; with `paintHeight`, its pages from `paintFrom` on painted (on pages that
 * tall) instead of their items.
 */
export function encodeFlow(layout: FlowLayout, targets?: readonly string[], paintHeight: number | null = null, paintFrom = 0): FlowData {
  const titles = new Table<string, string>();
  const titleOf = (title: string | null | undefined): number => (title ? titles.of(title, () => encodeURIComponent(title)) : -1);
  const structs = new Table<string, [string, string, number, number]>();
  const structOf = (ref: StructRef | null): number => {
    if (ref === null) return -1;
    return structs.of(ref.key, () => [ref.key, ref.role, structOf(ref.parent), titleOf(ref.title)]);
  };
  const styles = new Table<string, [string, number, string]>();
  const styleOf = (s: TextStyle): number => styles.of(`${s.font}\u0000${s.size}\u0000${s.color}`, () => [s.font, s.size, s.color]);
  const links = new Table<string, string>();
  // Links as places in the given list of targets: the list is not stored.
  targets?.forEach((t) => links.of(t, () => t));
  const linkOf = (target: string): number => links.of(target, () => target);
  const tables = new Table<GlyphTable, GlyphTable>();
  const item = (it: PageItem): ItemData => {
    switch (it.type) {
      case 'line': {
        const l = it.line;
        const runs = it.runs.map((r): RunData => [styleOf(r), r.x, r.codes, tables.of(r.table, () => r.table)]);
        const data: LineData = [0, it.x, it.top, it.baseline, it.height, it.role, structOf(it.struct), l.start, l.final ? 1 : 0, l.x0, l.right, l.measure, runs, it.links.map((k): LinkData => [k.x1, k.x2, linkOf(k.link)])];
        if (glyphText(it.runs) !== l.text) data.push(encodeURIComponent(l.text));
        return data;
      }
      case 'leader':
        return [1, round3(it.x1), round3(it.x2), round3(it.baseline), styleOf(it.style)];
      case 'rule':
        return [2, round3(it.x1), round3(it.x2), round3(it.y), it.thickness, it.color];
      case 'rect':
        return [3, round3(it.x), round3(it.y), round3(it.width), round3(it.height), it.color];
    }
  };
  const painted = (p: PageModel): PaintedData => {
    for (const it of p.items) if (it.type === 'line') for (const r of it.runs) tables.of(r.table, () => r.table);
    const content = pageContent(p.items, 0, paintHeight!, 0);
    const bytes = deflateSync(Buffer.from(content.ops.join('\n') + '\n', 'latin1'));
    return [bytes.toString('base64'), content.marks.map(structOf), content.links.map(([x1, y1, x2, y2, target]) => [x1, y1, x2, y2, linkOf(target)]), [...content.fonts].sort()];
  };
  const pages = layout.pages.map((p): PageData => {
    const head: [PageKind, string, number, 0 | 1, 0 | 1] = [p.kind, p.section, titleOf(p.sectionTitle), p.opening ? 1 : 0, p.blank ? 1 : 0];
    return paintHeight === null || p.index < paintFrom ? [...head, p.items.map(item)] : [...head, [], painted(p)];
  });
  return {
    titles: titles.values,
    structs: structs.values,
    styles: styles.values,
    links: targets ? [] : links.values,
    tables: tables.values.map((t) => [t.font, packTable(t)]),
    pages,
    anchors: encodeAnchors(layout),
    end: encodeEnd(layout.end),
    messages: encodeURIComponent(JSON.stringify(layout.messages)),
    ...(layout.outline ? { outline: layout.outline.map((h): [string, string] => [h.anchor, encodeURIComponent(h.title)]) } : {}),
  };
}

export function decodeFlow(data: FlowData, targets?: readonly string[]): FlowLayout {
  const linkTargets = targets ?? data.links;
  const titles = data.titles.map((t) => decodeURIComponent(t));
  const structs: StructRef[] = [];
  for (const [key, role, parent, title] of data.structs) {
    const ref: StructRef = { key, role, parent: parent < 0 ? null : structs[parent]! };
    if (title >= 0) ref.title = titles[title]!;
    structs.push(ref);
  }
  const styles = data.styles.map(([font, size, color]): TextStyle => ({ font, size, color }));
  // Item runs index the tables; painted pages only hand the glyphs on, read from the stored text when painted.
  let unpacked: GlyphTable[] | null = null;
  const tableAt = (i: number): GlyphTable => (unpacked ??= data.tables.map(([font, packed]) => unpackTable(font, packed)))[i]!;
  const sources = data.tables.map(([font, packed]) => new PackedGlyphs(font, packed));
  const item = (d: ItemData): PageItem => {
    switch (d[0]) {
      case 0: {
        const [, x, top, baseline, height, role, struct, start, final, x0, right, measure, runs, links, text] = d;
        const glyphRuns = runs.map(([style, rx, codes, table]): GlyphRun => ({ ...styles[style]!, x: rx, codes, table: tableAt(table) }));
        const line: LineItem = {
          type: 'line',
          x,
          top,
          baseline,
          height,
          line: new StoredLine(start, final === 1, x0, right, measure, glyphRuns, text === undefined ? undefined : decodeURIComponent(text)),
          runs: glyphRuns,
          links: links.map(([x1, x2, link]): LinkBox => ({ x1, x2, link: linkTargets[link]! })),
          role,
          struct: struct < 0 ? null : structs[struct]!,
        };
        return line;
      }
      case 1:
        return { type: 'leader', x1: d[1], x2: d[2], baseline: d[3], style: styles[d[4]]! };
      case 2:
        return { type: 'rule', x1: d[1], x2: d[2], y: d[3], thickness: d[4], color: d[5] };
      case 3:
        return { type: 'rect', x: d[1], y: d[2], width: d[3], height: d[4], color: d[5] };
    }
  };
  const painted = ([content, marks, links, fonts]: PaintedData): PaintedPage => ({
    items: 0,
    content: Buffer.from(content, 'base64'),
    marks: marks.map((m) => structs[m]!),
    links: links.map(([x1, y1, x2, y2, target]) => [x1, y1, x2, y2, linkTargets[target]!]),
    fonts,
    glyphs: sources,
  });
  return {
    pages: data.pages.map(([kind, section, title, opening, blank, items, paint], index): PageModel => {
      const page: PageModel = { index, kind, section, sectionTitle: title < 0 ? null : titles[title]!, opening: opening === 1, blank: blank === 1, items: items.map(item) };
      if (paint) page.painted = painted(paint);
      return page;
    }),
    anchors: decodeAnchors(data),
    end: decodeEnd(data.end),
    messages: JSON.parse(decodeURIComponent(data.messages)) as Diagnostic[],
    ...(data.outline ? { outline: data.outline.map(([anchor, title]) => ({ anchor, title: decodeURIComponent(title) })) } : {}),
  };
}

function encodeEnd(end: SectionEnd): FlowData['end'] {
  const data: FlowData['end'] = [round3(end.y), end.opening ? 1 : 0];
  if (end.column !== undefined || end.top !== undefined) data.push(end.column ?? 0, end.top === undefined ? -1 : round3(end.top));
  return data;
}

function decodeEnd([y, opening, column, top]: FlowData['end']): SectionEnd {
  const end: SectionEnd = { y, opening: opening === 1 };
  if (column) end.column = column;
  if (top !== undefined && top >= 0) end.top = top;
  return end;
}

function encodeAnchors(layout: FlowLayout): FlowData['anchors'] {
  const section = layout.pages[0]?.section ?? '';
  const out: FlowData['anchors'] = { own: [], other: [] };
  layout.anchors.forEach((p, id) => {
    if (ownedBy(section, id)) out.own.push([id.slice(section.length), p.page, round3(p.x), round3(p.y)]);
    else out.other.push([id, p.page, round3(p.x), round3(p.y)]);
  });
  return out;
}

/** Looked up when asked for: most stored anchors are never read (see layout/anchors.ts). */
function decodeAnchors(data: FlowData): StoredAnchors {
  return new StoredAnchors(data.pages[0]?.[1] ?? '', data.anchors.own, data.anchors.other);
}

/** A stored line's box; its text (for inspection and tests) is read from its glyphs when asked for. */
class StoredLine implements LineBox {
  constructor(
    readonly start: number,
    readonly final: boolean,
    readonly x0: number,
    readonly right: number,
    readonly measure: number,
    private readonly runs: readonly GlyphRun[],
    private readonly ownText: string | undefined,
  ) {}

  get text(): string {
    return this.ownText ?? glyphText(this.runs);
  }
}

/** The text the glyphs of some runs stand for. */
export function glyphText(runs: readonly GlyphRun[]): string {
  let text = '';
  for (const run of runs) readCodes(run.codes, (i) => (text += run.table.texts[i]!), () => {});
  return text;
}

function packTable(table: GlyphTable): string {
  let out = '';
  table.gids.forEach((gid, i) => {
    const text = table.texts[i]!.slice(0, 63);
    let units = '';
    for (let k = 0; k < text.length; k++) units += hex4(text.charCodeAt(k));
    out += hex4(gid) + text.length.toString(16).padStart(2, '0') + units;
  });
  return out;
}

function unpackTable(font: string, packed: string): GlyphTable {
  const table = new GlyphTable(font);
  eachPacked(packed, () => true, (gid, text) => table.indexOf(gid, text));
  return table;
}

/**
 * A stored glyph table as a painted page hands it on: read glyph by glyph when the page is painted, the
 * text of a glyph made only when wanted (new to the document). An article's table holds a couple of
 * thousand glyphs, nearly all of them drawn by earlier articles too.
 */
class PackedGlyphs implements GlyphSource {
  constructor(
    readonly font: string,
    private readonly packed: string,
  ) {}

  eachGlyph(wanted: (gid: number) => boolean, visit: (gid: number, text: string) => void): void {
    eachPacked(this.packed, wanted, visit);
  }
}

/** The glyphs of a packed table (`packTable`), each wanted one with its text. */
function eachPacked(packed: string, wanted: (gid: number) => boolean, visit: (gid: number, text: string) => void): void {
  // Read digit by digit (a table is read for every unit reused: slicing and parsing each number costs).
  const hex = (at: number, digits: number): number => {
    let n = 0;
    for (let k = at; k < at + digits; k++) {
      const c = packed.charCodeAt(k);
      n = n * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
    }
    return n;
  };
  let i = 0;
  while (i < packed.length) {
    const gid = hex(i, 4);
    const length = hex(i + 4, 2);
    if (wanted(gid)) {
      let text = '';
      for (let k = 0; k < length; k++) text += String.fromCharCode(hex(i + 6 + 4 * k, 4));
      visit(gid, text);
    }
    i += 6 + 4 * length;
  }
}
