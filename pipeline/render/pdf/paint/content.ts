/**
 * Page items → the operators of a PDF content stream, with no document involved, so that laid-out
 * articles and sections can be kept in the build cache already painted (see units.ts).
 *
 * Glyphs are written by their id in the font (each font's CIDs are its glyph ids, see embed.ts), so what
 * is written does not depend on which other glyphs the book uses. Structure content is marked with the
 * marked-content ids the page's structure parent tree will give it (`mcid` on); running heads, folios
 * and rules are marked as pagination artifacts.
 */
import { hex4, num, readCodes, round3 } from '../layout/runs.js';
import type { GlyphRun, LineItem, PageItem, StructRef } from '../layout/types.js';

/** A link annotation's rectangle (PDF coordinates) and target. */
export type LinkRect = [number, number, number, number, string];

export interface PageContent {
  ops: string[];
  /** The structure element of each marked-content id used, in order. */
  marks: StructRef[];
  links: LinkRect[];
  /** Fonts the operators use (by style key). */
  fonts: Set<string>;
}

/** A font's resource name on the page: its style key, as a PDF name. */
export function fontName(key: string): string {
  return key.replace(/[^A-Za-z0-9_.-]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `#rrggbb` → the fill (`rg`) or stroke (`RG`) colour operator. */
export function rgb(hex: string, op: 'rg' | 'RG' = 'rg'): string {
  const v = [1, 3, 5].map((i) => num(parseInt(hex.slice(i, i + 2), 16) / 255));
  return `${v.join(' ')} ${op}`;
}

/** Text state carried from line to line in one content stream. */
interface TextState {
  font: string;
  color: string;
}

/**
 * The operators for `items` of a page whose top left corner is at (ox, oy) in PDF coordinates (y up);
 * `mcid` is the first marked-content id free on the page.
 */
export function pageContent(items: readonly PageItem[], ox: number, oy: number, mcid: number): PageContent {
  const out: PageContent = { ops: [], marks: [], links: [], fonts: new Set() };
  const state: TextState = { font: '', color: '' };
  let k = 0;
  while (k < items.length) {
    const struct = structOf(items[k]!);
    let end = k + 1;
    while (end < items.length && structOf(items[end]!)?.key === struct?.key) end++;
    if (struct) {
      out.ops.push(`/${struct.role} <</MCID ${mcid++}>> BDC`);
      out.marks.push(struct);
    } else {
      out.ops.push('/Artifact <</Type /Pagination>> BDC');
    }
    for (let i = k; i < end; i++) itemOps(items[i]!, ox, oy, state, out);
    out.ops.push('EMC');
    k = end;
  }
  return out;
}

function structOf(item: PageItem): StructRef | null {
  return item.type === 'line' ? item.struct : null;
}

function itemOps(item: PageItem, ox: number, oy: number, state: TextState, out: PageContent): void {
  const ops = out.ops;
  switch (item.type) {
    case 'line':
      lineOps(item, ox, oy, state, out);
      break;
    case 'rule':
      ops.push(`q ${num(item.thickness)} w ${rgb(item.color, 'RG')} ${num(ox + item.x1)} ${num(oy - item.y)} m ${num(ox + item.x2)} ${num(oy - item.y)} l S Q`);
      break;
    case 'rect':
      ops.push(`q ${rgb(item.color)} ${num(ox + item.x)} ${num(oy - item.y - item.height)} ${num(item.width)} ${num(item.height)} re f Q`);
      break;
    case 'leader': {
      // Dots on a common grid, so the leaders of all entries line up.
      const step = item.style.size * 0.5;
      const x1 = Math.ceil(item.x1 / step) * step;
      if (item.x2 - x1 < step) break;
      const y = num(oy - (item.baseline - item.style.size * 0.1));
      ops.push(`q ${num(item.style.size * 0.09)} w 1 J ${rgb(item.style.color, 'RG')} [0.001 ${num(step)}] 0 d ${num(ox + x1)} ${y} m ${num(ox + item.x2)} ${y} l S Q`);
      break;
    }
  }
}

/** A line's text: a TJ array per glyph run, each glyph where the layout put it. */
function lineOps(item: LineItem, ox: number, oy: number, state: TextState, out: PageContent): void {
  if (item.runs.length > 0) {
    const ops = out.ops;
    ops.push('BT');
    const y = num(oy - item.baseline);
    for (const run of item.runs) {
      out.fonts.add(run.font);
      const fontOp = `/${fontName(run.font)} ${num(run.size)} Tf`;
      if (fontOp !== state.font) ops.push((state.font = fontOp));
      const colorOp = rgb(run.color);
      if (colorOp !== state.color) ops.push((state.color = colorOp));
      ops.push(`1 0 0 1 ${num(ox + item.x + run.x)} ${y} Tm`, `[${glyphs(run)}] TJ`);
    }
    ops.push('ET');
  }
  const y1 = round3(oy - item.top - item.height);
  const y2 = round3(oy - item.top);
  for (const box of item.links) out.links.push([round3(ox + item.x + box.x1), y1, round3(ox + item.x + box.x2), y2, box.link]);
}

/** A run's glyphs as the body of a TJ array: glyph ids in hex strings, displacements between them. */
function glyphs(run: GlyphRun): string {
  const gids = run.table.gids;
  let out = '<';
  readCodes(
    run.codes,
    (i) => (out += hex4(gids[i]!)),
    (n) => (out += `>${n}<`),
  );
  return out + '>';
}
