/**
 * A content-addressed build cache. An entry is stored under the hash of everything its result depends
 * on (input bytes, overrides, options, the pipeline's own code), so a hit is always safe to reuse and
 * nothing ever needs invalidating. Each entry carries a checksum of its payload: a torn or edited entry
 * is detected, dropped and rebuilt, never trusted. Entries are written atomically.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
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
  readonly stats: Record<string, CacheStats>;
}

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
