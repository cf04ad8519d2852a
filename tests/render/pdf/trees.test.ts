/** The named destinations and structure parent tree, written fast, are exactly what pdfkit writes. */
import { PDFDocument } from '../../../pipeline/render/pdf/pdfkit-library.js';
import { describe, expect, it } from 'vitest';
import { destName } from '../../../pipeline/render/pdf/paint/painter.js';
import { destinationsText, parentTreeText, type Tree } from '../../../pipeline/render/pdf/paint/trees.js';

interface Doc {
  ref(data?: object): { id: number };
  _root: { data: { Names: { data: { Dests: Tree } } } };
  getStructParentTree(): Tree & { add(key: number, value: unknown): void };
  createStructParentTreeNextKey(): number;
}

function documentWithTrees(): Doc {
  const doc = new PDFDocument({ autoFirstPage: false, tagged: true, font: null as unknown as string }) as unknown as Doc;
  const dests = doc._root.data.Names.data.Dests as Tree & { add(key: string, value: unknown): void };
  for (let i = 0; i < 300; i++) dests.add(destName(`anchor-${i}`), [doc.ref(), 'XYZ', null, 841.89 - i * 2.7182818, null]);
  const tree = doc.getStructParentTree();
  for (let page = 0; page < 40; page++) {
    const key = doc.createStructParentTreeNextKey();
    const ids = tree._items[String(key)] as unknown[];
    for (let m = 0; m < page % 7; m++) ids.push(doc.ref());
  }
  return doc;
}

describe('trees written fast', () => {
  it('give the text pdfkit gives for the destinations and the parent tree the painter makes', () => {
    const doc = documentWithTrees();
    const dests = doc._root.data.Names.data.Dests;
    const parents = doc.getStructParentTree();
    expect(destinationsText(dests)).toBe(dests.toString());
    expect(parentTreeText(parents)).toBe(parents.toString());
  });

  it('leave a tree with anything else to pdfkit', () => {
    const doc = documentWithTrees();
    const dests = doc._root.data.Names.data.Dests as Tree & { add(key: string, value: unknown): void };
    dests.add('chapter-1', [doc.ref(), 'Fit']);
    expect(destinationsText(dests)).toBeNull();
    const parents = doc.getStructParentTree();
    parents.add(999, doc.ref());
    expect(parentTreeText(parents)).toBeNull();
  });

  it('write one entry without limits, as pdfkit does', () => {
    const doc = new PDFDocument({ autoFirstPage: false, tagged: true, font: null as unknown as string }) as unknown as Doc;
    const dests = doc._root.data.Names.data.Dests as Tree & { add(key: string, value: unknown): void };
    expect(destinationsText(dests)).toBe(dests.toString());
    dests.add(destName('one'), [doc.ref(), 'XYZ', null, 10, null]);
    expect(destinationsText(dests)).toBe(dests.toString());
  });
});
