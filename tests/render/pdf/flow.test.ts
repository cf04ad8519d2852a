import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../../pipeline/render/pdf/layout/atoms.js';
import { Flow } from '../../../pipeline/render/pdf/layout/flow.js';
import type { LineItem, ParagraphFormat, TextBlock } from '../../../pipeline/render/pdf/layout/types.js';
import type { Geometry } from '../../../pipeline/render/pdf/style.js';

/** Every character 1 em; a page of 10 lines of 10 characters. */
const metrics: Metrics = { width: (text, _f, size) => [...text].length * size, squeeze: () => 0.5 };
const SIZE = 10;
const geometry: Geometry = { width: 200, height: 200, top: 20, inner: 60, outer: 40, measure: 100, textHeight: 100, bodyLine: 10, runningHeadBaseline: 10, folioBaseline: 190 };
const style = { font: 'serif', size: SIZE, color: '#000000' };
const format = (over: Partial<ParagraphFormat> = {}): ParagraphFormat => ({ lineHeight: 10, firstIndent: 0, restIndent: 0, align: 'justify', spaceBefore: 0, spaceAfter: 0, keepWithNext: false, keepTogether: false, avoidLonelyLast: false, ...over });

let n = 0;
function para(lines: number, over: Partial<ParagraphFormat> = {}): TextBlock {
  const text = '字'.repeat(10 * lines);
  return { kind: 'text', key: `p${n++}`, spans: [{ text, style }], format: format(over), role: 'body', struct: null, anchors: [] };
}
const heading = (): TextBlock => ({ ...para(1, { keepWithNext: true }), role: 'heading' });

function flowOf(...blocks: TextBlock[]): Flow {
  const flow = new Flow(geometry, metrics, new Map());
  flow.startSection({ section: 's', title: null, kind: 'body', recto: false, columns: 1, columnGap: 0 });
  flow.place(blocks);
  return flow;
}

const linesPerPage = (flow: Flow): number[] => flow.pages.map((p) => p.items.filter((i): i is LineItem => i.type === 'line').length);

describe('pagination', () => {
  it('moves a heading to the next page when the paragraph after it cannot start below it', () => {
    // 6 lines used: the heading and a 3-line paragraph (which cannot split) fill the 4 left.
    expect(linesPerPage(flowOf(para(6), heading(), para(3)))).toEqual([10]);
    // 7 lines used: the heading would sit alone above a paragraph pushed over, so both go.
    const flow = flowOf(para(7), heading(), para(3));
    expect(linesPerPage(flow)).toEqual([7, 4]);
    expect(flow.pages[1]!.items[0]!.type === 'line' && (flow.pages[1]!.items[0] as LineItem).role).toBe('heading');
  });

  it('keeps a heading with the first two lines of a long paragraph', () => {
    expect(linesPerPage(flowOf(para(7), heading(), para(6)))).toEqual([10, 4]); // heading + 2 lines fit, 4 carried
    expect(linesPerPage(flowOf(para(8), heading(), para(6)))).toEqual([8, 7]);
  });

  it('splits a paragraph with at least two lines on each page (no orphans, no widows)', () => {
    expect(linesPerPage(flowOf(para(9), para(5)))).toEqual([9, 5]); // one line left: the paragraph moves
    expect(linesPerPage(flowOf(para(7), para(5)))).toEqual([10, 2]); // 3 + 2
    expect(linesPerPage(flowOf(para(6), para(5)))).toEqual([9, 2]); // 4 + 1 would widow: 3 + 2
    expect(linesPerPage(flowOf(para(8), para(3)))).toEqual([8, 3]); // 3 lines cannot split 2 + 1
  });

  it('starts a right-hand section on a right-hand page, leaving a blank left-hand page', () => {
    const flow = new Flow(geometry, metrics, new Map());
    flow.startSection({ section: 'a', title: null, kind: 'body', recto: true, columns: 1, columnGap: 0 });
    flow.place([para(3)]);
    flow.startSection({ section: 'b', title: null, kind: 'body', recto: true, columns: 1, columnGap: 0 });
    expect(flow.pages.map((p) => [p.section, p.blank])).toEqual([['a', false], ['b', true], ['b', false]]);
    expect(flow.textX(0)).toBe(geometry.inner); // binding on the left of a right-hand page
    expect(flow.textX(1)).toBe(geometry.outer);
  });
});

describe('a section laid out in parts', () => {
  /** Every line of a flow's pages: page, x, top, text. */
  const placed = (flow: Flow): string[] =>
    flow.pages.flatMap((p) => p.items.filter((i): i is LineItem => i.type === 'line').map((i) => `${p.index} ${i.x} ${i.top} ${i.line.text}`));

  it('places its lines where one flow does, its columns and their top carried from part to part', () => {
    const start = { section: 'index', title: null, kind: 'back' as const, recto: true, columns: 1, columnGap: 0 };
    const columns = { from: 1, count: 2, gap: 10 };
    // A title over the columns, then entries of one to three lines (four characters to a column's line)
    // that fill two pages and more.
    const entry = (lines: number): TextBlock => ({ ...para(1), spans: [{ text: '字'.repeat(4 * lines), style }] });
    const blocks = [heading(), ...Array.from({ length: 60 }, (_, i) => entry(1 + (i % 3)))];
    const one = new Flow(geometry, metrics, new Map());
    one.placeSection({ start, blocks, columns });

    // A first part that ends on the first page, under the title, in the second column: all of that must carry over.
    const firstPart = (size: number): Flow => {
      const flow = new Flow(geometry, metrics, new Map());
      flow.placeSection({ start, blocks: blocks.slice(0, size), columns });
      return flow;
    };
    const size = [...Array(20).keys()].map((k) => k + 2).find((k) => firstPart(k).end.column === 1 && firstPart(k).end.y <= 50 && firstPart(k).pages.length === 1)!;
    const first = firstPart(size);
    expect(first.end).toMatchObject({ column: 1, top: geometry.top + 10 });
    const whole = new Flow(geometry, metrics, new Map());
    const inColumns = { ...start, columns: 2, columnGap: 10 };
    whole.appendSection(inColumns, first.pages, first.anchors, first.end);
    for (const part of [blocks.slice(size, size + 20), blocks.slice(size + 20)]) {
      const recto = Flow.isRecto(whole.pages.length - 1);
      const next = new Flow(geometry, metrics, new Map());
      next.continueSection(inColumns, recto, whole.end);
      next.place(part);
      whole.appendContinuation(next.pages, recto ? 0 : 1, next.anchors, next.end);
    }
    expect(whole.pages.length).toBeGreaterThan(2);
    // The second part began in the first page's second column, below the first part's lines.
    expect(placed(whole).filter((l) => l.startsWith('0 ')).length).toBeGreaterThan(placed(first).length);
    expect(placed(whole)).toEqual(placed(one));
  });
});
