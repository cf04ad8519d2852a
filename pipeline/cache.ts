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
import { crc32 } from 'node:zlib';
import { writeAtomic } from './output.js';
import { readWholeFile } from './read-file.js';

export interface CacheStats {
  hits: number;
  misses: number;
  corrupt: number;
}

export interface Cache {
  get<T>(kind: string, key: string): Promise<T | undefined>;
  set(kind: string, key: string, value: unknown): Promise<void>;
  /** A text stored by `setText`, or undefined. */
  getText(kind: string, key: string): Promise<string | undefined>;
  /**
   * A text stored by `setText` as its UTF-8 bytes, not decoded (to be written out, sent or hashed as they
   * are), or undefined. With `shared`, in shared memory: posted to a render thread, they are not copied.
   */
  getBytes(kind: string, key: string, options?: { shared?: boolean }): Promise<Buffer | undefined>;
  /**
   * Store a text as it is, not as a JSON string: a large text inside a JSON entry (escaped, and read
   * back with the rest of the entry) took several times as long to read back.
   */
  setText(kind: string, key: string, text: string): Promise<void>;
  /** Wait for the bookkeeping of the entries read so far (their times of use) to be on disk. */
  flush(): Promise<void>;
  /** Bytes of the entries this cache has stored. */
  readonly written: number;
  /**
   * Keep the folder under `maxBytes`: the entries used longest ago (to the hour) go first. The folder is walked only
   * when its size after the last prune plus what was stored since (here, and `storedElsewhere` by other
   * caches on the folder, a render thread's) could pass the limit: walking thousands of entries takes a
   * while, and most builds store little.
   */
  prune(maxBytes: number, storedElsewhere?: number): Promise<number>;
  readonly stats: Record<string, CacheStats>;
}

/** The running size of the folder (bytes), kept beside the entries' folders. */
const SIZE_FILE = 'size';

/** The default size of the cache folder: a few full builds of a large book. */
export const CACHE_LIMIT_BYTES = 1024 ** 3;

const NEWLINE = 0x0a;
/** Entries are JSON, or a text stored as it is (`setText`). */
const JSON_FILE = '.json';
const TEXT_FILE = '.txt';

/** An entry's time of use is brought up to date when it is older than this. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;

export function hashOf(...parts: Array<string | Uint8Array>): string {
  const h = createHash('sha256');
  // Strings are hashed as their UTF-8 (the hash's own encoding of a string): the same bytes, no copy made.
  for (const part of parts) h.update(part).update('\u0000');
  return h.digest('hex');
}

const CHECKSUM_DIGITS = 8;

/**
 * An entry's checksum: CRC-32 of its payload, as 8 hex digits. It guards against torn and damaged
 * entries, not against forgery (the keys are SHA-256); every entry read is checked, and SHA-256 of the
 * payloads cost a rebuild tens of milliseconds on each thread.
 */
export function checksumOf(payload: string | Uint8Array): string {
  return crc32(payload).toString(16).padStart(CHECKSUM_DIGITS, '0');
}

function statsFor(stats: Record<string, CacheStats>, kind: string): CacheStats {
  return (stats[kind] ??= { hits: 0, misses: 0, corrupt: 0 });
}

/** A cache in a folder; `null` gives a cache that stores nothing (--no-cache) but still counts. */
export function openCache(folder: string | null): Cache {
  // An empty path would scatter entries over the working folder: treat it as no cache.
  const dir = folder === '' ? null : folder;
  const stats: Record<string, CacheStats> = {};
  const pathOf = (kind: string, key: string, extension = JSON_FILE): string => join(dir ?? '', kind, key.slice(0, 2), `${key}${extension}`);
  const touches: Array<Promise<void>> = [];
  let written = 0;
  /** An entry's payload, checked and decoded; undefined when it is missing or damaged (then removed). */
  const load = async <T>(kind: string, key: string, extension: string, decode: (payload: Buffer) => T, shared = false): Promise<T | undefined> => {
    const s = statsFor(stats, kind);
    if (dir === null) {
      s.misses++;
      return undefined;
    }
    const path = pathOf(kind, key, extension);
    let bytes: Buffer;
    let used: number;
    try {
      const file = readWholeFile(path, Infinity, shared);
      bytes = file.bytes!;
      used = file.mtimeMs;
    } catch {
      s.misses++;
      return undefined;
    }
    // An entry is its checksum on the first line (`checksumOf` the payload), then the payload: checked on
    // the bytes as read, so the text is decoded once, for parsing.
    const newline = bytes.indexOf(NEWLINE);
    try {
      const payload = bytes.subarray(newline + 1);
      if (newline !== CHECKSUM_DIGITS || checksumOf(payload) !== bytes.toString('latin1', 0, newline)) throw new Error('checksum');
      const value = decode(payload);
      s.hits++;
      // The modification time records the last use, to the hour, so pruning drops what was used
      // longest ago (a rebuild soon after a build touches nothing). Not waited for here (flush does).
      if (Date.now() - used > TOUCH_AFTER_MS) {
        const now = new Date();
        touches.push(utimes(path, now, now).catch(() => {}));
      }
      return value;
    } catch {
      s.corrupt++;
      s.misses++;
      await rm(path, { force: true });
      return undefined;
    }
  };
  const store = async (kind: string, key: string, extension: string, payload: string): Promise<void> => {
    if (dir === null) return;
    const entry = `${checksumOf(payload)}\n${payload}`;
    await writeAtomic(pathOf(kind, key, extension), entry);
    written += Buffer.byteLength(entry);
  };
  return {
    stats,
    get written() {
      return written;
    },
    async flush(): Promise<void> {
      await Promise.all(touches.splice(0));
    },
    get<T>(kind: string, key: string): Promise<T | undefined> {
      return load(kind, key, JSON_FILE, (payload) => JSON.parse(payload.toString('utf8')) as T);
    },
    set(kind: string, key: string, value: unknown): Promise<void> {
      return store(kind, key, JSON_FILE, JSON.stringify(value));
    },
    getText(kind: string, key: string): Promise<string | undefined> {
      return load(kind, key, TEXT_FILE, (payload) => payload.toString('utf8'));
    },
    getBytes(kind: string, key: string, options: { shared?: boolean } = {}): Promise<Buffer | undefined> {
      return load(kind, key, TEXT_FILE, (payload) => payload, options.shared === true);
    },
    setText(kind: string, key: string, text: string): Promise<void> {
      return store(kind, key, TEXT_FILE, text);
    },
    async prune(maxBytes: number, storedElsewhere = 0): Promise<number> {
      if (dir === null) return 0;
      await this.flush();
      const sizeFile = join(dir, SIZE_FILE);
      const known = Number(await readFile(sizeFile, 'utf8').catch(() => NaN));
      const estimate = known + written + storedElsewhere;
      written = 0;
      if (estimate <= maxBytes) {
        if (estimate !== known) await writeAtomic(sizeFile, String(estimate));
        return 0;
      }
      const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
      const files: Array<{ path: string; size: number; used: number }> = [];
      let total = 0;
      for (const entry of entries) {
        // Entries live in folders; the file beside them is the running size.
        if (!entry.isFile() || entry.parentPath === dir) continue;
        const path = join(entry.parentPath, entry.name);
        const info = await stat(path).catch(() => null);
        if (info === null) continue;
        files.push({ path, size: info.size, used: info.mtimeMs });
        total += info.size;
      }
      let removed = 0;
      if (total > maxBytes) {
        // Down to half the limit, so pruning does not run again at once.
        files.sort((a, b) => a.used - b.used || a.path.localeCompare(b.path));
        for (const file of files) {
          if (total <= maxBytes / 2) break;
          await rm(file.path, { force: true });
          total -= file.size;
          removed++;
        }
      }
      await writeAtomic(sizeFile, String(total));
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
