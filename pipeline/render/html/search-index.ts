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
 */
import { toText, type Root } from '../../ir.js';
import { charMapFor, type CharMap } from './char-map.js';

export const SEARCH_GLOBAL = 'compendiumSearch';

export interface SearchData {
  v: 1;
  /** Fold the texts through the map too (a Traditional edition, indexed in Simplified). */
  foldText: boolean;
  /** Traditional → Simplified pairs, concatenated: “發发書书…”. */
  map: string;
  /** [page file, title] per article, in book order. */
  articles: Array<[string, string]>;
  /** [article index, anchor id, text as shown] per searchable block. */
  blocks: Array<[number, string, string]>;
  /** gram → ascending block numbers, delta-encoded in base 36 and joined by commas. */
  grams: Record<string, string>;
}

const SKIP = /[\s\p{P}]/u;

export function fold(text: string, map: CharMap | null): string {
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
export function searchableBlocks(article: Root['children'][number]): Array<[string, string]> {
  const blocks: Array<[string, string]> = [[article.id, article.data.title]];
  if (article.data.subtitle) blocks.push([article.id, article.data.subtitle]);
  for (const block of article.children) {
    if (block.type === 'separator') continue;
    const text = toText(block);
    if (text.trim() !== '') blocks.push([block.id, text]);
  }
  return blocks;
}

export function buildSearchData(root: Root, files: Map<string, string>): SearchData {
  const articles: SearchData['articles'] = [];
  const blocks: SearchData['blocks'] = [];
  root.children.forEach((article, a) => {
    articles.push([files.get(article.id)!, article.data.title]);
    for (const [anchor, text] of searchableBlocks(article)) blocks.push([a, anchor, text]);
  });
  const map = charMapFor(blocks.map((b) => b[2]));
  const foldText = root.data.script === 'hant';
  const postings = new Map<string, number[]>();
  const add = (gram: string, block: number): void => {
    const list = postings.get(gram);
    if (!list) postings.set(gram, [block]);
    else if (list.at(-1) !== block) list.push(block);
  };
  blocks.forEach(([, , text], b) => {
    const chars = [...fold(text, foldText ? map : null)];
    chars.forEach((c, i) => {
      if (SKIP.test(c)) return;
      add(c, b);
      const next = chars[i + 1];
      if (next !== undefined && !SKIP.test(next)) add(c + next, b);
    });
  });
  const grams: Record<string, string> = {};
  for (const gram of [...postings.keys()].sort()) grams[gram] = encodePostings(postings.get(gram)!);
  return { v: 1, foldText, map: map.pairs.map(([t, s]) => t + s).join(''), articles, blocks, grams };
}

function encodePostings(list: number[]): string {
  return list.map((n, i) => (n - (i === 0 ? 0 : list[i - 1]!)).toString(36)).join(',');
}

/** The index as a script. JSON is valid JavaScript; `<` and the line separators are escaped all the same. */
export function searchIndexScript(data: SearchData): string {
  const json = JSON.stringify(data).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `/* The search index of this bundle, generated from the book. */\nwindow.${SEARCH_GLOBAL} = ${json};\n`;
}
