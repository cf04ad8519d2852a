/**
 * Term linking: every occurrence of a glossary term or alias in a heading, run-in head or sentence
 * becomes a `term` node; the text around it stays in `text` nodes.
 *
 * - One pass per block with an Aho–Corasick automaton over every form of every term.
 * - Longest match first (ties: leftmost), and a match never overlaps one already taken, so a term inside
 *   a longer term (从严治党 in 全面从严治党) is not linked on its own.
 * - Matching runs over the whole block text, so nothing spans a paragraph or heading boundary. Inside a
 *   paragraph a match must also sit inside one sentence (or the run-in head): a term node has one
 *   parent. Sentences end at 。！？, which no term contains, so this loses nothing real.
 * - Nothing inside a cited title (《外交战线基层党组织落实全面从严治党责任清单》) is linked: a title names a
 *   document, it does not use the term, and the documents index already lists it.
 * - A quoted alias (“四强”) matches only where the text quotes the words; the term node holds the words
 *   and the quotes stay text. An unquoted form matches quoted or not (“两个维护” links 两个维护).
 * - Ids: a segment that gains no term keeps its nodes as they were. A rebuilt one gets ids from its own
 *   id and the offset of each piece: `<segment>.t<offset>` for text, `<segment>.g<offset>` for a term.
 *   An occurrence's id therefore depends only on its sentence and where in it it stands — not on the
 *   rest of the glossary — so links and index entries survive unrelated edits.
 * - The first occurrence of each term in each article (in reading order) gets `first: true`.
 */
import type { Article, Block, Inline, Occurrence, Point, Term, Text } from '../ir.js';
import { blockTexts, pointAt, segmentOf, type BlockText, type InlineParent, type Segment } from './blocks.js';
import { QUOTE_PAIRS, type GlossaryDef } from './glossary.js';
import { buildMatcher, selectLongest, type Match, type Matcher } from './matcher.js';

interface Pattern {
  termId: string;
  /** The linked words inside the matched span (quotes of a quoted alias left out). */
  linkStart: number;
  linkEnd: number;
}

export interface TermIndex {
  matcher: Matcher;
  patterns: Pattern[];
}

export function buildTermIndex(entries: readonly GlossaryDef[]): TermIndex {
  const texts: string[] = [];
  const patterns: Pattern[] = [];
  for (const entry of entries) {
    for (const form of entry.forms) {
      if (form.quoted) {
        for (const [open, close] of QUOTE_PAIRS) {
          texts.push(open + form.words + close);
          patterns.push({ termId: entry.id, linkStart: open.length, linkEnd: open.length + form.words.length });
        }
      } else {
        texts.push(form.words);
        patterns.push({ termId: entry.id, linkStart: 0, linkEnd: form.words.length });
      }
    }
  }
  return { matcher: buildMatcher(texts), patterns };
}

export interface TermHit {
  termId: string;
  /** The linked words, offsets in the block text. */
  start: number;
  end: number;
}

/**
 * The terms of one text: longest first, non-overlapping, in text order. With a block, each must also
 * sit inside one of its segments; without (a bare string, as candidates use it), anywhere.
 */
export function findTerms(index: TermIndex, text: string, block: BlockText | null): TermHit[] {
  const matches = index.matcher.findAll(text);
  if (matches.length === 0) return [];
  const titles = block === null ? [] : titleSpans(text);
  const allowed = (m: Match): boolean =>
    block === null || (segmentOf(block, m.start, m.end) !== null && !titles.some(([start, end]) => m.start < end && m.end > start));
  return selectLongest(matches, text.length, allowed).map((m) => {
    const pattern = index.patterns[m.pattern]!;
    return { termId: pattern.termId, start: m.start + pattern.linkStart, end: m.start + pattern.linkEnd };
  });
}

/** Offsets of every 《…》 in a text, brackets included. */
function titleSpans(text: string): Array<[number, number]> {
  if (!text.includes('《')) return [];
  return [...text.matchAll(/《[^《》\n]*》/g)].map((m) => [m.index, m.index + m[0].length]);
}

export interface LinkedTerms {
  articles: Article[];
  /** Occurrences of each glossary entry, in reading order. */
  occurrences: Map<string, Occurrence[]>;
  /** Glossary entries each article uses. */
  termsByArticle: Map<string, Set<string>>;
}

/**
 * One article with its terms linked, and what the book needs from it. It depends on the article and the
 * glossary's forms alone, so a build can keep it from one run to the next (plain JSON).
 */
export interface LinkedArticle {
  article: Article;
  /** Its occurrences of each glossary entry, in reading order (entries in the order first met). */
  occurrences: Array<[termId: string, occurrences: Occurrence[]]>;
  /** The entries it uses, in the order first met. */
  terms: string[];
}

/** The book's occurrences and terms by article, from its articles linked one by one (in book order). */
export function combineLinked(linked: readonly LinkedArticle[]): LinkedTerms {
  const occurrences = new Map<string, Occurrence[]>();
  const termsByArticle = new Map<string, Set<string>>();
  for (const one of linked) {
    termsByArticle.set(one.article.id, new Set(one.terms));
    for (const [termId, list] of one.occurrences) {
      const all = occurrences.get(termId);
      if (all) all.push(...list);
      else occurrences.set(termId, [...list]);
    }
  }
  return { articles: linked.map((one) => one.article), occurrences, termsByArticle };
}

/** Link the terms of one article (see the module's comment); the input is not changed (rebuilt nodes are copies). */
export function linkArticle(article: Article, index: TermIndex, blocks: readonly BlockText[] = blockTexts(article)): LinkedArticle {
  const used = new Set<string>();
  const occurrences = new Map<string, Occurrence[]>();
  const replaced = new Map<InlineParent, Inline[]>();
  for (const block of blocks) {
    const hits = index.matcher.size === 0 ? [] : findTerms(index, block.text, block);
    let next = 0;
    for (const segment of block.segments) {
      // Hits are in text order and each inside one segment: take this segment's run of them.
      const first = next;
      while (next < hits.length && hits[next]!.start < segment.end) next++;
      const own = hits.slice(first, next);
      const hadTerms = segment.node.children.some((c) => c.type === 'term');
      if (own.length === 0 && !hadTerms) continue;
      const children = splitSegment(segment, block, own, used);
      replaced.set(segment.node, children);
      for (const child of children) {
        if (child.type !== 'term') continue;
        const list = occurrences.get(child.data.termId) ?? [];
        list.push({ articleId: article.id, nodeId: child.id, blockId: block.block.id });
        occurrences.set(child.data.termId, list);
      }
    }
  }
  return {
    article: replaced.size === 0 ? article : { ...article, children: article.children.map((b) => rebuildBlock(b, replaced)) },
    occurrences: [...occurrences],
    terms: [...used],
  };
}

function splitSegment(segment: Segment, block: BlockText, hits: TermHit[], used: Set<string>): Inline[] {
  const { node, start: base } = segment;
  const text = block.text.slice(segment.start, segment.end);
  const children: Inline[] = [];
  // Positions only where the block is one source line, so columns are exact.
  const oneLine = block.block.position !== undefined && block.block.position.start.line === block.block.position.end.line;
  const at = (from: number, to: number): { position?: { start: Point; end: Point } } => {
    const start = oneLine ? pointAt(block, base + from) : null;
    const end = oneLine ? pointAt(block, base + to) : null;
    return start && end ? { position: { start, end } } : {};
  };
  const pushText = (from: number, to: number): void => {
    if (to <= from) return;
    const piece: Text = { type: 'text', id: `${node.id}.t${from}`, value: text.slice(from, to), ...at(from, to) };
    children.push(piece);
  };
  let cursor = 0;
  for (const hit of hits) {
    const start = hit.start - base;
    const end = hit.end - base;
    pushText(cursor, start);
    const term: Term = {
      type: 'term',
      id: `${node.id}.g${start}`,
      value: text.slice(start, end),
      data: { termId: hit.termId, first: !used.has(hit.termId) },
      ...at(start, end),
    };
    used.add(hit.termId);
    children.push(term);
    cursor = end;
  }
  pushText(cursor, text.length);
  return children;
}

function rebuildBlock(block: Block, replaced: Map<InlineParent, Inline[]>): Block {
  if (block.type === 'separator') return block;
  if (block.type === 'heading') {
    const children = replaced.get(block);
    return children ? { ...block, children } : block;
  }
  let changed = false;
  const children = block.children.map((child) => {
    const inline = replaced.get(child);
    if (!inline) return child;
    changed = true;
    return { ...child, children: inline };
  });
  return changed ? { ...block, children } : block;
}
