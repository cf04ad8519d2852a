/** The stored readings (readings-data.ts) are exactly what pinyin-pro makes, and are read back as it reads. */
import { describe, expect, it } from 'vitest';
import { readingsIn } from '../../pipeline/normalize/repair/pinyin.js';
import { READINGS } from '../../pipeline/normalize/repair/readings-data.js';
import { readingsModule, readingsTable } from '../../pipeline/normalize/repair/readings.js';

describe('the stored readings', () => {
  it('are the module made from pinyin-pro (regenerate it after upgrading pinyin-pro)', () => {
    const built = readingsTable();
    expect(built.length).toBeGreaterThan(400);
    expect(readingsModule(built)).toContain(`export const READINGS = ${JSON.stringify(READINGS)};`);
  }, 60_000);

  it('give every syllable a character is read as, and none for a character without a reading', () => {
    const table = 'hang:行航\nxing:兴行\nzu:𠀀';
    expect(readingsIn(table, '行')).toEqual(['hang', 'xing']);
    expect(readingsIn(table, '𠀀')).toEqual(['zu']);
    expect(readingsIn(table, '党')).toEqual([]);
    expect(readingsIn(READINGS, '党')).toEqual(['dang']);
  });
});
