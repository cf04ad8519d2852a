/** ir.json written in pieces is exactly JSON.stringify(root, null, 1). */
import { describe, expect, it } from 'vitest';
import { jsonPieces, nested, type Span } from '../pipeline/json-stream.js';
import type { Article } from '../pipeline/ir.js';
import { contentDigest, nodeDigest, textDigest } from '../pipeline/render/index.js';
import { sampleIr } from './fixtures/sample-ir.js';

const join = (value: Record<string, unknown>, spread: string): string => [...jsonPieces(value, spread)].join('');

describe('jsonPieces', () => {
  it('gives JSON.stringify(value, null, 1), one piece per element of the spread array', () => {
    const root = {
      type: 'root',
      skipped: undefined,
      data: { title: '学习 "文选"\n第二行', list: [1, { a: [] }], empty: {} },
      children: [{ id: 'a', children: [{ value: '党建' }] }, { id: 'b', nested: { deep: [[]] } }, 'text', null],
      after: 3,
    };
    expect(join(root, 'children')).toBe(JSON.stringify(root, null, 1));
    expect([...jsonPieces(root, 'children')].length).toBeGreaterThan(root.children.length);
  });

  it('handles empty arrays and objects and a missing spread key', () => {
    for (const value of [{}, { children: [] }, { a: 1 }, { children: [], b: { c: [] } }]) expect(join(value, 'children')).toBe(JSON.stringify(value, null, 1));
  });

  it('hands each article its ir.json text, whose digest is the one every renderer thread computes from the node', () => {
    const root = sampleIr();
    const seen: Array<[unknown, string]> = [];
    const text = [...jsonPieces(root as unknown as Record<string, unknown>, 'children', { onElement: (article, piece) => seen.push([article, piece]) })].join('');
    expect(text).toBe(JSON.stringify(root, null, 1));
    expect(seen.map(([article]) => article)).toEqual(root.children);
    for (const [article, piece] of seen) expect(textDigest(piece)).toBe(nodeDigest(article as object));
  });

  it('with `inner`, says where the value of each element’s inner entry stands in its text, the text unchanged', () => {
    const root = sampleIr();
    const seen: Array<[unknown, string, Span | null]> = [];
    const text = [...jsonPieces(root as unknown as Record<string, unknown>, 'children', { onElement: (article, piece, span) => seen.push([article, piece, span]), inner: 'children' })].join('');
    expect(text).toBe(JSON.stringify(root, null, 1));
    expect(seen.length).toBe(root.children.length);
    for (const [article, piece, span] of seen) {
      expect(piece).toBe(nested(article, 2));
      expect(span).not.toBeNull();
      expect(piece.slice(...span!)).toBe(nested((article as { children: unknown }).children, 3));
      expect(JSON.parse(piece.slice(...span!))).toEqual((article as { children: unknown }).children);
      // What a render thread digests from that text is the article's contentDigest.
      expect(textDigest(piece.slice(...span!))).toBe(contentDigest(article as Article));
    }
    // Elements without the entry, or not objects, have no span; the text is still exact.
    const odd = { children: [{ id: 'a' }, { id: 'b', children: [], skipped: undefined, n: 1 }, 'text', null, [1, [2]], {}] };
    const spans: Array<Span | null> = [];
    expect([...jsonPieces(odd, 'children', { onElement: (_e, _t, span) => spans.push(span), inner: 'children' })].join('')).toBe(JSON.stringify(odd, null, 1));
    expect(spans).toEqual([null, expect.any(Array), null, null, null, null]);
  });

  it('takes the texts of inner values it is given as they are, without reading the values', () => {
    const root = sampleIr();
    const article = root.children[0]!;
    const texts = new Map<object, string>([[article, nested(article.children, 3)]]);
    const known = (element: object): string | undefined => texts.get(element);
    const plain = [...jsonPieces(root as unknown as Record<string, unknown>, 'children', { inner: 'children' })].join('');
    expect([...jsonPieces(root as unknown as Record<string, unknown>, 'children', { inner: 'children', known })].join('')).toBe(plain);
    // A given text is used, not made: a marked one shows up in the output.
    texts.set(article, '["given"]');
    expect([...jsonPieces(root as unknown as Record<string, unknown>, 'children', { inner: 'children', known })].join('')).toContain('"children": ["given"]');
    // Nor is the value read: children kept behind a getter stay unread.
    const unread = { ...article };
    Object.defineProperty(unread, 'children', { enumerable: true, get: () => { throw new Error('read'); } });
    texts.set(unread, nested(article.children, 3));
    const withUnread = { ...root, children: [unread, ...root.children.slice(1)] };
    expect([...jsonPieces(withUnread as unknown as Record<string, unknown>, 'children', { inner: 'children', known })].join('')).toBe(plain);
  });
});

