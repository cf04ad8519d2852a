/** The full Traditional → Simplified character table behind the search's character map (see char-map.ts). */
import OpenCC from 'opencc-js';
import { RANGES, VARIANTS } from './char-map.js';

/**
 * Every Han character whose character-by-character Simplified form differs, across the standard, Taiwan and
 * Hong Kong variants, as [Traditional, Simplified] pairs in code point order.
 */
export function charTable(): Array<[string, string]> {
  const chars: string[] = [];
  for (const [from, to] of RANGES) for (let c = from; c <= to; c++) chars.push(String.fromCodePoint(c));
  const table = new Map<string, string>();
  // Converted one character per line: opencc's phrases never span a line break, so each maps on its own.
  for (const from of VARIANTS) {
    const converted = OpenCC.Converter({ from, to: 'cn' })(chars.join('\n')).split('\n');
    if (converted.length !== chars.length) throw new Error('opencc-js changed the number of lines while building the character map');
    chars.forEach((c, i) => {
      const s = converted[i]!;
      // Only same-length pairs, so folding never shifts offsets between the shown and the searched text.
      if (s !== c && !table.has(c) && s.length === c.length && [...s].length === 1) table.set(c, s);
    });
  }
  return [...table].sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!);
}
