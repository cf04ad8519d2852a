/** Laid-out pages as units of the build cache: what is stored is what comes back. */
import { describe, expect, it } from 'vitest';
import type { LineItem, PageModel, StructRef } from '../../../pipeline/render/pdf/layout/types.js';
import { decodeFlow, encodeFlow, type FlowLayout } from '../../../pipeline/render/pdf/units.js';

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
