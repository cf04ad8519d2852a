/**
 * Glossary candidates: fixed formulations the glossary does not have yet, so it can grow with the
 * corpus. A candidate is
 * - a quoted formulation: 2–12 characters in “…” (or ‘…’, 「…」), Chinese characters and digits only,
 *   at least two of them Chinese (“国之大者”, “三会一课”, “四强”) — a quoted clause with punctuation
 *   inside is a quotation, not a formulation;
 * - a number-led slogan, quoted or not: 四个意识 (数+个+two characters), 三会一课 / 一岗双责 / 两学一做
 *   (数+字+数+字).
 * It is reported when it occurs so in at least MIN_CANDIDATE_ARTICLES articles, is not already a
 * term or alias (quoted or not) and is not listed under `ignore` in glossary.yaml. One warning per
 * candidate, at its first occurrence, naming the other articles.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Article } from '../ir.js';
import { blockTexts, pointAt, type BlockText } from './blocks.js';
import { compareKeys, PINYIN, type Pinyin } from './pinyin.js';
import { findTerms, type TermIndex } from './terms.js';

export const MIN_CANDIDATE_ARTICLES = 2;

const QUOTED = /(?:“([^“”\n]{2,12})”|‘([^‘’\n]{2,12})’|「([^「」\n]{2,12})」)/g;
const FORMULATION = /^[\p{Script=Han}0-9]+$/u;
const HAN = /\p{Script=Han}/gu;
const NUMERAL = '一二两三四五六七八九十';
/** A character that is neither a numeral nor a measure word: the 字 of 数+字+数+字. */
const WORD = `[^\\P{Script=Han}${NUMERAL}百千万届年月日号次期项名个位条级种批轮倍岁天周度]`;
const NUMBER_LED = new RegExp(`[两三四五六七八九十]个${WORD}{2}|[${NUMERAL}]${WORD}[${NUMERAL}双]${WORD}`, 'gu');

/** A formulation's first place in one article. */
export interface CandidateNote {
  words: string;
  line: number | null;
  column: number | null;
}

/** The formulations one article uses, each at its first place: worked out once per article and kept with it (plain JSON). */
export interface CandidateFacts {
  articleId: string;
  file: string;
  notes: CandidateNote[];
}

interface Seen {
  articles: Set<string>;
  files: string[];
  first: CandidateNote;
}

/** Other articles named in a candidate's message. */
const MAX_NAMED = 3;

export function candidateFacts(article: Article, blocks: readonly BlockText[] = blockTexts(article)): CandidateFacts {
  const notes = new Map<string, CandidateNote>();
  const note = (words: string, block: BlockText, offset: number): void => {
    if (notes.has(words)) return;
    const point = pointAt(block, offset);
    notes.set(words, { words, line: point?.line ?? null, column: point?.column ?? null });
  };
  for (const block of blocks) {
    for (const m of block.text.matchAll(QUOTED)) {
      const words = m[1] ?? m[2] ?? m[3]!;
      if (FORMULATION.test(words) && (words.match(HAN)?.length ?? 0) >= 2) note(words, block, m.index + 1);
    }
    for (const m of block.text.matchAll(NUMBER_LED)) note(m[0], block, m.index);
  }
  return { articleId: article.id, file: article.data.sourceFile, notes: [...notes.values()] };
}

/** The warnings from each article's formulations (see candidateFacts), in book order. */
export function candidateWarnings(facts: readonly CandidateFacts[], index: TermIndex, ignore: readonly string[], pinyin: Pinyin = PINYIN): Diagnostic[] {
  const found = new Map<string, Seen>();
  for (const article of facts) {
    for (const n of article.notes) {
      const seen = found.get(n.words);
      if (!seen) found.set(n.words, { articles: new Set([article.articleId]), files: [article.file], first: n });
      else if (!seen.articles.has(article.articleId)) {
        seen.articles.add(article.articleId);
        seen.files.push(article.file);
      }
    }
  }

  const ignored = new Set(ignore);
  const messages: Array<{ key: string; count: number; d: Diagnostic }> = [];
  for (const [words, seen] of found) {
    if (seen.articles.size < MIN_CANDIDATE_ARTICLES || ignored.has(words) || isCovered(index, words)) continue;
    const { line, column } = seen.first;
    // A few names say where to look; a book of hundreds would otherwise print them all on the terminal.
    const rest = seen.files.slice(1);
    const others = rest.length > MAX_NAMED ? `${rest.slice(0, MAX_NAMED).join(', ')} and ${rest.length - MAX_NAMED} more` : rest.join(', ');
    messages.push({
      key: pinyin.sortKey(words),
      count: seen.articles.size,
      d: diagnostic(
        'warning',
        'enrich',
        'glossary-candidate',
        `Unexpected formulation “${words}” without a glossary entry (also in ${others}), expected a term or alias in glossary.yaml, or the words under \`ignore\``,
        { file: seen.files[0]!, line, column },
      ),
    });
  }
  return messages.sort((a, b) => b.count - a.count || compareKeys(a.key, b.key)).map((m) => m.d);
}

/** The glossary already links these words, bare or in quotes. */
function isCovered(index: TermIndex, words: string): boolean {
  for (const text of [words, `“${words}”`]) {
    const offset = text === words ? 0 : 1;
    if (findTerms(index, text, null).some((h) => h.start === offset && h.end === offset + words.length)) return true;
  }
  return false;
}
