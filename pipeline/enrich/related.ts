/**
 * Related articles: for each article, the others ranked by what they share — glossary terms and cited
 * documents — with the shared items as the reason.
 *
 * Score = Σ over shared items of ln(1 + N / df), N the number of articles and df the number that use the
 * item: a term every article uses still counts a little, a document two articles cite counts a lot.
 * Reasons are listed most telling first. At most MAX_RELATED articles are kept per article.
 *
 * Cost stays linear in the size of the book: candidates are gathered from an article's rarest items
 * first and the walk over the other articles stops after VISIT_BUDGET steps, so a term used by every
 * one of ten thousand articles cannot make the stage quadratic. Up to that budget (every book of a few
 * hundred articles) the ranking is exact; beyond it, the articles that share the rarest items are still
 * found first, and the scores of those kept are always exact.
 */
import { createHash } from 'node:crypto';
import type { RelatedArticle } from '../ir.js';
import { compareKeys } from './pinyin.js';

export const MAX_RELATED = 5;
export const VISIT_BUDGET = 1000;

export interface ArticleItems {
  articleId: string;
  terms: ReadonlySet<string>;
  documents: ReadonlySet<string>;
}

export function relateArticles(articles: readonly ArticleItems[]): Map<string, RelatedArticle[]> {
  const n = articles.length;
  const result = new Map<string, RelatedArticle[]>();
  // Items (`t:<id>` / `d:<id>`) by number, with the articles (by index, book order) that use each.
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const postings: number[][] = [];
  const itemsOf: number[][] = articles.map((a, index) => {
    const items: number[] = [];
    const add = (name: string): void => {
      let item = numbers.get(name);
      if (item === undefined) {
        item = names.length;
        numbers.set(name, item);
        names.push(name);
        postings.push([]);
      }
      postings[item]!.push(index);
      items.push(item);
    };
    for (const t of a.terms) add(`t:${t}`);
    for (const d of a.documents) add(`d:${d}`);
    return items;
  });
  const weight = Float64Array.from(postings, (list) => Math.log(1 + n / list.length));
  // The order reasons are listed in (most telling first, then by key), worked out once for all items.
  const rank = new Int32Array(names.length);
  names
    .map((_, item) => item)
    .sort((a, b) => weight[b]! - weight[a]! || compareKeys(names[a]!, names[b]!))
    .forEach((item, place) => (rank[item] = place));
  const byRank = (a: number, b: number): number => rank[a]! - rank[b]!;

  const score = new Float64Array(n);
  // The article whose items are marked: `mine[item] === a` for the items of article a.
  const mine = new Int32Array(names.length).fill(-1);
  for (let a = 0; a < n; a++) {
    const items = [...itemsOf[a]!].sort(byRank);
    const touched: number[] = [];
    let visits = 0;
    walk: for (const item of items) {
      const w = weight[item]!;
      for (const b of postings[item]!) {
        if (b === a) continue;
        if (score[b] === 0) touched.push(b);
        score[b] = score[b]! + w;
        if (++visits >= VISIT_BUDGET) break walk;
      }
    }
    const best = topK(touched, score, MAX_RELATED);
    for (const b of touched) score[b] = 0;

    for (const item of items) mine[item] = a;
    const related = best.map((b) => {
      const shared = itemsOf[b]!.filter((item) => mine[item] === a).sort(byRank);
      const exact = shared.reduce((sum, item) => sum + weight[item]!, 0);
      const named = shared.map((item) => names[item]!);
      const entry: RelatedArticle = {
        articleId: articles[b]!.articleId,
        score: Math.round(exact * 1000) / 1000,
        sharedTerms: named.filter((i) => i.startsWith('t:')).map((i) => i.slice(2)),
        sharedDocuments: named.filter((i) => i.startsWith('d:')).map((i) => i.slice(2)),
      };
      return { b, entry };
    });
    related.sort((x, y) => y.entry.score - x.entry.score || x.b - y.b);
    result.set(articles[a]!.articleId, related.map((r) => r.entry));
  }
  return result;
}

/** Related lists as a build worked them out, with the digest of the items they were worked out from. */
export interface RelatedMemo {
  digest: string;
  related: Array<[string, RelatedArticle[]]>;
}

/**
 * `relateArticles`, or the lists of an earlier build (`previous`) when they were worked out from the same
 * items: they depend on nothing else, and a rebuild after an edit that adds or drops no term or cited
 * document gets them back without ranking every article again (~50 ms for 200 articles). `made` is what
 * the next build can take back, when this one worked them out.
 */
export function rememberedRelations(previous: RelatedMemo | undefined): { relate: typeof relateArticles; made(): RelatedMemo | null } {
  let made: RelatedMemo | null = null;
  return {
    relate(articles) {
      const digest = createHash('sha256')
        .update(JSON.stringify(articles.map((a) => [a.articleId, [...a.terms], [...a.documents]])))
        .digest('hex');
      if (previous?.digest === digest) return new Map(previous.related);
      const related = relateArticles(articles);
      made = { digest, related: [...related] };
      return related;
    },
    made: () => made,
  };
}

/** The k best candidates by score (ties: book order), without sorting them all. */
function topK(candidates: number[], score: Float64Array, k: number): number[] {
  const better = (x: number, y: number): boolean => score[x]! > score[y]! || (score[x] === score[y] && x < y);
  const best: number[] = [];
  for (const c of candidates) {
    if (best.length === k && !better(c, best[k - 1]!)) continue;
    let i = best.length === k ? k - 1 : best.length;
    best[i] = c;
    while (i > 0 && better(best[i]!, best[i - 1]!)) {
      [best[i - 1], best[i]] = [best[i]!, best[i - 1]!];
      i--;
    }
  }
  return best;
}
