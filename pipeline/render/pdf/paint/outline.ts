/** The PDF outline (bookmarks): the contents' entries, each going to its named destination. */
import type PDFDocument from 'pdfkit';
import type { AnchorPlace } from '../layout/types.js';
import type { ContentsEntry } from '../sections/contents.js';
import { destName } from './painter.js';

type Doc = InstanceType<typeof PDFDocument>;

interface OutlineNode {
  addItem(title: string, options?: Record<string, unknown>): OutlineNode;
  outlineData: Record<string, unknown>;
}

export function addOutline(doc: Doc, entries: readonly ContentsEntry[], anchors: ReadonlyMap<string, AnchorPlace>): void {
  const add = (parent: OutlineNode, entry: ContentsEntry): void => {
    if (!anchors.has(entry.anchor)) return;
    const node = parent.addItem(entry.title);
    node.outlineData.Dest = new String(destName(entry.anchor));
    for (const child of entry.children) add(node, child);
  };
  const root = (doc as unknown as { outline: OutlineNode }).outline;
  for (const entry of entries) add(root, entry);
}
