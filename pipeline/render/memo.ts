/** `RenderContext.memo` over the build cache, the same on the main thread and in a render thread. */
import { hashOf, type Cache } from '../cache.js';
import type { RenderContext, Tables } from './index.js';

/** Kinds of cache entry: a unit's value, a table's entries. */
const UNIT = 'unit';
const TABLE = 'table';

export interface UnitCounts {
  computed: number;
  reused: number;
  /** Of those reused, found already read (see ReadAhead). */
  readAhead: number;
}

export interface MemoOptions {
  /** Entries already being read (see ReadAhead), taken from there instead of read again. */
  readAhead?: ReadAhead;
  /** Collects the key of every unit asked for, in order: what the next build may read ahead. */
  used?: string[];
}

export function unitKey(fingerprint: string, format: string, unit: string, inputs: unknown): string {
  return hashOf(UNIT, fingerprint, format, unit, JSON.stringify(inputs) ?? '');
}

export function cacheMemo(cache: Cache, fingerprint: string, format: string, counts: UnitCounts, options: MemoOptions = {}): RenderContext['memo'] {
  return async (unit, inputs, compute) => {
    const key = unitKey(fingerprint, format, unit, inputs);
    options.used?.push(key);
    const early = options.readAhead?.take(key);
    const hit = (await (early ?? cache.get(UNIT, key))) as { value: Awaited<ReturnType<typeof compute>> } | undefined;
    if (hit) {
      counts.reused++;
      if (early) counts.readAhead++;
      return hit.value;
    }
    const value = await compute();
    counts.computed++;
    await cache.set(UNIT, key, { value });
    return value;
  };
}

/** Kind of cache entry of a text unit (`RenderContext.memoText`): the text as it is. */
const UNIT_TEXT = 'unit-text';

/** `RenderContext.memoText` over the build cache: the same keys as `cacheMemo`, the value a text entry. */
export function cacheMemoText(cache: Cache, fingerprint: string, format: string, counts: UnitCounts): NonNullable<RenderContext['memoText']> {
  return async (unit, inputs, compute) => {
    const key = unitKey(fingerprint, format, unit, inputs);
    const hit = await cache.getBytes(UNIT_TEXT, key);
    if (hit) {
      counts.reused++;
      return hit;
    }
    const text = await compute();
    counts.computed++;
    await cache.setText(UNIT_TEXT, key, text);
    return Buffer.from(text, 'utf8');
  };
}

/** A memo that hands everyone asking for the same unit and inputs the same promise: one read or computation per build. */
export function oncePerBuild(memo: RenderContext['memo']): RenderContext['memo'] {
  const asked = new Map<string, Promise<unknown>>();
  return <T>(unit: string, inputs: unknown, compute: () => T | Promise<T>): Promise<T> => {
    const key = `${unit}\u0000${JSON.stringify(inputs)}`;
    let value = asked.get(key);
    if (!value) asked.set(key, (value = memo(unit, inputs, compute)));
    return value as Promise<T>;
  };
}

/** The format name under which `RenderContext.sharedMemo` stores its units. */
export const SHARED_UNITS = 'shared';

/** `RenderContext.tables` over the build cache. */
export function cacheTables(cache: Cache, fingerprint: string, format: string): Tables {
  const keyOf = (name: string, inputs: unknown): string => hashOf(TABLE, fingerprint, format, name, JSON.stringify(inputs) ?? '');
  return {
    read: async <T>(name: string, inputs: unknown) => (await cache.get<Record<string, T>>(TABLE, keyOf(name, inputs))) ?? {},
    write: (name, inputs, entries) => cache.set(TABLE, keyOf(name, inputs), entries),
  };
}

/**
 * Unit entries read from the cache before they are asked for: a render thread reads the units the
 * previous build used while the main thread is still making the IR, so a rebuild finds most of its
 * layout in memory. Read in the order they were used, one after the other (a read is synchronous: the
 * entries are small and in the page cache); one asked for before its turn is read at once.
 */
export class ReadAhead {
  /** Per key, its read (null until started). */
  private readonly entries = new Map<string, Promise<unknown> | null>();

  constructor(
    private readonly cache: Cache,
    keys: readonly string[],
  ) {
    for (const key of keys) this.entries.set(key, null);
    void this.readAll([...this.entries.keys()]);
  }

  private async readAll(keys: readonly string[]): Promise<void> {
    for (const key of keys) if (this.entries.get(key) === null) await this.begin(key);
  }

  /** The read of a key still to be taken: the one under way, or one begun now. */
  private begin(key: string): Promise<unknown> {
    let read = this.entries.get(key);
    if (!read) this.entries.set(key, (read = this.cache.get(UNIT, key)));
    return read;
  }

  /**
   * The values to be read ahead and not taken yet, in the order they were used, each once read: for
   * work on them before they are asked for (a renderer decoding its stored units while it waits).
   */
  async *values(): AsyncGenerator<unknown> {
    for (const key of [...this.entries.keys()]) {
      if (!this.entries.has(key)) continue;
      const entry = (await this.begin(key)) as { value: unknown } | undefined;
      if (entry) yield entry.value;
    }
  }

  /** The entry under `key` if it was to be read ahead (undefined when it is not in the cache); else undefined. */
  take(key: string): Promise<unknown> | undefined {
    if (!this.entries.has(key)) return undefined;
    // Read now if its turn has not come (readAll then skips it).
    const read = this.begin(key);
    this.entries.delete(key);
    return read;
  }
}
