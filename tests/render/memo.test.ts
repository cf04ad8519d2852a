import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from '../../pipeline/cache.js';
import { cacheMemo, cacheMemoText, oncePerBuild, ReadAhead, unitKey, type UnitCounts } from '../../pipeline/render/memo.js';
import { memoText } from '../../pipeline/render/index.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
const tempCache = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-memo-'));
  dirs.push(dir);
  return openCache(dir);
};

describe('memo over the build cache', () => {
  it('computes once, then reuses, and records the keys it was asked for', async () => {
    const cache = await tempCache();
    const counts: UnitCounts = { computed: 0, reused: 0, readAhead: 0 };
    const used: string[] = [];
    const memo = cacheMemo(cache, 'fp', 'pdf', counts, { used });
    let calls = 0;
    const compute = () => ++calls;
    expect(await memo('page', { n: 1 }, compute)).toBe(1);
    expect(await memo('page', { n: 1 }, compute)).toBe(1);
    expect(counts).toEqual({ computed: 1, reused: 1, readAhead: 0 });
    expect(used).toEqual([unitKey('fp', 'pdf', 'page', { n: 1 }), unitKey('fp', 'pdf', 'page', { n: 1 })]);
  });

  it('keeps a text unit as the text, handed back as its UTF-8 bytes; without one, memo keeps it', async () => {
    const cache = await tempCache();
    const counts: UnitCounts = { computed: 0, reused: 0, readAhead: 0 };
    const text = 'window.index = {"党建": "0,1"};';
    let calls = 0;
    const compute = () => (calls++, text);
    const memo = cacheMemoText(cache, 'fp', 'html', counts);
    expect(Buffer.from(await memo('part', { n: 1 }, compute)).toString('utf8')).toBe(text);
    expect(Buffer.from(await memo('part', { n: 1 }, compute)).toString('utf8')).toBe(text);
    expect(calls).toBe(1);
    expect(counts).toEqual({ computed: 1, reused: 1, readAhead: 0 });
    const plain = cacheMemo(cache, 'fp', 'html', counts);
    const context = { memo: plain } as Parameters<typeof memoText>[0];
    expect(Buffer.from(await memoText(context, 'part', { n: 2 }, compute)).toString('utf8')).toBe(text);
    expect(Buffer.from(await memoText(context, 'part', { n: 2 }, compute)).toString('utf8')).toBe(text);
    expect(calls).toBe(2);
  });

  it('takes what was read ahead instead of reading it again; a key not read ahead is read as usual', async () => {
    const cache = await tempCache();
    const first = cacheMemo(cache, 'fp', 'pdf', { computed: 0, reused: 0, readAhead: 0 });
    for (const n of [1, 2, 3]) await first('page', { n }, () => `page ${n}`);

    const keys = [1, 2].map((n) => unitKey('fp', 'pdf', 'page', { n }));
    const readAhead = new ReadAhead(cache, [...keys, unitKey('fp', 'pdf', 'page', { n: 9 })]);
    const counts: UnitCounts = { computed: 0, reused: 0, readAhead: 0 };
    const memo = cacheMemo(cache, 'fp', 'pdf', counts, { readAhead });
    const never = () => {
      throw new Error('computed');
    };
    expect(await memo('page', { n: 2 }, never)).toBe('page 2');
    expect(await memo('page', { n: 1 }, never)).toBe('page 1');
    expect(await memo('page', { n: 3 }, never)).toBe('page 3');
    // Read ahead but not in the cache: computed.
    expect(await memo('page', { n: 9 }, () => 'page 9')).toBe('page 9');
    expect(counts).toEqual({ computed: 1, reused: 3, readAhead: 2 });
    // Each entry is taken once; the second time it is an ordinary read.
    expect(readAhead.take(keys[0]!)).toBeUndefined();
  });

  it('hands over the values read ahead and not taken yet, in order, without those not in the cache', async () => {
    const cache = await tempCache();
    const first = cacheMemo(cache, 'fp', 'pdf', { computed: 0, reused: 0, readAhead: 0 });
    for (const n of [1, 2, 3]) await first('page', { n }, () => ({ page: n }));
    const key = (n: number): string => unitKey('fp', 'pdf', 'page', { n });
    const readAhead = new ReadAhead(cache, [key(1), key(9), key(2), key(3)]);
    await readAhead.take(key(2));
    const seen: unknown[] = [];
    for await (const value of readAhead.values()) seen.push(value);
    expect(seen).toEqual([{ page: 1 }, { page: 3 }]);
    // The same objects the memo is then given.
    const memo = cacheMemo(cache, 'fp', 'pdf', { computed: 0, reused: 0, readAhead: 0 }, { readAhead });
    expect(await memo('page', { n: 1 }, () => null)).toBe(seen[0]);
  });

  it('shared by the renderers of a build, reads or makes a unit once however often it is asked for', async () => {
    const cache = await tempCache();
    const counts: UnitCounts = { computed: 0, reused: 0, readAhead: 0 };
    const shared = oncePerBuild(cacheMemo(cache, 'fp', 'shared', counts));
    let calls = 0;
    const compute = () => ({ n: ++calls });
    const [a, b] = await Promise.all([shared('facts', { article: 'x' }, compute), shared('facts', { article: 'x' }, compute)]);
    expect(a).toBe(b);
    expect(await shared('facts', { article: 'y' }, compute)).toEqual({ n: 2 });
    expect(counts).toEqual({ computed: 2, reused: 0, readAhead: 0 });
    // The next build's shared memo reads each once from the cache.
    const next = oncePerBuild(cacheMemo(cache, 'fp', 'shared', counts));
    expect(await next('facts', { article: 'x' }, compute)).toEqual({ n: 1 });
    expect(await next('facts', { article: 'x' }, compute)).toEqual({ n: 1 });
    expect(counts).toEqual({ computed: 2, reused: 1, readAhead: 0 });
  });
});
