/**
 * A compact Traditional → Simplified character map for the search box, built with opencc-js and cut down
 * to the characters that matter for this book: a Traditional character is kept only if its Simplified form
 * occurs in the text. The browser folds a query with it, so 黨建 finds 党建.
 *
 * The full table (char-table.ts: every Han character opencc maps) takes most of a second to build and
 * depends only on opencc-js, so it is stored in the sources (char-table-data.ts, checked by a test against
 * what opencc-js makes) and the renderer never loads opencc-js for it.
 */
import { CHAR_PAIRS } from './char-table-data.js';

/** Han blocks whose characters have Traditional forms worth mapping (CJK Unified, Extension A, Compatibility). */
export const RANGES: Array<[number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];
export const VARIANTS = ['t', 'tw', 'hk'] as const;

/** The stored full table: [Traditional, Simplified] pairs in code point order (all in the BMP). */
export function storedCharTable(): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < CHAR_PAIRS.length; i += 2) pairs.push([CHAR_PAIRS[i]!, CHAR_PAIRS[i + 1]!]);
  return pairs;
}

export interface CharMap {
  /** Traditional → Simplified, sorted by code point (deterministic output). */
  pairs: Array<[string, string]>;
  get(c: string): string | undefined;
}

/**
 * The map for a book whose characters (in the edition's script) are given: the table's pairs whose
 * Simplified form is among them, or is the Simplified form of one of them.
 */
export function charMapFor(table: ReadonlyMap<string, string>, pairs: ReadonlyArray<[string, string]>, chars: Iterable<string>): CharMap {
  const present = new Set<string>();
  for (const c of chars) present.add(table.get(c) ?? c);
  const kept = pairs.filter(([, s]) => present.has(s));
  const map = new Map(kept);
  return { pairs: kept, get: (c) => map.get(c) };
}
