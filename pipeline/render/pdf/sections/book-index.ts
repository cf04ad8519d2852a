/**
 * The back-of-book index, in columns: terms and cited documents in pinyin order (a letter over each
 * group), dated events in date order (a year over each group), each with the pages it occurs on, each
 * page a link to the first occurrence there.
 */
import type { Occurrence, Root } from '../../../ir.js';
import { chineseDate } from '../../dates.js';
import { formatOf } from '../handlers/state.js';
import type { SectionPlan } from '../layout/flow.js';
import type { Block, StructRef } from '../layout/types.js';
import { mm, textStyle } from '../style.js';
import { span, textBlock, type BookContext } from './context.js';
import { sectionAnchor } from './contents.js';
import { groupOf, inPinyinOrder } from './glossary.js';
import { pageRefs, pageSpans } from './pages.js';

export interface IndexEntry {
  id: string;
  text: string;
  sortKey: string;
  occurrences: Occurrence[];
}

export interface IndexPart {
  name: 'terms' | 'documents' | 'events';
  label: 'termIndex' | 'documentIndex' | 'eventIndex';
  entries: IndexEntry[];
}

export function indexParts(root: Root): IndexPart[] {
  const parts: IndexPart[] = [
    { name: 'terms', label: 'termIndex', entries: root.data.glossary.map((g) => ({ id: g.id, text: g.term, sortKey: g.sortKey, occurrences: g.occurrences })) },
    { name: 'documents', label: 'documentIndex', entries: root.data.documents.map((d) => ({ id: d.id, text: `《${d.title}》`, sortKey: d.sortKey, occurrences: d.occurrences })) },
    { name: 'events', label: 'eventIndex', entries: root.data.events.map((e) => ({ id: e.id, text: `${chineseDate(e.date)}\u3000${e.name}`, sortKey: e.sortKey, occurrences: e.occurrences })) },
  ];
  return parts
    .map((p) => ({ ...p, entries: inPinyinOrder(p.entries.filter((e) => e.occurrences.length > 0)) }))
    .filter((p) => p.entries.length > 0);
}

export function hasIndex(root: Root): boolean {
  return indexParts(root).length > 0;
}

export function bookIndex(ctx: BookContext): SectionPlan | null {
  const { style, root } = ctx;
  const parts = indexParts(root);
  if (parts.length === 0) return null;
  const title = ctx.label('index');
  const index: StructRef = { key: 'index', role: 'Index', parent: null };
  const blocks: Block[] = [
    textBlock('index#title', [span(title, textStyle(style, 'sectionTitle'))], formatOf(style, 'sectionTitle', { align: 'center', avoidLonelyLast: false }), 'heading', { key: 'index#title', role: 'H1', parent: index }, [sectionAnchor('index')]),
  ];
  const entryStyle = textStyle(style, 'indexEntry');
  for (const part of parts) {
    const heading = ctx.label(part.label);
    blocks.push(textBlock(`index#${part.name}`, [span(heading, textStyle(style, 'indexHeading'))], formatOf(style, 'indexHeading', { align: 'left', keepWithNext: true, avoidLonelyLast: false }), 'heading', { key: `index#${part.name}`, role: 'H2', parent: index }, [sectionAnchor(`index-${part.name}`)]));
    let group = '';
    for (const entry of part.entries) {
      const g = part.name === 'events' ? entry.sortKey.slice(0, 4) : groupOf(entry.sortKey);
      if (g !== group) {
        group = g;
        blocks.push(textBlock(`index#${part.name}#${g}`, [span(g, textStyle(style, 'groupLetter'))], formatOf(style, 'groupLetter', { align: 'left', keepWithNext: true, avoidLonelyLast: false }), 'heading', { key: `index#${part.name}#${g}`, role: 'P', parent: index }));
      }
      const refs = pageRefs(ctx, entry.occurrences);
      const spans = [span(entry.text, entryStyle), span('\u3000', entryStyle), ...pageSpans(refs, entryStyle, '，', true)];
      const format = formatOf(style, 'indexEntry', { align: 'left', firstIndent: 0, restIndent: entryStyle.size, avoidLonelyLast: false, keepTogether: true });
      blocks.push(textBlock(`index#${part.name}#${entry.id}`, spans, format, 'index', { key: `index#${part.name}#${entry.id}`, role: 'P', parent: index }));
    }
  }
  return { start: { section: 'index', title, kind: 'back', recto: true, columns: 1, columnGap: 0 }, blocks, columns: { from: 1, count: style.index.columns, gap: mm(style.index.gap) } };
}
