/**
 * A set line → what the painter writes: runs of glyphs in one style, each one TJ array. Each atom's
 * glyphs go where the line layout put them: the gap to the next atom (justification, squeezed marks) is
 * a TJ displacement, so what is painted is exactly what was measured and the text stays one string for
 * copying and search. Done once at layout time, so painting — and repainting a cached article — only
 * maps glyph ids to the subset's.
 *
 * A run's glyphs are written compactly, as indexes into a table of the glyphs its layout used (two
 * characters each), since laid-out articles are kept in the build cache as JSON.
 */
import type { FontKey, Metrics, Shaped, Span } from './atoms.js';
import type { Line } from './linebreak.js';
import type { GlyphRun, GlyphSource, LinkBox } from './types.js';

/** The glyphs of one font a layout used: each with the text it stands for, in order of first use. */
export class GlyphTable implements GlyphSource {
  constructor(readonly font: FontKey) {}

  readonly gids: number[] = [];
  readonly texts: string[] = [];
  private readonly index = new Map<number, number>();

  /** The glyph's place in the table, added if new. */
  indexOf(gid: number, text: string): number {
    let i = this.index.get(gid);
    if (i === undefined) {
      i = this.gids.length;
      this.gids.push(gid);
      this.texts.push(text);
      this.index.set(gid, i);
    }
    return i;
  }

  eachGlyph(wanted: (gid: number) => boolean, visit: (gid: number, text: string) => void): void {
    this.gids.forEach((gid, i) => {
      if (wanted(gid)) visit(gid, this.texts[i]!);
    });
  }
}

/** The glyph tables of a layout, by font. */
export type GlyphTables = Map<FontKey, GlyphTable>;

export function tableOf(tables: GlyphTables, font: FontKey): GlyphTable {
  let table = tables.get(font);
  if (!table) tables.set(font, (table = new GlyphTable(font)));
  return table;
}

/** 64 characters that need no escaping in JSON: a glyph's table index is two of them (or `~` and three). */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i;

export function glyphCode(index: number): string {
  if (index < 4096) return DIGITS[index >> 6]! + DIGITS[index & 63]!;
  return '~' + DIGITS[(index >> 12) & 63]! + DIGITS[(index >> 6) & 63]! + DIGITS[index & 63]!;
}

/**
 * Walk a run's codes: `glyph(i)` for each glyph's table index, `shift(n)` for a displacement (TJ
 * number, thousandths of an em) written between glyphs as `(n)`.
 */
export function readCodes(codes: string, glyph: (index: number) => void, shift: (n: string) => void): void {
  const n = codes.length;
  let i = 0;
  while (i < n) {
    const c = codes.charCodeAt(i);
    if (c === 40 /* ( */) {
      const close = codes.indexOf(')', i);
      shift(codes.slice(i + 1, close));
      i = close + 1;
    } else if (c === 126 /* ~ */) {
      glyph((VALUE[codes.charCodeAt(i + 1)]! << 12) | (VALUE[codes.charCodeAt(i + 2)]! << 6) | VALUE[codes.charCodeAt(i + 3)]!);
      i += 4;
    } else {
      glyph((VALUE[c]! << 6) | VALUE[codes.charCodeAt(i + 1)]!);
      i += 2;
    }
  }
}

export interface LineRuns {
  runs: GlyphRun[];
  links: LinkBox[];
}

/** Numbers as the PDF content writes them: at most three decimals, no trailing zeros. */
export function num(n: number): string {
  const r = Math.round(n * 1000);
  if (r % 1000 === 0) return String(r / 1000);
  const s = (Math.abs(r) / 1000).toFixed(3);
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  return (r < 0 ? '-' : '') + s.slice(0, end);
}

const HEX = Array.from({ length: 16 }, (_, i) => i.toString(16));

export function hex4(n: number): string {
  return HEX[(n >> 12) & 15]! + HEX[(n >> 8) & 15]! + HEX[(n >> 4) & 15]! + HEX[n & 15]!;
}

/** Rounded the way every stored position is, to a thousandth of a point (what the PDF writes), never -0. */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000 + 0;
}

export function lineRuns(line: Line, spans: readonly Span[], metrics: Metrics, tables: GlyphTables): LineRuns {
  const shape = metrics.shape;
  const n = line.count;
  const runs: GlyphRun[] = [];
  let k = 0;
  while (shape && k < n) {
    const style = spans[line.atom(k).span]!.style;
    let end = k + 1;
    while (end < n && sameStyle(spans[line.atom(end).span]!.style, style)) end++;
    const table = tableOf(tables, style.font);
    const scale = 1000 / style.size;
    let codes = '';
    for (let i = k; i < end; i++) {
      const atom = line.atom(i);
      const shaped: Shaped = shape(atom.text, style.font, atom.features);
      const count = shaped.gids.length;
      let natural = 0;
      for (let g = 0; g < count; g++) {
        codes += glyphCode(table.indexOf(shaped.gids[g]!, shaped.chars[g]!));
        natural += shaped.xAdvance[g]!;
        if (i === end - 1 && g === count - 1) break; // nothing follows in this run
        let shift = shaped.xAdvance[g]! - shaped.advanceWidth[g]!; // kerning inside a Latin word
        if (g === count - 1) shift += (line.penX(i + 1) - line.penX(i)) * scale - natural;
        if (Math.abs(shift) >= 0.0005) codes += `(${num(-shift)})`;
      }
    }
    runs.push({ font: style.font, size: style.size, color: style.color, x: round3(line.penX(k)), codes, table });
    k = end;
  }
  return { runs, links: linkBoxes(line, spans) };
}

/** The stretches of the line whose atoms link somewhere. */
function linkBoxes(line: Line, spans: readonly Span[]): LinkBox[] {
  const boxes: LinkBox[] = [];
  const n = line.count;
  let k = 0;
  while (k < n) {
    const link = spans[line.atom(k).span]!.link;
    let end = k + 1;
    while (end < n && spans[line.atom(end).span]!.link === link) end++;
    if (link) boxes.push({ x1: round3(line.x(k)), x2: round3(line.x(end - 1) + line.advance(end - 1)), link });
    k = end;
  }
  return boxes;
}

function sameStyle(a: { font: string; size: number; color: string }, b: { font: string; size: number; color: string }): boolean {
  return a.font === b.font && a.size === b.size && a.color === b.color;
}
