/**
 * The glossary, in pinyin order with a letter over each group: the term (with its other forms), its
 * definition, and “见第 3、5 页” listing every page where it occurs, each page a link to the place.
 */
import type { GlossaryEntry } from '../../../ir.js';
import { glossaryAnchor } from '../handlers/term.js';
import { formatOf } from '../handlers/state.js';
import type { SectionPlan } from '../layout/flow.js';
import type { Block, StructRef } from '../layout/types.js';
import { textStyle } from '../style.js';
import { span, textBlock, type BookContext } from './context.js';
import { sectionAnchor } from './contents.js';
import { pageRefs, pageSpans } from './pages.js';

/** Entries by pinyin sort key (the IR's order, made sure of), ties by id. */
export function inPinyinOrder<T extends { sortKey: string; id: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The group an entry is filed under: the initial of its pinyin, `0–9` for numbers, else `#`. */
export function groupOf(sortKey: string): string {
  const c = sortKey.trim().charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : /\d/.test(c) ? '0–9' : '#';
}

export function glossary(ctx: BookContext): SectionPlan | null {
  const { style, root } = ctx;
  if (root.data.glossary.length === 0) return null;
  const title = ctx.label('glossary');
  const sect: StructRef = { key: 'glossary', role: 'Sect', parent: null };
  const blocks: Block[] = [
    textBlock('glossary#title', [span(title, textStyle(style, 'sectionTitle'))], formatOf(style, 'sectionTitle', { align: 'center', keepWithNext: true, avoidLonelyLast: false }), 'heading', { key: 'glossary#title', role: 'H1', parent: sect }, [sectionAnchor('glossary')]),
  ];
  let group = '';
  for (const entry of inPinyinOrder(root.data.glossary)) {
    const g = groupOf(entry.sortKey);
    if (g !== group) {
      group = g;
      blocks.push(textBlock(`glossary#group-${g}`, [span(g, textStyle(style, 'groupLetter'))], formatOf(style, 'groupLetter', { align: 'left', keepWithNext: true, avoidLonelyLast: false }), 'heading', { key: `glossary#group-${g}`, role: 'H2', parent: sect }));
    }
    blocks.push(...entryBlocks(ctx, entry, sect));
  }
  return { start: { section: 'glossary', title, kind: 'back', recto: true, columns: 1, columnGap: 0 }, blocks };
}

function entryBlocks(ctx: BookContext, entry: GlossaryEntry, sect: StructRef): Block[] {
  const { style } = ctx;
  const termStyle = textStyle(style, 'glossaryTerm');
  const muted = { ...textStyle(style, 'glossaryRefs') };
  const others = entry.aliases.map((a) => a.replace(/^[“"]|[”"]$/g, '')).filter((a) => a !== entry.term);
  const head = [span(entry.term, termStyle)];
  if (others.length > 0) head.push(span(`\u3000${ctx.label('aliases')}${[...new Set(others)].join('、')}`, muted));
  if (entry.category) head.push(span(`\u3000〔${entry.category}〕`, muted));
  const blocks: Block[] = [
    textBlock(`glossary#${entry.id}`, head, formatOf(style, 'glossaryTerm', { align: 'left', keepWithNext: true, avoidLonelyLast: false }), 'glossary', { key: `glossary#${entry.id}`, role: 'P', parent: sect }, [glossaryAnchor(entry.id)]),
  ];
  const refs = pageRefs(ctx, entry.occurrences);
  if (entry.definition) {
    blocks.push(textBlock(`glossary#${entry.id}#def`, [span(entry.definition, textStyle(style, 'glossaryText'))], formatOf(style, 'glossaryText', { keepWithNext: refs.length > 0 }), 'glossary', { key: `glossary#${entry.id}#def`, role: 'P', parent: sect }));
  }
  if (refs.length > 0) {
    const [before, after] = ctx.label('seePages', { pages: '\u0000' }).split('\u0000') as [string, string];
    const refStyle = textStyle(style, 'glossaryRefs');
    const spans = [span(before, refStyle), ...pageSpans(refs, refStyle, '、'), span(after ?? '', refStyle)].filter((s) => s.text !== '');
    // Aligned with the definition's first line, whatever the two sizes.
    const indent = formatOf(style, 'glossaryText').firstIndent;
    blocks.push(textBlock(`glossary#${entry.id}#refs`, spans, formatOf(style, 'glossaryRefs', { align: 'left', firstIndent: indent, restIndent: indent }), 'glossary', { key: `glossary#${entry.id}#refs`, role: 'P', parent: sect }));
  }
  return blocks;
}
