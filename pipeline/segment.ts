/**
 * segment: NormalizedSource → Article. Pure and per file. Decides what each body line is (heading,
 * paragraph, separator), splits paragraphs into sentences, sets off run-in heads, and gives every node
 * a stable id and a position in the original file. Metadata overrides from compendium.yaml win here.
 *
 * Headings: a numbered line (`一、`, `（一）`, `1.`, `第一章`, …) that is short and says one thing, unless
 * it is an item of a list (items in a row, items ending in `；`, or items after a line ending in `：`);
 * or an unnumbered short line without closing punctuation. Depths follow the conventional rank of the
 * numbering styles the article uses (segment/numbering.ts); unnumbered headings are top level.
 */
import type { ArticleOverrides } from './corpus.js';
import { IdScope, articleIdFor } from './ids.js';
import type { Article, ArticleData, Block, Heading, Inline, Paragraph, ParagraphRole, Position, RunInHead, Sentence } from './ir.js';
import type { NormalizedSource, SourceLine } from './normalize/types.js';
import { ARTICLE_LABEL, numberingOf, type Numbering } from './segment/numbering.js';
import { isNote, isSeparator, roleOf } from './segment/roles.js';
import { runInHeads } from './segment/run-in.js';
import { splitSentences } from './segment/sentences.js';

export { splitSentences } from './segment/sentences.js';

/** What a line is, before ids and depths are given out. */
type Draft =
  | { kind: 'separator'; line: SourceLine }
  | { kind: 'heading'; line: SourceLine; numbering: Numbering | null }
  | { kind: 'paragraph'; line: SourceLine; role: ParagraphRole; sentences: string[]; lead: string | null };

const MAX_HEADING = 50;
const MAX_NUMBERED_HEADING = 40;

export function segment(source: NormalizedSource, overrides: ArticleOverrides = {}): Article {
  const id = articleIdFor(source.file);
  const ids = new IdScope(id);
  const drafts = classify(source.lines);
  const depths = headingDepths(drafts);
  const children: Block[] = drafts.map((draft) => toBlock(draft, ids, depths));
  return {
    type: 'article',
    id,
    position: { start: { line: 1, column: 1 }, end: { line: Math.max(source.lineCount, 1), column: 1 } },
    data: articleData(source, overrides),
    children,
  };
}

function articleData(source: NormalizedSource, overrides: ArticleOverrides): ArticleData {
  const meta = source.meta;
  const data: ArticleData = {
    title: meta.title ?? source.file,
    subtitle: meta.subtitle,
    author: meta.author,
    source: meta.source,
    date: meta.date,
    editors: meta.editors,
    keywords: meta.keywords,
    sourceFile: source.file,
    encoding: source.encoding,
    script: source.script,
    related: [],
  };
  return { ...data, ...overrides };
}

// ---- what each line is ------------------------------------------------------------------------

function classify(lines: SourceLine[]): Draft[] {
  const listItems = listItemLines(lines);
  const drafts: Draft[] = lines.map((line, index) => {
    const text = line.text;
    if (isSeparator(text)) return { kind: 'separator', line };
    const numbering = numberingOf(text);
    const isLast = index === lines.length - 1;
    if (!isLast && !listItems.has(index) && !isNote(text)) {
      if (numbering !== null && isNumberedHeading(text)) return { kind: 'heading', line, numbering };
      if (numbering === null && isUnnumberedHeading(text)) return { kind: 'heading', line, numbering: null };
    }
    const sentences = splitSentences(text);
    return { kind: 'paragraph', line, role: roleOf(text, sentences), sentences, lead: null };
  });
  runInHeads(drafts);
  return drafts;
}

/** Short, one statement, ending at most in a full stop: `（一）具有深刻的理论逻辑。`, `第一章　总则`. */
function isNumberedHeading(text: string): boolean {
  if ([...text].length > MAX_NUMBERED_HEADING || ARTICLE_LABEL.test(text)) return false;
  const inner = text.replace(/[。！？]$/, '');
  return !/[。！？；]/.test(inner) && !/[，、；：]$/.test(text);
}

/** Short and without closing punctuation: `抓政治引领，把“两个维护”落到实处`. */
function isUnnumberedHeading(text: string): boolean {
  const length = [...text].length;
  if (length < 2 || length > MAX_HEADING || ARTICLE_LABEL.test(text)) return false;
  if (/[。！？；]/.test(text)) return false;
  return !/[，、：:…—]$/.test(text) && !/[，、：…—][”’」』）)]$/.test(text);
}

/**
 * Lines that are items of a list, not headings: numbered lines of one style in a row, a run whose
 * items end in `；` or `，`, or a run right after a line ending in `：`.
 */
function listItemLines(lines: SourceLine[]): Set<number> {
  const items = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    const style = numberingOf(lines[i]!.text)?.style.name;
    if (style === undefined) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && numberingOf(lines[j]!.text)?.style.name === style) j++;
    const run = lines.slice(i, j).map((l) => l.text);
    const introduced = i > 0 && /[：:]$/.test(lines[i - 1]!.text);
    if (run.length >= 2 || introduced || run.some((t) => /[；，]$/.test(t))) for (let k = i; k < j; k++) items.add(k);
    i = j;
  }
  return items;
}

/** Depth by the rank of the numbering styles this article uses for headings; unnumbered ones are top level. */
function headingDepths(drafts: Draft[]): Map<string, 1 | 2 | 3> {
  const ranks = [...new Set(drafts.flatMap((d) => (d.kind === 'heading' && d.numbering ? [d.numbering.style.rank] : [])))].sort((a, b) => a - b);
  const depths = new Map<string, 1 | 2 | 3>();
  for (const d of drafts) {
    if (d.kind !== 'heading' || d.numbering === null) continue;
    const depth = Math.min(3, ranks.indexOf(d.numbering.style.rank) + 1) as 1 | 2 | 3;
    depths.set(d.numbering.style.name, depth);
  }
  return depths;
}

// ---- nodes ------------------------------------------------------------------------------------

function lineSpan(line: SourceLine, from = 0, to = [...line.text].length): Position {
  return { start: { line: line.line, column: from + 1 }, end: { line: line.line, column: to + 1 } };
}

function toBlock(draft: Draft, ids: IdScope, depths: Map<string, 1 | 2 | 3>): Block {
  const { line } = draft;
  if (draft.kind === 'separator') {
    return { type: 'separator', id: ids.next('s', line.text), value: line.text, position: lineSpan(line) };
  }
  if (draft.kind === 'heading') {
    const id = ids.next('h', line.text);
    const heading: Heading = {
      type: 'heading',
      id,
      depth: draft.numbering ? (depths.get(draft.numbering.style.name) ?? 1) : 1,
      children: [text(id, line.text)],
      data: { numbering: draft.numbering?.label ?? null },
      position: lineSpan(line),
    };
    return heading;
  }
  const id = ids.next('p', line.text);
  const children: Array<RunInHead | Sentence> = [];
  let offset = 0;
  let rest = draft.sentences;
  if (draft.lead !== null) {
    const leadId = `${id}.1`;
    const length = [...draft.lead].length;
    children.push({ type: 'runInHead', id: leadId, children: [text(leadId, draft.lead)], position: lineSpan(line, 0, length) });
    offset = length;
    rest = draft.lead === draft.sentences[0] ? draft.sentences.slice(1) : splitSentences(line.text.slice(draft.lead.length));
  }
  for (const sentence of rest) {
    const sid = `${id}.${children.length + 1}`;
    const length = [...sentence].length;
    children.push({ type: 'sentence', id: sid, children: [text(sid, sentence)], position: lineSpan(line, offset, offset + length) });
    offset += length;
  }
  const paragraph: Paragraph = { type: 'paragraph', id, data: { role: draft.role }, children, position: lineSpan(line) };
  return paragraph;
}

function text(parentId: string, value: string): Inline {
  return { type: 'text', id: `${parentId}.t1`, value };
}

export type { Draft };
