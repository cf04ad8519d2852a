/** Anchors taken over by reference: found through the section their id begins with, moved by page offset. */
import { describe, expect, it } from 'vitest';
import { FlowAnchors, ownedBy, StoredAnchors } from '../../../pipeline/render/pdf/layout/anchors.js';
import type { AnchorPlace } from '../../../pipeline/render/pdf/layout/types.js';

const stored = (section: string, own: Array<[string, number]>, other: Array<[string, number]> = []): StoredAnchors =>
  new StoredAnchors(
    section,
    own.map(([id, page]) => [id, page, 10, 20]),
    other.map(([id, page]) => [id, page, 10, 20]),
  );

const all = (anchors: FlowAnchors): Array<[string, number]> => {
  const out: Array<[string, number]> = [];
  anchors.forEach((place: AnchorPlace, id: string) => out.push([id, place.page]));
  return out;
};

describe('ownedBy', () => {
  it('is the section id itself or an id made from it with a hyphen', () => {
    expect(ownedBy('a-1', 'a-1')).toBe(true);
    expect(ownedBy('a-1', 'a-1-p12.3')).toBe(true);
    expect(ownedBy('a-1', 'a-12-p1')).toBe(false);
    expect(ownedBy('a-1', 'article:a-1')).toBe(false);
    expect(ownedBy('', 'a-1')).toBe(false);
  });
});

describe('FlowAnchors', () => {
  it('finds the own anchors of sections taken over, moved to where their pages stand', () => {
    const anchors = new FlowAnchors();
    anchors.takeOver(stored('a-1', [['-p1', 0], ['-p2', 1]], [['article:a-1', 0]]), 4);
    anchors.takeOver(stored('a-12', [['-p1', 0]], [['article:a-12', 0]]), 8);
    expect(anchors.get('a-1-p2')).toEqual({ page: 5, x: 10, y: 20 });
    expect(anchors.get('a-12-p1')).toEqual({ page: 8, x: 10, y: 20 });
    expect(anchors.get('article:a-12')?.page).toBe(8);
    expect(anchors.get('a-1-p3')).toBeUndefined();
    expect(anchors.has('a-12-p2')).toBe(false);
  });

  it('takes a continuation from its page `from` on', () => {
    const anchors = new FlowAnchors();
    anchors.takeOver(stored('a', [['-r1', 0], ['-r2', 1]]), 10, 1);
    expect(anchors.get('a-r1')).toBeUndefined();
    expect(anchors.get('a-r2')?.page).toBe(11);
  });

  it('keeps the first place of an id: recorded, then the sections in the order taken over', () => {
    const anchors = new FlowAnchors();
    anchors.record('x', { page: 0, x: 1, y: 1 });
    anchors.record('x', { page: 9, x: 1, y: 1 });
    anchors.takeOver(stored('a', [['-p', 0]]), 2);
    anchors.takeOver(stored('a', [['-p', 0]]), 6);
    expect(anchors.get('x')?.page).toBe(0);
    expect(anchors.get('a-p')?.page).toBe(2);
    anchors.record('a-p', { page: 7, x: 0, y: 0 });
    expect(anchors.get('a-p')?.page).toBe(2);
  });

  it('finds what was recorded or taken over after an id was looked up', () => {
    const anchors = new FlowAnchors();
    expect(anchors.get('a-p')).toBeUndefined();
    expect(anchors.get('x')).toBeUndefined();
    anchors.takeOver(stored('a', [['-p', 1]]), 4);
    expect(anchors.get('a-p')?.page).toBe(5);
    anchors.record('x', { page: 2, x: 0, y: 0 });
    expect(anchors.get('x')?.page).toBe(2);
    expect(anchors.get('a-p')?.page).toBe(5);
  });

  it('takes over a flow of its own (a body after the front matter) and lists every anchor once', () => {
    const body = new FlowAnchors();
    body.takeOver(stored('a', [['-p', 1]], [['article:a', 0]]), 0);
    body.record('glossary:t', { page: 3, x: 0, y: 0 });
    const book = new FlowAnchors();
    book.record('cover', { page: 0, x: 0, y: 0 });
    book.takeOver(body, 6);
    expect(book.get('a-p')?.page).toBe(7);
    expect(book.get('glossary:t')?.page).toBe(9);
    expect(all(book).sort()).toEqual([
      ['a-p', 7],
      ['article:a', 6],
      ['cover', 0],
      ['glossary:t', 9],
    ]);
  });
});
