/**
 * The book's table of contents as data, rendered twice: as the EPUB 3 navigation document and as the
 * EPUB 2 NCX that older readers still use. Articles with their sections (IR depth 1, and 2 under it),
 * then the glossary and the index.
 */
import type { Root } from '../../ir.js';
import type { ArticleFacts } from '../article-facts.js';
import type { Labels } from './labels.js';
import { FILES, type Plan } from './plan.js';

export interface TocEntry {
  label: string;
  href: string;
  children: TocEntry[];
}

export interface Landmark {
  /** EPUB structural semantics: cover, titlepage, toc, bodymatter, glossary, index. */
  type: string;
  label: string;
  href: string;
}

/** Section headings deeper than this stay out of the contents (they are there in the text). */
const MAX_SECTION_DEPTH = 2;

/** `facts` are those of the book's articles, in order (their headings make the sections). */
export function tableOfContents(root: Root, facts: readonly ArticleFacts[], plan: Plan, labels: Labels, backMatter: { glossary: boolean; documents: boolean }): TocEntry[] {
  const entries: TocEntry[] = root.children.map((article, i) => {
    const file = plan.chapterFile(article.id);
    const sections: TocEntry[] = [];
    for (const heading of facts[i]!.headings) {
      if (heading.depth > MAX_SECTION_DEPTH) continue;
      const entry: TocEntry = { label: heading.text.trim(), href: `${file}#${plan.pageId(heading.id)}`, children: [] };
      const parent = sections.at(-1);
      if (heading.depth > 1 && parent) parent.children.push(entry);
      else sections.push(entry);
    }
    return { label: plan.titleOf(article.id), href: file, children: sections.filter((s) => s.label !== '') };
  });
  if (backMatter.glossary) entries.push({ label: labels.glossary, href: FILES.glossary, children: [] });
  if (backMatter.documents) entries.push({ label: labels.documents, href: FILES.documents, children: [] });
  // A nav list may not be empty: a book without articles still lists its title page.
  if (entries.length === 0) entries.push({ label: labels.titlePage, href: FILES.titlePage, children: [] });
  return entries;
}

export function landmarks(root: Root, plan: Plan, labels: Labels, backMatter: { glossary: boolean; documents: boolean }): Landmark[] {
  const out: Landmark[] = [
    { type: 'cover', label: labels.cover, href: FILES.cover },
    { type: 'titlepage', label: labels.titlePage, href: FILES.titlePage },
    { type: 'toc', label: labels.contents, href: `${FILES.nav}#toc` },
  ];
  const first = root.children[0];
  if (first) out.push({ type: 'bodymatter', label: labels.bodyMatter, href: plan.chapterFile(first.id) });
  if (backMatter.glossary) out.push({ type: 'glossary', label: labels.glossary, href: FILES.glossary });
  if (backMatter.documents) out.push({ type: 'index', label: labels.documents, href: FILES.documents });
  return out;
}

/** NCX navPoints need a play order: the reading order of their targets. */
export interface NcxPoint {
  id: string;
  playOrder: number;
  label: string;
  src: string;
  children: NcxPoint[];
}

export function ncxPoints(entries: TocEntry[]): { points: NcxPoint[]; depth: number } {
  let order = 0;
  let depth = 0;
  const convert = (entry: TocEntry, level: number): NcxPoint => {
    depth = Math.max(depth, level);
    const playOrder = ++order;
    return { id: `nav-${playOrder}`, playOrder, label: entry.label, src: entry.href, children: entry.children.map((c) => convert(c, level + 1)) };
  };
  const points = entries.map((e) => convert(e, 1));
  return { points, depth };
}
