/**
 * The search index made from cached parts: each article's part is a unit keyed by the article alone, and
 * runs of consecutive articles are merged into units of their own. After one article changed, only its
 * part and its run's merge are made again, and the book's index is merged from a dozen runs instead of
 * every article. Runs end after articles chosen by a hash of their id, so adding or removing an article
 * changes only its own run (mostly), not all the runs after it.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../../ir.js';
import { readText, storeText, type RenderContext } from '../index.js';
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
    runs.map(async (members) =>
      fromStored(
        await context.memo(SEARCH_RUN_UNIT, { fold, articles: members.map((i) => digests[i]) }, async () => {
          const own = members.map(async (i) => fromStored(await context.memo(SEARCH_ARTICLE_UNIT, { fold, article: digests[i] }, () => toStored(searchFragment(articles[i]!, foldMap)))));
          return toStored(mergeFragments(await Promise.all(own)));
        }),
      ),
    ),
  );
  return mergeFragments(parts);
}

/** A part as kept in the cache: its text (grams, characters) by `storeText` and the lists as single strings, all ASCII. */
interface StoredFragment {
  blocks: number;
  chars: string;
  grams: string;
  first: number[];
  last: number[];
  rest: string;
}

function toStored(f: SearchFragment): StoredFragment {
  return { blocks: f.blocks, chars: storeText(f.chars), grams: storeText(f.grams.join('\n')), first: f.first, last: f.last, rest: f.rest.join(' ') };
}

function fromStored(s: StoredFragment): SearchFragment {
  // Grams never hold white space (search skips it), nor do the base-36 lists.
  const list = (joined: string, separator: string): string[] => (s.first.length === 0 ? [] : joined.split(separator));
  return { blocks: s.blocks, chars: readText(s.chars), grams: list(readText(s.grams), '\n'), first: s.first, last: s.last, rest: list(s.rest, ' ') };
}

function endsRun(articleId: string): boolean {
  return createHash('sha256').update(articleId).digest().readUInt32BE(0) % RUN_LENGTH === 0;
}
