/** Laid-out pages as units of the build cache: what is stored is what comes back. */
import { describe, expect, it } from 'vitest';
import type { LineItem, PageModel, StructRef, TextBlock } from '../../../pipeline/render/pdf/layout/types.js';
import { decodeFlow, encodeFlow, linkSlots, type FlowLayout } from '../../../pipeline/render/pdf/units.js';

const line = (struct: StructRef | null): LineItem => ({
  type: 'line',
  x: 0,
  top: 0,
  baseline: 10,
  height: 12,
  line: { text: '', start: 0, final: true, x0: 0, right: 0, measure: 100 },
  runs: [],
  links: [],
  role: 'body',
  struct,
});

const flowOf = (items: LineItem[]): FlowLayout => {
  const page: PageModel = { index: 0, kind: 'back', section: 'glossary', sectionTitle: null, opening: true, blank: false, items };
  return { pages: [page], anchors: new Map(), end: { y: 0, opening: false }, messages: [] };
};

describe('a stored flow', () => {
  it('keeps each line’s structure element and its parents, whichever comes first', () => {
    const sect: StructRef = { key: 'glossary', role: 'Sect', parent: null };
    const title: StructRef = { key: 'glossary#title', role: 'H1', parent: sect };
    const entry: StructRef = { key: 'glossary#g1', role: 'P', parent: sect };
    // A child before its parent (a section's title is its first line): both must come back as they were.
    const items = decodeFlow(encodeFlow(flowOf([line(title), line(entry), line(sect), line(null)]))).pages[0]!.items as LineItem[];
    expect(items.map((i) => i.struct && [i.struct.key, i.struct.role, i.struct.parent?.key ?? null])).toEqual([
      ['glossary#title', 'H1', 'glossary'],
      ['glossary#g1', 'P', 'glossary'],
      ['glossary', 'Sect', null],
      null,
    ]);
  });
});

describe('the key of some blocks’ layout (linkSlots)', () => {
  const style = { font: 'serif', size: 9, color: '#555555' };
  const block = (link: string, color = style.color): TextBlock => ({
    kind: 'text',
    key: 'glossary#g1#refs',
    spans: [{ text: '见第', style }, { text: '12', style: { ...style, color }, link }, { text: '、', style, tight: true }, { text: '15', style: { ...style, color }, link: `${link}-2` }],
    format: { lineHeight: 14, firstIndent: 0, restIndent: 0, align: 'left', spaceBefore: 0, spaceAfter: 0, keepWithNext: false, keepTogether: false, avoidLonelyLast: false },
    role: 'glossary',
    struct: null,
    anchors: [],
  });

  it('holds what is set and which texts link, not where the links go, and leaves the blocks as they were', () => {
    const a = block('a-s1');
    const before = structuredClone(a);
    const { key, targets } = linkSlots([a]);
    expect(a).toEqual(before);
    expect(targets).toEqual(['a-s1', 'a-s1-2']);
    expect(linkSlots([block('b-s7')]).key).toBe(key);
    expect(linkSlots([block('a-s1', '#000000')]).key).not.toBe(key);
    expect(linkSlots([{ ...block('a-s1'), spans: block('a-s1').spans.map((s) => ({ ...s, text: s.text === '15' ? '16' : s.text })) }]).key).not.toBe(key);
  });

  it('leaves a span two blocks share as it was', () => {
    const shared = block('a-s1');
    const other: TextBlock = { ...block('a-s2'), key: 'other', spans: [shared.spans[1]!, ...block('a-s2').spans] };
    linkSlots([shared, other]);
    expect(shared.spans[1]).toEqual({ text: '12', style, link: 'a-s1' });
  });
});
