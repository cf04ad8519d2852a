/**
 * Running heads and folios, added once the pages are known: the book title on left-hand pages, the
 * section's title on right-hand pages, none on a section's first page or a blank page; the folio centred
 * at the foot (roman in the front matter, none on the cover and title pages).
 *
 * A book has a few hundred distinct heads and a folio per page, each the same line wherever it goes: they
 * are set once each, as units of the build cache (folios in runs of consecutive pages).
 */
import { formatOf, phraseSpaces } from '../handlers/state.js';
import type { Flow } from '../layout/flow.js';
import type { PageItem, PageModel, TextBlock } from '../layout/types.js';
import { textStyle, type Geometry, type PdfStyle } from '../style.js';
import type { FlowLayout, Units } from '../units.js';

/** Folios set per unit: a run of pages, so pages added at the end of a book leave the earlier runs alone. */
const FOLIOS_PER_UNIT = 64;

export async function decorate(pages: readonly PageModel[], folios: readonly (string | null)[], bookTitle: string, style: PdfStyle, g: Geometry, units: Units, newFlow: () => Flow): Promise<void> {
  const heads: Array<string | null> = [];
  const feet: Array<string | null> = [];
  for (const page of pages) {
    const front = page.kind === 'cover' || (page.kind === 'front' && page.section !== 'contents');
    feet.push(!page.blank && !front ? (folios[page.index] ?? null) : null);
    heads.push(page.blank || page.opening || front ? null : page.index % 2 === 0 ? (page.sectionTitle ?? bookTitle) : bookTitle);
  }
  const headItems = await itemsFor(distinct(heads), units, 'pdf-running-heads', newFlow, (flow, title, x) => head(flow, title, x, style, g));
  const footItems = new Map<string, PageItem[][]>();
  const labels = distinct(feet);
  for (let i = 0; i < labels.length; i += FOLIOS_PER_UNIT) {
    const chunk = labels.slice(i, i + FOLIOS_PER_UNIT);
    for (const [label, items] of await itemsFor(chunk, units, 'pdf-folios', newFlow, (flow, label, x) => [folio(flow, label, x, style, g)])) footItems.set(label, items);
  }
  for (const page of pages) {
    const hand = page.index % 2;
    const foot = feet[page.index];
    if (foot) page.items.push(...footItems.get(foot)![hand]!);
    const title = heads[page.index];
    if (title) page.items.push(...headItems.get(title)![hand]!);
  }
}

function distinct(values: ReadonlyArray<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

/**
 * The items of each text on a right-hand and on a left-hand page (margins differ), as one unit of the
 * build cache for all the texts.
 */
async function itemsFor(texts: readonly string[], units: Units, unit: string, newFlow: () => Flow, make: (flow: Flow, text: string, x: number) => PageItem[]): Promise<Map<string, PageItem[][]>> {
  const out = new Map<string, PageItem[][]>();
  if (texts.length === 0) return out;
  const layout = await units.flow(unit, { texts }, (): FlowLayout => {
    const flow = newFlow();
    return {
      pages: texts.map((text, index) => ({ index, kind: 'front', section: '', sectionTitle: null, opening: false, blank: false, items: [...make(flow, text, flow.textX(0)), ...make(flow, text, flow.textX(1))] })),
      anchors: new Map(),
      end: { y: 0, opening: false },
      messages: [],
    };
  });
  texts.forEach((text, i) => {
    const items = layout.pages[i]!.items;
    out.set(text, [items.slice(0, items.length / 2), items.slice(items.length / 2)]);
  });
  return out;
}

function folio(flow: Flow, label: string, x: number, style: PdfStyle, g: Geometry): PageItem {
  const block = single(label, style, 'folio');
  const line = flow.setText(block, g.measure).lines[0]!;
  const lh = block.format.lineHeight;
  return flow.lineItem(line, block.spans, x, g.folioBaseline - baselineShift(lh, block), g.folioBaseline, lh, 'other', null);
}

/** A running head (cut to the measure) and the rule under it. */
function head(flow: Flow, title: string, x: number, style: PdfStyle, g: Geometry): PageItem[] {
  const block = single(fit(flow, title, style, g.measure), style, 'runningHead');
  const line = flow.setText(block, g.measure).lines[0]!;
  const lh = block.format.lineHeight;
  return [
    flow.lineItem(line, block.spans, x, g.runningHeadBaseline - baselineShift(lh, block), g.runningHeadBaseline, lh, 'other', null),
    { type: 'rule', x1: x, x2: x + g.measure, y: g.runningHeadBaseline + block.spans[0]!.style.size * 0.5, thickness: 0.3, color: style.colors.rule! },
  ];
}

function baselineShift(lineHeight: number, block: TextBlock): number {
  const size = block.spans[0]!.style.size;
  return (lineHeight - size) / 2 + size * 0.88;
}

function single(text: string, style: PdfStyle, name: 'folio' | 'runningHead'): TextBlock {
  return {
    kind: 'text',
    key: `${name}#${text}`,
    spans: [{ text, style: textStyle(style, name) }],
    format: formatOf(style, name, { align: 'center', firstIndent: 0, avoidLonelyLast: false }),
    role: 'other',
    struct: null,
    anchors: [],
  };
}

/** A head too long for the measure is cut at a character and ends with an ellipsis. */
function fit(flow: Flow, text: string, style: PdfStyle, measure: number): string {
  const oneLine = (t: string): boolean => {
    const block = single(t, style, 'runningHead');
    block.format.align = 'left';
    return flow.setText(block, measure * 8).lines[0]!.right <= measure;
  };
  const flat = phraseSpaces(text);
  if (oneLine(flat)) return flat;
  const chars = [...flat];
  for (let n = chars.length - 1; n > 0; n--) if (oneLine(chars.slice(0, n).join('') + '…')) return chars.slice(0, n).join('') + '…';
  return flat;
}
