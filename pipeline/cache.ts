/**
 * A content-addressed build cache. An entry is stored under the hash of everything its result depends
 * on (input bytes, overrides, options, the pipeline's own code), so a hit is always safe to reuse and
 * nothing ever needs invalidating. Each entry carries a checksum of its payload: a torn or edited entry
 * is detected, dropped and rebuilt, never trusted. Entries are written atomically.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile, readdir, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from './output.js';

export interface CacheStats {
  hits: number;
  misses: number;
  corrupt: number;
}

export interface Cache {
  get<T>(kind: string, key: string): Promise<T | undefined>;
  set(kind: string, key: string, value: unknown): Promise<void>;
  /** Keep the folder under `maxBytes`: the entries used longest ago go first. */
  prune(maxBytes: number): Promise<number>;
  readonly stats: Record<string, CacheStats>;
}

/** The default size of the cache folder: a few full builds of a large book. */
export const CACHE_LIMIT_BYTES = 1024 ** 3;

export function hashOf(...parts: Array<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const part of parts) {
    h.update(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
    h.update('\u0000');
  }
  return h.digest('hex');
}

function statsFor(stats: Record<string, CacheStats>, kind: string): CacheStats {
  return (stats[kind] ??= { hits: 0, misses: 0, corrupt: 0 });
}

/** A cache in a folder; `null` gives a cache that stores nothing (--no-cache) but still counts. */
export function openCache(folder: string | null): Cache {
  // An empty path would scatter entries over the working folder: treat it as no cache.
  const dir = folder === '' ? null : folder;
  const stats: Record<string, CacheStats> = {};
  const pathOf = (kind: string, key: string): string => join(dir ?? '', kind, key.slice(0, 2), `${key}.json`);
  return {
    stats,
    async get<T>(kind: string, key: string): Promise<T | undefined> {
      const s = statsFor(stats, kind);
      if (dir === null) {
        s.misses++;
        return undefined;
      }
      let text: string;
      try {
        text = await readFile(pathOf(kind, key), 'utf8');
      } catch {
        s.misses++;
        return undefined;
      }
      // An entry is its checksum on the first line, then the JSON payload.
      const newline = text.indexOf('\n');
      const payload = text.slice(newline + 1);
      try {
        if (newline !== 64 || hashOf(payload) !== text.slice(0, newline)) throw new Error('checksum');
        const value = JSON.parse(payload) as T;
        s.hits++;
        // The modification time records the last use, so pruning drops what was used longest ago.
        const now = new Date();
        await utimes(pathOf(kind, key), now, now).catch(() => {});
        return value;
      } catch {
        s.corrupt++;
        s.misses++;
        await rm(pathOf(kind, key), { force: true });
        return undefined;
      }
    },
    async set(kind: string, key: string, value: unknown): Promise<void> {
      if (dir === null) return;
      const payload = JSON.stringify(value);
      await writeAtomic(pathOf(kind, key), `${hashOf(payload)}\n${payload}`);
    },
    async prune(maxBytes: number): Promise<number> {
      if (dir === null) return 0;
      const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
      const files: Array<{ path: string; size: number; used: number }> = [];
      let total = 0;
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        const info = await stat(path).catch(() => null);
        if (info === null) continue;
        files.push({ path, size: info.size, used: info.mtimeMs });
        total += info.size;
      }
      if (total <= maxBytes) return 0;
      // Down to half the limit, so pruning does not run again at once.
      files.sort((a, b) => a.used - b.used || a.path.localeCompare(b.path));
      let removed = 0;
      for (const file of files) {
        if (total <= maxBytes / 2) break;
        await rm(file.path, { force: true });
        total -= file.size;
        removed++;
      }
      return removed;
    },
  };
}

/**
 * A fingerprint of the pipeline's own code and declared dependencies: part of every key, so changing
 * the pipeline (or upgrading a package) never reuses a result made by the old one.
 */
export function pipelineFingerprint(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(js|ts)$/.test(name)) files.push(full);
    }
  };
  walk(here);
  const h = createHash('sha256');
  for (const file of files) h.update(file.slice(here.length)).update(readFileSync(file));
  const manifest = join(here, '..', 'package.json');
  try {
    h.update(readFileSync(manifest));
  } catch {
    // compiled layout: package.json is one more level up
    h.update(readFileSync(join(here, '..', '..', 'package.json')));
  }
  return h.digest('hex');
}
