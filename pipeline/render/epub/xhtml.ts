/**
 * hast → XHTML text. EPUB content documents must be well-formed XML, which an HTML serialiser does not
 * promise (`<` stays raw in attribute values, boolean attributes lose their value, void elements stay
 * open), so the tree goes through xast and an XML serialiser instead.
 *
 * A tree may hold `reuse` nodes: XHTML that `toXhtml` itself made from a part of a tree earlier (a
 * chapter's back-links, kept in the build cache). They are put in as they are; serialising an element on
 * its own gives the same text as serialising it in place, so the document comes out the same.
 */
import type { Element, ElementContent, Nodes } from 'hast';
import { toXast } from 'hast-util-to-xast';
import { toXml } from 'xast-util-to-xml';
import { markOf, splice } from '../spliced.js';

/** XML 1.0 forbids these even as character references; noncharacters carry nothing a reader could see. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uFDD0-\uFDEF]/g;

/** Stands for reused XHTML until the tree is in xast (a name no HTML or EPUB element has). */
const REUSE = 'compendium-reuse';

export function toXhtml(tree: Nodes): string {
  const reused: string[] = [];
  // Converted inside an <html> element so the XHTML namespace is declared there (the template's own
  // <html> does that), not repeated on the fragment.
  const html = toXast({ type: 'element', tagName: 'html', properties: {}, children: [withoutNonXml(tree, reused) as ElementContent] });
  const children = html.type === 'element' ? html.children : [html];
  const serialise = (texts: readonly string[]): string => toXml(reused.length > 0 ? children.map((c) => putBack(c, texts)) : children, { closeEmptyElements: true, allowDangerousXml: reused.length > 0 });
  // The reused texts go in after serialising (spliced.ts), unless a stray mark says otherwise.
  const xml = (reused.length > 0 ? splice(serialise(reused.map((_, i) => markOf(i))), reused) : null) ?? serialise(reused);
  // `]]>` may not stand in XML character data, and the serialiser leaves `>` in text as it is.
  return xml.replaceAll(']]>', ']]&gt;');
}

/** XHTML made by `toXhtml`, to be put into another tree as it is. */
export function reuse(xhtml: string): ElementContent {
  return { type: 'element', tagName: REUSE, properties: {}, children: [{ type: 'text', value: xhtml }] };
}

function withoutNonXml<T extends Nodes>(node: T, reused: string[]): T {
  if (node.type === 'text' || node.type === 'comment') return { ...node, value: node.value.replace(NOT_XML, '') };
  if (node.type === 'element') {
    if (node.tagName === REUSE) {
      // The reused text is already clean; only its place is kept here.
      const value = (node.children[0] as { value: string }).value;
      return { type: 'element', tagName: REUSE, properties: { dataIndex: String(reused.push(value) - 1) }, children: [] } as Element as T;
    }
    const properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, typeof v === 'string' ? v.replace(NOT_XML, '') : v]));
    return { ...node, properties, children: node.children.map((c) => withoutNonXml(c, reused)) } as T;
  }
  if (node.type === 'root') return { ...node, children: node.children.map((c) => withoutNonXml(c, reused)) } as T;
  return node;
}

type Xast = ReturnType<typeof toXast>;

/** The placeholders → xast `raw` nodes of the given texts, which the serialiser writes as they are (`allowDangerousXml`). */
function putBack<T extends Xast>(node: T, reused: readonly string[]): T {
  if (node.type !== 'element') return node;
  if (node.name === REUSE) return { type: 'raw', value: reused[Number(node.attributes['data-index'])]! } as unknown as T;
  return { ...node, children: node.children.map((c) => putBack(c, reused)) };
}
