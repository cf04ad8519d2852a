/** ir.json written in pieces is exactly JSON.stringify(root, null, 1). */
import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../pipeline/json-stream.js';
import { nodeDigest, textDigest } from '../pipeline/render/index.js';
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
    const text = [...jsonPieces(root as unknown as Record<string, unknown>, 'children', (article, piece) => seen.push([article, piece]))].join('');
    expect(text).toBe(JSON.stringify(root, null, 1));
    expect(seen.map(([article]) => article)).toEqual(root.children);
    for (const [article, piece] of seen) expect(textDigest(piece)).toBe(nodeDigest(article as object));
  });
});
