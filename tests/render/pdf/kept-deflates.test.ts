/** Page streams deflated by an earlier build are taken back as they were, and the table keeps one book's worth. */
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Tables } from '../../../pipeline/render/index.js';
import { keptDeflates } from '../../../pipeline/render/pdf/paint/kept-deflates.js';

/** Tables in memory, counting writes. */
function memoryTables(): Tables & { writes: number; stored: Map<string, Record<string, unknown>> } {
  const stored = new Map<string, Record<string, unknown>>();
  const key = (name: string, inputs: unknown): string => `${name} ${JSON.stringify(inputs)}`;
  const tables = {
    writes: 0,
    stored,
    read: async <T>(name: string, inputs: unknown) => (stored.get(key(name, inputs)) ?? {}) as Record<string, T>,
    write: async <T>(name: string, inputs: unknown, entries: Record<string, T>) => {
      tables.writes++;
      stored.set(key(name, inputs), entries);
    },
  };
  return tables;
}

const ops = (page: number): Buffer => Buffer.from(`BT /F1 8.5 Tf 1 0 0 1 53.858 ${30 + page} Tm <0012003400560078> Tj ET\n`.repeat(20), 'latin1');

describe('kept deflates', () => {
  it('give what zlib gives, from the table when an earlier build deflated the same bytes', async () => {
    const tables = memoryTables();
    const first = await keptDeflates(tables);
    for (const page of [1, 2, 3]) expect(first.deflate(ops(page)).equals(deflateSync(ops(page)))).toBe(true);
    await first.keep();
    expect(tables.writes).toBe(1);

    // The next build: pages 2 and 3 as before, page 4 new. The table then holds only what it used.
    const second = await keptDeflates(tables);
    for (const page of [2, 3, 4]) expect(inflateSync(second.deflate(ops(page))).equals(ops(page))).toBe(true);
    expect(second.deflate(ops(2)).equals(deflateSync(ops(2)))).toBe(true);
    await second.keep();
    expect(tables.writes).toBe(2);
    const [table] = [...tables.stored.values()];
    expect(Object.keys(table!)).toHaveLength(3);

    // Nothing new: nothing written.
    const third = await keptDeflates(tables);
    third.deflate(ops(4));
    await third.keep();
    expect(tables.writes).toBe(2);
  });

  it('deflate without a table', async () => {
    const none = await keptDeflates(undefined);
    expect(none.deflate(ops(1)).equals(deflateSync(ops(1)))).toBe(true);
    await expect(none.keep()).resolves.toBeUndefined();
  });
});
