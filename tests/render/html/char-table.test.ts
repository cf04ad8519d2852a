/** The stored Traditional → Simplified table (char-table-data.ts) is exactly what opencc-js makes. */
import { describe, expect, it } from 'vitest';
import { storedCharTable } from '../../../pipeline/render/html/char-map.js';
import { charTable, charTableModule } from '../../../pipeline/render/html/char-table.js';

describe('the stored character table', () => {
  it('equals the table built with opencc-js (regenerate it after upgrading opencc-js)', () => {
    const built = charTable();
    expect(storedCharTable()).toEqual(built);
    expect(built.length).toBeGreaterThan(2000);
    expect(built).toContainEqual(['黨', '党']);
  });

  it('is written as one string of pairs', () => {
    expect(charTableModule([['黨', '党'], ['學', '学']])).toContain('export const CHAR_PAIRS = "黨党學学";');
  });
});
