import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumOf, hashOf, openCache } from '../pipeline/cache.js';

const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('cache', () => {
  it('returns what was stored under the same key and counts hits and misses', async () => {
    const cache = openCache(await tempDir());
    const key = hashOf('k');
    expect(await cache.get('article', key)).toBeUndefined();
    await cache.set('article', key, { a: [1, '二'] });
    expect(await cache.get('article', key)).toEqual({ a: [1, '二'] });
    expect(cache.stats.article).toEqual({ hits: 1, misses: 1, corrupt: 0 });
  });

  it('keeps a text as it is, apart from JSON entries, and detects a damaged one', async () => {
    const dir = await tempDir();
    const cache = openCache(dir);
    const key = hashOf('t');
    const text = '[\n {\n  "type": "paragraph", "value": "党建 \\"引号\\""\n }\n]';
    await cache.setText('children', key, text);
    expect(await cache.getText('children', key)).toBe(text);
    // Or as its UTF-8 bytes, not decoded; asked for, in memory a thread they are posted to shares (not a copy).
    const bytes = (await cache.getBytes('children', key))!;
    expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(bytes.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    const shared = (await cache.getBytes('children', key, { shared: true }))!;
    expect(Buffer.from(shared).equals(bytes)).toBe(true);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(await cache.get('children', key)).toBeUndefined();
    const folder = join(dir, 'children', key.slice(0, 2));
    const [file] = await readdir(folder);
    expect(await readFile(join(folder, file!), 'utf8')).toBe(`${checksumOf(text)}\n${text}`);
    await writeFile(join(folder, file!), `${checksumOf(text)}\n${text.replace('党建', '党的建设')}`);
    expect(await cache.getText('children', key)).toBeUndefined();
    expect(cache.stats.children!.corrupt).toBe(1);
  });

  it('detects a damaged entry, drops it and reports a miss', async () => {
    const dir = await tempDir();
    const cache = openCache(dir);
    const key = hashOf('k');
    await cache.set('article', key, { ok: true });
    const folder = join(dir, 'article', key.slice(0, 2));
    const [file] = await readdir(folder);
    await writeFile(join(folder, file!), `${checksumOf('{"ok":true}')}\n{"ok":false}`);
    expect(await cache.get('article', key)).toBeUndefined();
    expect(cache.stats.article!.corrupt).toBe(1);
    expect(await readdir(folder)).toEqual([]);
  });

  it('prunes the entries used longest ago when the folder grows past its limit', async () => {
    const dir = await tempDir();
    const cache = openCache(dir);
    const keys = ['a', 'b', 'c', 'd'].map((k) => hashOf(k));
    for (const [i, key] of keys.entries()) {
      await cache.set('unit', key, 'x'.repeat(1000));
      const file = join(dir, 'unit', key.slice(0, 2), `${key}.json`);
      await utimes(file, new Date(1_000_000 + i * 1000), new Date(1_000_000 + i * 1000));
    }
    expect(await cache.get('unit', keys[0]!)).toBeDefined(); // used now: the newest
    expect(await cache.prune(2500)).toBe(3);
    expect(await cache.get('unit', keys[0]!)).toBeDefined();
    for (const key of keys.slice(1)) expect(await cache.get('unit', key)).toBeUndefined();
  });

  it('records a use in the entry’s time only when the last one is over an hour old', async () => {
    const dir = await tempDir();
    const cache = openCache(dir);
    const [recent, old] = [hashOf('recent'), hashOf('old')];
    const fileOf = (key: string): string => join(dir, 'unit', key.slice(0, 2), `${key}.json`);
    const halfHourAgo = new Date(Date.now() - 30 * 60 * 1000);
    const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
    await cache.set('unit', recent, 'r');
    await cache.set('unit', old, 'o');
    await utimes(fileOf(recent), halfHourAgo, halfHourAgo);
    await utimes(fileOf(old), dayAgo, dayAgo);
    expect(await cache.get('unit', recent)).toBe('r');
    expect(await cache.get('unit', old)).toBe('o');
    await cache.flush();
    expect((await stat(fileOf(recent))).mtimeMs).toBeCloseTo(halfHourAgo.getTime(), -1);
    expect((await stat(fileOf(old))).mtimeMs).toBeGreaterThan(Date.now() - 60 * 1000);
  });

  it('walks the folder to prune only when its running size could pass the limit', async () => {
    const dir = await tempDir();
    const cache = openCache(dir);
    const keys = ['a', 'b', 'c', 'd'].map((k) => hashOf(k));
    await cache.set('unit', keys[0]!, 'x'.repeat(1000));
    expect(await cache.prune(2500)).toBe(0); // no running size yet: walked, under the limit
    // Entries another cache stored (a render thread's) count when the build passes their size on.
    const other = openCache(dir);
    for (const key of keys.slice(1)) await other.set('unit', key, 'x'.repeat(1000));
    expect(other.written).toBeGreaterThan(3000);
    // Told nothing of them, the running size stays under the limit: no walk, nothing removed.
    expect(await cache.prune(2500)).toBe(0);
    expect(await cache.prune(2500, other.written)).toBe(3);
    expect(await readFile(join(dir, 'size'), 'utf8')).toMatch(/^\d+$/);
  });

  it('stores nothing without a folder (--no-cache)', async () => {
    const cache = openCache(null);
    await cache.set('x', 'k', 1);
    expect(await cache.get('x', 'k')).toBeUndefined();
  });

  it('keys differ when any part differs, including its boundaries', () => {
    expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
    expect(hashOf('a')).toBe(hashOf('a'));
  });
});
