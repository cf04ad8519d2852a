/**
 * The search index made from cached parts: each article's fragment is a unit keyed by the article alone,
 * and runs of consecutive articles are merged into the parts the index ships (SearchPart), units of their
 * own kept as their finished script text. After one article changed, only its fragment and its run's part
 * are made again; the index is the parts' text put together. Runs end after articles chosen by a hash of
 * their id, so adding or removing an article changes only its own run (mostly), not all the runs after it.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../../ir.js';
import { memoText, readText, storeText, type RenderContext } from '../index.js';
import { mergeFragments, scriptJson, searchFragment, searchPart, type SearchFragment } from './search-index.js';

export const SEARCH_ARTICLE_UNIT = 'html-search-article';
export const SEARCH_PART_UNIT = 'html-search-part';
export const SEARCH_CHARS_UNIT = 'html-search-chars';

/** A run ends after about one article in this many, and after twice as many at the latest. */
const RUN_LENGTH = 16;

/** One part of the index as the script holds it (`scriptJson`, UTF-8), and every character of its text. */
export interface ShippedPart {
  json: Uint8Array;
  chars: string;
}

/**
 * The index's parts, in book order. `files[i]` is article i's page and `digests[i]` its digest; `foldMap`
 * as in `searchFragment`.
 */
export async function bookParts(
  context: RenderContext,
  articles: readonly Article[],
  files: readonly string[],
  digests: readonly string[],
  foldMap: ReadonlyMap<string, string> | null,
): Promise<ShippedPart[]> {
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
  return Promise.all(
    runs.map(async (members) => {
      const inputs = { fold, articles: members.map((i) => [digests[i], files[i]]) };
      // The part's script text (megabytes for a book) is a text unit of its own, its characters a small one.
      let made: Promise<{ json: string; chars: string }> | null = null;
      const make = (): Promise<{ json: string; chars: string }> =>
        (made ??= (async () => {
          const own = members.map(async (i) => fromStored(await context.memo(SEARCH_ARTICLE_UNIT, { fold, article: digests[i] }, () => toStored(searchFragment(articles[i]!, foldMap)))));
          const merged = mergeFragments(await Promise.all(own));
          const part = searchPart(members.map((i) => ({ article: articles[i]!, file: files[i]! })), merged);
          return { json: scriptJson(part), chars: merged.chars };
        })());
      const [json, chars] = await Promise.all([
        memoText(context, SEARCH_PART_UNIT, inputs, async () => (await make()).json),
        context.memo(SEARCH_CHARS_UNIT, inputs, async () => storeText((await make()).chars)),
      ]);
      return { json, chars: readText(chars) };
    }),
  );
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
