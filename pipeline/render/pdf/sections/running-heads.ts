/**
 * Running heads and folios, added once the pages are known: the book title on left-hand pages, the
 * section's title on right-hand pages, none on a section's first page or a blank page; the folio centred
 * at the foot (roman in the front matter, none on the cover and title pages).
 */
import { formatOf, phraseSpaces } from '../handlers/state.js';
import type { Flow } from '../layout/flow.js';
import type { PageModel, TextBlock } from '../layout/types.js';
import { textStyle, type Geometry, type PdfStyle } from '../style.js';

export function decorate(pages: readonly PageModel[], folios: readonly (string | null)[], bookTitle: string, style: PdfStyle, g: Geometry, flow: Flow): void {
  for (const page of pages) {
    if (page.blank) continue;
    const x = flow.textX(page.index);
    const folio = folios[page.index];
    const front = page.kind === 'cover' || (page.kind === 'front' && page.section !== 'contents');
    if (folio && !front) {
      const block = single(folio, style, 'folio');
      const line = flow.setText(block, g.measure).lines[0]!;
      const lh = block.format.lineHeight;
      page.items.push({ type: 'line', x, top: g.folioBaseline - baselineShift(lh, block), baseline: g.folioBaseline, height: lh, line, spans: block.spans, role: 'other', struct: null });
    }
    if (page.opening || front) continue;
    const recto = page.index % 2 === 0;
    const block = single(fit(flow, recto ? page.sectionTitle ?? bookTitle : bookTitle, style, g.measure), style, 'runningHead');
    const line = flow.setText(block, g.measure).lines[0]!;
    const lh = block.format.lineHeight;
    page.items.push({ type: 'line', x, top: g.runningHeadBaseline - baselineShift(lh, block), baseline: g.runningHeadBaseline, height: lh, line, spans: block.spans, role: 'other', struct: null });
    page.items.push({ type: 'rule', x1: x, x2: x + g.measure, y: g.runningHeadBaseline + block.spans[0]!.style.size * 0.5, thickness: 0.3, color: style.colors.rule! });
  }
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
