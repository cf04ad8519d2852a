/** The PDF outline (bookmarks): the contents' entries, each going to its named destination. */
import type PDFDocument from 'pdfkit';
import type { Anchors } from '../layout/anchors.js';
import type { ContentsEntry } from '../sections/contents.js';
import { destName } from './painter.js';

type Doc = InstanceType<typeof PDFDocument>;

interface OutlineNode {
  addItem(title: string, options?: Record<string, unknown>): OutlineNode;
  outlineData: Record<string, unknown>;
}

export function addOutline(doc: Doc, entries: readonly ContentsEntry[], anchors: Anchors): void {
  // Articles start closed (a negative /Count), so the bookmarks read like the contents' first level.
  const add = (parent: OutlineNode, entry: ContentsEntry): boolean => {
    if (!anchors.has(entry.anchor)) return false;
    // Given the first page, whose destination the entry's named one replaces.
    const node = parent.addItem(entry.title, { pageNumber: 0 });
    node.outlineData.Dest = new String(destName(entry.anchor));
    const kids = entry.children.filter((child) => add(node, child)).length;
    if (kids > 0) node.outlineData.Count = -kids;
    return true;
  };
  const root = (doc as unknown as { outline: OutlineNode }).outline;
  const shown = entries.filter((entry) => add(root, entry)).length;
  if (shown > 0) root.outlineData.Count = shown;
}
