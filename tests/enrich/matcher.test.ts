import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatcher, selectLongest } from '../../pipeline/enrich/matcher.js';

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, index) => {
    if (p === '') return;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${index}@${i}-${i + p.length}`);
  });
  return out.sort();
}

describe('Aho–Corasick matcher', () => {
  it('finds overlapping and nested patterns', () => {
    const m = buildMatcher(['he', 'she', 'his', 'hers']);
    expect(m.findAll('ushers').map((x) => `${x.pattern}@${x.start}-${x.end}`)).toEqual(['1@1-4', '0@2-4', '3@2-6']);
  });

  it('finds Chinese terms, nested ones included', () => {
    const m = buildMatcher(['从严治党', '全面从严治党', '治党']);
    expect(m.findAll('全面从严治党。').map((x) => x.pattern).sort()).toEqual([0, 1, 2]);
  });

  it('agrees with a naive search on random patterns and texts (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('党', '建', '两', '个', 'a', 'b'), minLength: 0, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), fc.string({ unit: fc.constantFrom('党', '建', '两', '个', 'a', 'b', '。'), maxLength: 40 }), (patterns, text) => {
        const found = buildMatcher(patterns).findAll(text).map((x) => `${x.pattern}@${x.start}-${x.end}`).sort();
        expect(found).toEqual(naive(patterns, text));
      }),
      { numRuns: 500 },
    );
  });

  it('selects longest first, then leftmost, without overlaps', () => {
    const matches = buildMatcher(['ab', 'bcd', 'd', 'e']).findAll('abcde');
    expect(selectLongest(matches, 5).map((x) => [x.start, x.end])).toEqual([
      [1, 4],
      [4, 5],
    ]);
  });
});
