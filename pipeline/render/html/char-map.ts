/**
 * A compact Traditional → Simplified character map for the search box, built at render time with opencc-js
 * and cut down to the characters that matter for this book: a Traditional character is kept only if its
 * Simplified form occurs in the text. The browser folds a query with it, so 黨建 finds 党建.
 */
import OpenCC from 'opencc-js';

/** Han blocks whose characters have Traditional forms worth mapping (CJK Unified, Extension A, Compatibility). */
const RANGES: Array<[number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

/** Every Han character whose character-by-character Simplified form differs, across the standard, Taiwan and Hong Kong variants. */
function fullTable(): Map<string, string> {
  const chars: string[] = [];
  for (const [from, to] of RANGES) for (let c = from; c <= to; c++) chars.push(String.fromCodePoint(c));
  const table = new Map<string, string>();
  // Converted one character per line: opencc's phrases never span a line break, so each maps on its own.
  for (const from of ['t', 'tw', 'hk'] as const) {
    const converted = OpenCC.Converter({ from, to: 'cn' })(chars.join('\n')).split('\n');
    if (converted.length !== chars.length) throw new Error('opencc-js changed the number of lines while building the character map');
    chars.forEach((c, i) => {
      const s = converted[i]!;
      // Only same-length pairs, so folding never shifts offsets between the shown and the searched text.
      if (s !== c && !table.has(c) && s.length === c.length && [...s].length === 1) table.set(c, s);
    });
  }
  return table;
}

export interface CharMap {
  /** Traditional → Simplified, sorted by code point (deterministic output). */
  pairs: Array<[string, string]>;
  get(c: string): string | undefined;
}

/** The map for a book whose texts are given (in the edition's script). */
export function charMapFor(texts: Iterable<string>): CharMap {
  const table = fullTable();
  const present = new Set<string>();
  for (const text of texts) for (const c of text) present.add(table.get(c) ?? c);
  const pairs = [...table].filter(([, s]) => present.has(s)).sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!);
  const map = new Map(pairs);
  return { pairs, get: (c) => map.get(c) };
}
