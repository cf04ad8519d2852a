/** ir.json written in pieces is exactly JSON.stringify(root, null, 1). */
import { describe, expect, it } from 'vitest';
import { jsonPieces, jsonString, nested, type ElementText, type JsonText } from '../pipeline/json-stream.js';
import type { Article } from '../pipeline/ir.js';
import { contentDigest, nodeDigest, textDigest } from '../pipeline/render/index.js';
import { sampleIr } from './fixtures/sample-ir.js';

const text = (pieces: Iterable<JsonText>): string => [...pieces].map(jsonString).join('');
const join = (value: Record<string, unknown>, spread: string): string => text(jsonPieces(value, spread));
const whole = (t: ElementText): string => t.head + (t.inner === null ? '' : jsonString(t.inner)) + t.tail;

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
    const seen: Array<[unknown, ElementText]> = [];
    const out = text(jsonPieces(root as unknown as Record<string, unknown>, 'children', { onElement: (article, piece) => seen.push([article, piece]) }));
    expect(out).toBe(JSON.stringify(root, null, 1));
    expect(seen.map(([article]) => article)).toEqual(root.children);
    for (const [article, piece] of seen) {
      expect(piece.inner).toBeNull();
      expect(textDigest(piece.head)).toBe(nodeDigest(article as object));
    }
  });

  it('says how many of the pieces that follow are the element’s: the rest is the frame, parsed with empty children', () => {
    const root = sampleIr();
    let left = 0;
    const frame: string[] = [];
    for (const piece of jsonPieces(root as unknown as Record<string, unknown>, 'children', { onElement: (_a, _t, pieces) => (left = pieces), inner: 'children' })) {
      if (left > 0) left--;
      else frame.push(jsonString(piece));
    }
    expect(JSON.parse(frame.join(''))).toEqual({ ...root, children: [] });
  });

  it('with `inner`, holds the value of each element’s inner entry apart, the text unchanged', () => {
    const root = sampleIr();
    const seen: Array<[unknown, ElementText]> = [];
    const out = text(jsonPieces(root as unknown as Record<string, unknown>, 'children', { onElement: (article, piece) => seen.push([article, piece]), inner: 'children' }));
    expect(out).toBe(JSON.stringify(root, null, 1));
    expect(seen.length).toBe(root.children.length);
    for (const [article, piece] of seen) {
      expect(whole(piece)).toBe(nested(article, 2));
      expect(piece.inner).toBe(nested((article as { children: unknown }).children, 3));
      expect(JSON.parse(`${piece.head}[]${piece.tail}`)).toEqual({ ...(article as object), children: [] });
      // What a render thread digests from those parts is the article's digest and contentDigest.
      expect(textDigest([piece.head, piece.inner!, piece.tail])).toBe(nodeDigest(article as object));
      expect(textDigest(piece.inner!)).toBe(contentDigest(article as Article));
    }
    // Elements without the entry, or not objects, have none apart; the text is still exact.
    const odd = { children: [{ id: 'a' }, { id: 'b', children: [], skipped: undefined, n: 1 }, 'text', null, [1, [2]], {}] };
    const inners: Array<JsonText | null> = [];
    expect(text(jsonPieces(odd, 'children', { onElement: (_e, t) => inners.push(t.inner), inner: 'children' }))).toBe(JSON.stringify(odd, null, 1));
    expect(inners).toEqual([null, '[]', null, null, null, null]);
  });

  it('takes the texts of inner values it is given as they are, strings or UTF-8 bytes, without reading the values', () => {
    const root = sampleIr();
    const article = root.children[0]!;
    const texts = new Map<object, JsonText>([[article, nested(article.children, 3)]]);
    const known = (element: object): JsonText | undefined => texts.get(element);
    const plain = text(jsonPieces(root as unknown as Record<string, unknown>, 'children', { inner: 'children' }));
    expect(text(jsonPieces(root as unknown as Record<string, unknown>, 'children', { inner: 'children', known }))).toBe(plain);
    // Bytes are yielded as they are, never decoded; their digest is the text's.
    const bytes = Buffer.from(nested(article.children, 3), 'utf8');
    texts.set(article, bytes);
    const pieces = [...jsonPieces(root as unknown as Record<string, unknown>, 'children', { inner: 'children', known })];
    expect(pieces).toContain(bytes);
    expect(text(pieces)).toBe(plain);
    expect(textDigest(bytes)).toBe(contentDigest(article));
    // A given text is used, not made: a marked one shows up in the output.
    texts.set(article, '["given"]');
    expect(text(jsonPieces(root as unknown as Record<string, unknown>, 'children', { inner: 'children', known }))).toContain('"children": ["given"]');
    // Nor is the value read: children kept behind a getter stay unread.
    const unread = { ...article };
    Object.defineProperty(unread, 'children', { enumerable: true, get: () => { throw new Error('read'); } });
    texts.set(unread, nested(article.children, 3));
    const withUnread = { ...root, children: [unread, ...root.children.slice(1)] };
    expect(text(jsonPieces(withUnread as unknown as Record<string, unknown>, 'children', { inner: 'children', known }))).toBe(plain);
  });

  it('takes the whole text of elements it is given, as they are, without reading them', () => {
    const report = { irVersion: 1, files: [{ file: 'a.txt', messages: [{ text: '“引号”' }] }, { file: 'b.txt', repairs: [] }, { file: 'c.txt' }], messages: [] };
    const kept = new Map<unknown, JsonText>([
      [report.files[0], Buffer.from(nested(report.files[0], 2), 'utf8')],
      [report.files[2], nested(report.files[2], 2)],
    ]);
    // What is given is taken even where the element says otherwise: it is not read.
    const seen: ElementText[] = [];
    const out = text(jsonPieces(report, 'files', { knownElement: (file) => kept.get(file), onElement: (_file, t) => seen.push(t) }));
    expect(out).toBe(JSON.stringify(report, null, 1));
    // Handed on whole, as its own text: not as the value of an `inner` entry.
    expect(seen.map(whole)).toEqual(report.files.map((f) => nested(f, 2)));
    expect(seen.every((t) => t.inner === null)).toBe(true);
    const stale = text(jsonPieces(report, 'files', { knownElement: (file) => (file === report.files[1] ? nested({ file: 'x.txt' }, 2) : undefined) }));
    expect(stale).toBe(JSON.stringify({ ...report, files: [report.files[0], { file: 'x.txt' }, report.files[2]] }, null, 1));
  });
});
