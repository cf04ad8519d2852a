import { describe, expect, it } from 'vitest';
import { MAX_RELATED, relateArticles, rememberedRelations, VISIT_BUDGET } from '../../pipeline/enrich/related.js';

const items = (articleId: string, terms: string[], documents: string[] = []) => ({ articleId, terms: new Set(terms), documents: new Set(documents) });

describe('related articles', () => {
  it('ranks a shared rare item above several common ones, and gives the shared items as the reason', () => {
    const related = relateArticles([
      items('a', ['common', 'rare', 'x'], ['plan']),
      items('b', ['common', 'x', 'y']),
      items('c', ['common', 'rare'], ['plan']),
      items('d', ['common', 'x', 'y']),
      items('e', []),
    ]);
    const a = related.get('a')!;
    expect(a.map((r) => r.articleId)).toEqual(['c', 'b', 'd']);
    expect(a[0]).toEqual({ articleId: 'c', score: expect.any(Number), sharedTerms: ['rare', 'common'], sharedDocuments: ['plan'] });
    expect(a[1]).toMatchObject({ sharedTerms: ['x', 'common'], sharedDocuments: [] });
    expect(a[0]!.score).toBeGreaterThan(a[1]!.score);
    // Scores are symmetric: what a shares with c is what c shares with a.
    expect(related.get('c')![0]).toMatchObject({ articleId: 'a', score: a[0]!.score });
    expect(related.get('e')).toEqual([]);
  });

  it('keeps at most MAX_RELATED articles, best first, ties in book order', () => {
    const many = Array.from({ length: 12 }, (_, i) => items(`a${i}`, ['t']));
    const related = relateArticles(many).get('a5')!;
    expect(related.map((r) => r.articleId)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4'].slice(0, MAX_RELATED));
  });

  it('still finds the articles sharing the rarest item when a common term exceeds the visit budget', () => {
    const n = VISIT_BUDGET * 3;
    const many = Array.from({ length: n }, (_, i) => items(`a${i}`, ['everywhere']));
    many[0] = items('a0', ['everywhere', 'pair']);
    many[n - 1] = items(`a${n - 1}`, ['everywhere', 'pair']);
    const related = relateArticles(many).get('a0')!;
    expect(related[0]).toMatchObject({ articleId: `a${n - 1}`, sharedTerms: ['pair', 'everywhere'] });
  });
});

describe('remembered related lists', () => {
  const book = () => [items('a', ['t1', 't2'], ['d']), items('b', ['t1']), items('c', ['t2'], ['d'])];

  it('are taken back while the items are the same, and worked out again when they change', () => {
    const first = rememberedRelations(undefined);
    const made = first.relate(book());
    expect(made).toEqual(relateArticles(book()));
    const kept = first.made()!;
    expect(kept).not.toBeNull();

    const again = rememberedRelations(JSON.parse(JSON.stringify(kept)));
    expect(again.relate(book())).toEqual(made);
    expect(again.made()).toBeNull();

    const changed = [items('a', ['t1'], ['d']), items('b', ['t1']), items('c', ['t2'], ['d'])];
    const other = rememberedRelations(kept);
    expect(other.relate(changed)).toEqual(relateArticles(changed));
    expect(other.made()?.digest).not.toBe(kept.digest);
  });
});
