/**
 * The contents: every article with its sections, then the glossary and the index, each with the page it
 * starts on after a dot leader; every entry links to its place. The PDF outline mirrors these entries.
 */
import type { Article, Root } from '../../../ir.js';
import { articleAnchor } from '../handlers/article.js';
import { formatOf, phraseSpaces } from '../handlers/state.js';
import type { SectionPlan } from '../layout/flow.js';
import type { OutlineEntry } from '../units.js';
import type { StructRef, TextBlock } from '../layout/types.js';
import { textStyle } from '../style.js';
import { span, type BookContext } from './context.js';
import { hasIndex, indexParts } from './book-index.js';

export interface ContentsEntry {
  title: string;
  anchor: string;
  level: 0 | 1;
  /** Back matter (glossary, index) is set apart in the contents. */
  back: boolean;
  children: ContentsEntry[];
}

export const sectionAnchor = (name: string): string => `section:${name}`;

/** The entries: each article with its sections (`outline`: its top-level headings, see articleOutline), then the back matter. */
export function contentsEntries(root: Root, label: (name: string) => string, outline: (article: Article) => readonly OutlineEntry[]): ContentsEntry[] {
  const entries: ContentsEntry[] = root.children.map((article) => ({
    title: phraseSpaces(article.data.title),
    anchor: articleAnchor(article.id),
    level: 0,
    back: false,
    children: outline(article).map((h) => ({ title: h.title, anchor: h.anchor, level: 1 as const, back: false, children: [] })),
  }));
  if (root.data.glossary.length > 0) entries.push({ title: label('glossary'), anchor: sectionAnchor('glossary'), level: 0, back: true, children: [] });
  if (hasIndex(root)) {
    entries.push({
      title: label('index'),
      anchor: sectionAnchor('index'),
      level: 0,
      back: true,
      children: indexParts(root).map((part) => ({ title: label(part.label), anchor: sectionAnchor(`index-${part.name}`), level: 1 as const, back: true, children: [] })),
    });
  }
  return entries;
}

export function contents(ctx: BookContext, entries: readonly ContentsEntry[]): SectionPlan {
  const { style } = ctx;
  const title = ctx.label('contents');
  const toc: StructRef = { key: 'contents', role: 'TOC', parent: null };
  const blocks: TextBlock[] = [
    {
      kind: 'text',
      key: 'contents#title',
      spans: [span(title, textStyle(style, 'sectionTitle'))],
      format: formatOf(style, 'sectionTitle', { align: 'center', keepWithNext: true, avoidLonelyLast: false }),
      role: 'heading',
      struct: { key: 'contents#title', role: 'H1', parent: toc },
      anchors: [sectionAnchor('contents')],
    },
  ];
  let backStarted = false;
  for (const entry of entries) {
    const name = entry.back ? 'tocSection' : 'tocArticle';
    const format = formatOf(style, name, { restIndent: 0, align: 'left', preferSpaces: true, keepWithNext: entry.children.length > 0 });
    if (entry.back && !backStarted) {
      backStarted = true;
      format.spaceBefore = Math.max(format.spaceBefore, formatOf(style, 'tocSection').spaceBefore * 2);
    }
    blocks.push(entryBlock(ctx, entry, name, format, toc));
    entry.children.forEach((child, i) => {
      const childFormat = formatOf(style, 'tocHeading', { align: 'left', preferSpaces: true, keepWithNext: false });
      childFormat.restIndent = childFormat.firstIndent;
      if (i === entry.children.length - 1) childFormat.spaceAfter = formatOf(style, 'tocArticle').spaceBefore * 0.3;
      blocks.push(entryBlock(ctx, child, 'tocHeading', childFormat, toc));
    });
  }
  return { start: { section: 'contents', title, kind: 'front', recto: true, columns: 1, columnGap: 0 }, blocks };
}

function entryBlock(ctx: BookContext, entry: ContentsEntry, styleName: 'tocArticle' | 'tocHeading' | 'tocSection', format: TextBlock['format'], toc: StructRef): TextBlock {
  const style = textStyle(ctx.style, styleName);
  const page = ctx.pageOf(entry.anchor) ?? '';
  return {
    kind: 'text',
    key: `contents#${entry.anchor}`,
    spans: [span(entry.title, style, entry.anchor)],
    format,
    role: 'toc',
    struct: { key: `contents#${entry.anchor}`, role: 'TOCI', parent: toc },
    anchors: [],
    tail: { spans: [span(page, { ...style, font: textStyle(ctx.style, 'tocArticle').font }, entry.anchor)], leader: true },
  };
}
