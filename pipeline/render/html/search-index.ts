/**
 * The search index, shipped as a script that assigns a global so it loads from any static server and from
 * file:// alike (no fetch). Searchable blocks are the article titles, subtitles, headings and paragraphs;
 * each is indexed by its characters and character bigrams, so two-character queries (党建, 外交) are exact
 * lookups; the browser intersects the bigram lists and then checks the text itself, so a result always
 * contains the query.
 *
 * Folding (the same here and in templates/html/search.js): full-width ASCII → ASCII, A–Z → a–z, and in a
 * Traditional edition Traditional → Simplified by the character map; the query is tried both as typed and
 * folded through the map. Every fold keeps the text's length, so snippets line up with the shown text.
 *
 * Each article's fragment of the index (`SearchFragment`) depends on that article alone; the fragments of
 * a run of articles are merged into one of the parts the index ships (search-units.ts caches both).
 */
import { toText, type Article } from '../../ir.js';

export const SEARCH_GLOBAL = 'compendiumSearch';

/**
 * The index as the bundle ships it: the book's fold settings, then its parts — runs of consecutive articles
 * (search-units.ts), each numbering its own articles and blocks from 0 — which search.js puts together
 * in order when the page loads. Each part is made once and kept, so a rebuild after one article changed
 * writes the others' text as it was, instead of merging and serialising the whole book's index again.
 */
export interface SearchData {
  v: 2;
  /** Fold the texts through the map too (a Traditional edition, indexed in Simplified). */
  foldText: boolean;
  /** Traditional → Simplified pairs, concatenated: “發发書书…”. */
  map: string;
  parts: SearchPart[];
}

export interface SearchPart {
  /** [page file, title] per article of the part, in book order. */
  articles: Array<[string, string]>;
  /** [article in the part, anchor id, text as shown] per searchable block. */
  blocks: Array<[number, string, string]>;
  /** gram → ascending block numbers in the part, delta-encoded in base 36 and joined by commas. */
  grams: Record<string, string>;
}

/**
 * The grams of part of the index: one article's, or several consecutive articles' merged. Block numbers
 * count from the part's own start, so a part does not change when the articles before it do. (The blocks
 * themselves are not kept: `searchableBlocks` gives them again from the IR at no cost.)
 */
export interface SearchFragment {
  /** Searchable blocks in the part. */
  blocks: number;
  /** Every distinct character of the blocks (the book's character map keeps what they need). */
  chars: string;
  /** The grams, and for each its first and last block and the deltas after the first (encoded, or ''). */
  grams: string[];
  first: number[];
  last: number[];
  rest: string[];
}

const SKIP = /[\s\p{P}]/u;

/** A fold map: the book's character map, or for one article's text the full table (the same for its characters). */
interface FoldMap {
  get(c: string): string | undefined;
}

export function fold(text: string, map: FoldMap | null): string {
  let out = '';
  for (let c of text) {
    if (map) c = map.get(c) ?? c;
    const code = c.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0);
    else if (code >= 0x41 && code <= 0x5a) c = String.fromCharCode(code + 32);
    out += c;
  }
  return out;
}

/** The texts of one article that search looks at, with the anchor each result links to. */
export function searchableBlocks(article: Article): Array<[string, string]> {
  const blocks: Array<[string, string]> = [[article.id, article.data.title]];
  if (article.data.subtitle) blocks.push([article.id, article.data.subtitle]);
  for (const block of article.children) {
    if (block.type === 'separator') continue;
    const text = toText(block);
    if (text.trim() !== '') blocks.push([block.id, text]);
  }
  return blocks;
}

/**
 * One article's part of the index. `foldMap` is the Traditional → Simplified table in a Traditional
 * edition (null otherwise): for the characters of one article it folds exactly as the book's map would,
 * since the book's map keeps every pair whose Traditional character occurs in the book.
 */
export function searchFragment(article: Article, foldMap: FoldMap | null): SearchFragment {
  const blocks = searchableBlocks(article);
  const chars = new Set<string>();
  const postings = new Map<string, number[]>();
  const add = (gram: string, block: number): void => {
    const list = postings.get(gram);
    if (!list) postings.set(gram, [block]);
    else if (list.at(-1) !== block) list.push(block);
  };
  blocks.forEach(([, text], b) => {
    for (const c of text) chars.add(c);
    const folded = [...fold(text, foldMap)];
    folded.forEach((c, i) => {
      if (SKIP.test(c)) return;
      add(c, b);
      const next = folded[i + 1];
      if (next !== undefined && !SKIP.test(next)) add(c + next, b);
    });
  });
  const fragment: SearchFragment = { blocks: blocks.length, chars: [...chars].join(''), grams: [], first: [], last: [], rest: [] };
  for (const [gram, list] of postings) {
    fragment.grams.push(gram);
    fragment.first.push(list[0]!);
    fragment.last.push(list.at(-1)!);
    fragment.rest.push(list.slice(1).map((n, i) => (n - list[i]!).toString(36)).join(','));
  }
  return fragment;
}

/**
 * Consecutive parts as one: blocks renumbered from the first part's start, and each gram's list continued
 * from one part to the next (only the first delta of each part is new).
 */
export function mergeFragments(parts: readonly SearchFragment[]): SearchFragment {
  const merged: SearchFragment = { blocks: 0, chars: '', grams: [], first: [], last: [], rest: [] };
  const at = new Map<string, number>();
  const rest: string[][] = [];
  const chars = new Set<string>();
  for (const part of parts) {
    const offset = merged.blocks;
    merged.blocks += part.blocks;
    for (const c of part.chars) chars.add(c);
    for (let i = 0; i < part.grams.length; i++) {
      const gram = part.grams[i]!;
      const first = offset + part.first[i]!;
      const last = offset + part.last[i]!;
      const j = at.get(gram);
      if (j === undefined) {
        at.set(gram, merged.grams.length);
        merged.grams.push(gram);
        merged.first.push(first);
        merged.last.push(last);
        rest.push(part.rest[i] === '' ? [] : [part.rest[i]!]);
      } else {
        rest[j]!.push((first - merged.last[j]!).toString(36));
        if (part.rest[i] !== '') rest[j]!.push(part.rest[i]!);
        merged.last[j] = last;
      }
    }
  }
  merged.chars = [...chars].join('');
  merged.rest = rest.map((r) => r.join(','));
  return merged;
}

/** One part of the index: some consecutive articles (in book order) with their pages, and their merged fragment. */
export function searchPart(articles: ReadonlyArray<{ article: Article; file: string }>, fragment: SearchFragment): SearchPart {
  const blocks: SearchPart['blocks'] = [];
  articles.forEach(({ article }, a) => {
    for (const [anchor, text] of searchableBlocks(article)) blocks.push([a, anchor, text]);
  });
  if (blocks.length !== fragment.blocks) throw new Error(`Unexpected search index part of ${fragment.blocks} blocks, expected ${blocks.length}`);
  const index = new Map(fragment.grams.map((gram, i) => [gram, i]));
  const grams: Record<string, string> = {};
  // Grams in UTF-16 code unit order (the default sort): the order only makes the file deterministic.
  for (const gram of [...fragment.grams].sort()) {
    const i = index.get(gram)!;
    grams[gram] = fragment.rest[i] === '' ? fragment.first[i]!.toString(36) : `${fragment.first[i]!.toString(36)},${fragment.rest[i]}`;
  }
  return { articles: articles.map(({ article, file }) => [file, article.data.title]), blocks, grams };
}

/** JSON as script text: JSON is valid JavaScript; `<` and the line separators are escaped all the same. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The index as a script, from the book's settings and its parts' JSON (`scriptJson` of each, as UTF-8). */
export function searchIndexScript(book: Omit<SearchData, 'parts'>, parts: readonly Uint8Array[]): Uint8Array {
  // The book's fields, then `parts` as the last one: `{"v":2,…,"parts":[` part, part … `]}`.
  const head = `${scriptJson(book).slice(0, -1)},"parts":[`;
  const pieces: Uint8Array[] = [Buffer.from(`/* The search index of this bundle, generated from the book. */\nwindow.${SEARCH_GLOBAL} = ${head}`)];
  parts.forEach((part, i) => pieces.push(...(i === 0 ? [part] : [COMMA, part])));
  pieces.push(Buffer.from(']};\n'));
  return Buffer.concat(pieces);
}

const COMMA = Buffer.from(',');
