/**
 * The search index made from cached parts: each article's part is a unit keyed by the article alone, and
 * runs of consecutive articles are merged into units of their own. After one article changed, only its
 * part and its run's merge are made again, and the book's index is merged from a dozen runs instead of
 * every article. Runs end after articles chosen by a hash of their id, so adding or removing an article
 * changes only its own run (mostly), not all the runs after it.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../../ir.js';
import type { RenderContext } from '../index.js';
import { mergeFragments, searchFragment, type SearchFragment } from './search-index.js';

export const SEARCH_ARTICLE_UNIT = 'html-search-article';
export const SEARCH_RUN_UNIT = 'html-search-run';

/** A run ends after about one article in this many, and after twice as many at the latest. */
const RUN_LENGTH = 16;

/** The part of the whole book, in book order. `digests[i]` is article i's digest; `foldMap` as in `searchFragment`. */
export async function bookFragment(
  context: RenderContext,
  articles: readonly Article[],
  digests: readonly string[],
  foldMap: ReadonlyMap<string, string> | null,
): Promise<SearchFragment> {
  const fold = foldMap !== null;
  const runs: number[][] = [];
  let run: number[] = [];
  articles.forEach((article, i) => {
    run.push(i);
    if (endsRun(article.id) || run.length >= 2 * RUN_LENGTH) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  const parts = await Promise.all(
    runs.map((members) =>
      context.memo(SEARCH_RUN_UNIT, { fold, articles: members.map((i) => digests[i]) }, async () =>
        mergeFragments(
          await Promise.all(members.map((i) => context.memo(SEARCH_ARTICLE_UNIT, { fold, article: digests[i] }, () => searchFragment(articles[i]!, foldMap)))),
        ),
      ),
    ),
  );
  return mergeFragments(parts);
}

function endsRun(articleId: string): boolean {
  return createHash('sha256').update(articleId).digest().readUInt32BE(0) % RUN_LENGTH === 0;
}
