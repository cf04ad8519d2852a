/**
 * The index of cited documents: every title in 《…》 with every place it is cited (the sentence, run-in
 * head or heading that cites it).
 *
 * The same document cited with slightly different titles is one entry. Two titles are the same document
 * when they agree after folding what citing practice varies and the document does not:
 * - width, spacing, quotes and dash forms (NFKC; “四强” = 四强; — = -);
 * - the issuer prefix 中国共产党 (《中国共产党党和国家机关基层组织工作条例》 = 《党和国家机关基层组织工作条例》);
 * - trailing parenthesised qualifiers: （试行）, （草案）, a period such as （2019—2021年）. A trial version
 *   and its final version are formally two texts, but inside one booklet a citation that drops the
 *   qualifier means the one the other citation names, and an index split in two would mislead more.
 * Nothing else is folded: titles that differ in words are different documents, however close
 * (《中国共产党组织工作条例》 is not 《…基层组织工作条例》), and a title is never merged by similarity alone.
 *
 * - the two short titles every reader knows: 《党章》 is 《中国共产党章程》, 《宪法》 is 《中华人民共和国宪法》.
 * A bare kind of document — 《条例》, 《意见》, 《规定》, 《纲要》 … — is an abbreviation referring back: it
 * joins the nearest title before it in the same article that ends with that word. With none there, it
 * stays an entry of its own, as cited.
 *
 * The entry's title is the variant cited most often (ties: the longest, i.e. the fullest, then code
 * point order); `variants` lists every spelling met.
 */
import type { Article, DocumentEntry, Occurrence } from '../ir.js';
import { shortHash } from '../ids.js';
import { blockTexts, type BlockText } from './blocks.js';
import { compareKeys, PINYIN, type Pinyin } from './pinyin.js';

const TITLE = /《([^《》\n]{1,120})》/g;
const KINDS = ['条例', '意见', '规定', '办法', '决定', '纲要', '规则', '通知', '规划', '计划', '方案', '决议', '准则', '细则', '讲话', '报告', '实施办法', '实施意见', '实施细则'];
/** Short titles that name one document wherever they stand. */
const WELL_KNOWN: Record<string, string> = { 党章: '中国共产党章程', 宪法: '中华人民共和国宪法' };
const BACK_REFERENCE = new RegExp(`^(?:该|本|此|上述)?(${KINDS.join('|')})$`);

export interface Citation {
  key: string;
  variant: string;
  occurrence: Occurrence;
}

export interface DocumentIndex {
  documents: DocumentEntry[];
  /** Document ids each article cites. */
  documentsByArticle: Map<string, Set<string>>;
}

/** The display form of a title: spaces collapsed, nothing else touched. */
export function cleanTitle(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** The identity of a title: what stays when the variations of citing are folded away. */
export function titleKey(raw: string): string {
  let key = raw
    .normalize('NFKC')
    .replace(/[\s“”‘’"'「」『』]/g, '')
    .replace(/[—–―‐‑‒−－~〜]+/g, '-');
  for (;;) {
    const next = key.replace(/\([^()]*\)$/, '');
    if (next === key || next === '') break;
    key = next;
  }
  key = WELL_KNOWN[key] ?? key;
  if (key.startsWith('中国共产党') && key.length > '中国共产党'.length + 3) key = key.slice('中国共产党'.length);
  return key;
}

export function collectDocuments(articles: readonly Article[]): DocumentIndex {
  return documentIndex(articles.map((article) => articleCitations(article)));
}

/** The index from each article's citations (see articleCitations), in book order. */
export function documentIndex(citations: ReadonlyArray<readonly Citation[]>, pinyin: Pinyin = PINYIN): DocumentIndex {
  return groupCitations(citations.flat(), pinyin);
}

/** One article's citations, one per document and sentence: worked out once per article and kept with it (plain JSON). */
export function articleCitations(article: Article, blocks: readonly BlockText[] = blockTexts(article)): Citation[] {
  const citations: Citation[] = [];
  // Keys cited so far in this article, latest last, for back-references.
  const earlier: string[] = [];
  for (const block of blocks) {
    if (!block.text.includes('《')) continue;
    for (const segment of block.segments) {
      const text = block.text.slice(segment.start, segment.end);
      const seenHere = new Set<string>();
      for (const m of text.matchAll(TITLE)) {
        const variant = cleanTitle(m[1]!);
        if (variant === '') continue;
        let key = titleKey(variant);
        const kind = BACK_REFERENCE.exec(key);
        if (kind) {
          const antecedent = earlier.findLast((k) => k !== key && k.endsWith(kind[1]!));
          if (antecedent !== undefined) key = antecedent;
        } else {
          earlier.push(key);
        }
        if (seenHere.has(key)) continue;
        seenHere.add(key);
        citations.push({ key, variant, occurrence: { articleId: article.id, nodeId: segment.node.id, blockId: block.block.id } });
      }
    }
  }
  return citations;
}

function groupCitations(citations: Citation[], pinyin: Pinyin): DocumentIndex {
  const groups = new Map<string, Citation[]>();
  for (const c of citations) {
    const list = groups.get(c.key) ?? [];
    list.push(c);
    groups.set(c.key, list);
  }
  const documentsByArticle = new Map<string, Set<string>>();
  const documents: DocumentEntry[] = [];
  for (const [key, list] of groups) {
    const id = `d-${shortHash(key)}`;
    const title = displayTitle(list, key);
    for (const c of list) {
      const set = documentsByArticle.get(c.occurrence.articleId) ?? new Set<string>();
      set.add(id);
      documentsByArticle.set(c.occurrence.articleId, set);
    }
    documents.push({
      id,
      title,
      variants: [...new Set(list.map((c) => c.variant))].sort(compareKeys),
      sortKey: pinyin.sortKey(title),
      occurrences: list.map((c) => c.occurrence),
    });
  }
  documents.sort((a, b) => compareKeys(a.sortKey, b.sortKey) || compareKeys(a.id, b.id));
  return { documents, documentsByArticle };
}

function displayTitle(list: Citation[], key: string): string {
  const counts = new Map<string, number>();
  for (const c of list) {
    // A back-reference (《条例》) names the document only by its kind: never the title of the entry
    // while a full title is there.
    if (BACK_REFERENCE.test(titleKey(c.variant)) && titleKey(c.variant) !== key) continue;
    counts.set(c.variant, (counts.get(c.variant) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || compareKeys(a[0], b[0]));
  return ranked[0]?.[0] ?? list[0]!.variant;
}
