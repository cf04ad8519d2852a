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
import { markOf, splice, spliceBytes } from '../spliced.js';

/** XML 1.0 forbids these even as character references; noncharacters carry nothing a reader could see. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uFDD0-\uFDEF]/g;

/** Stands for reused XHTML until the tree is in xast (a name no HTML or EPUB element has). */
const REUSE = 'compendium-reuse';

export function toXhtml(tree: Nodes): string {
  const { reused, serialise } = prepare(tree);
  const texts = reused.map((text) => (typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8')));
  // The reused texts go in after serialising (spliced.ts), unless a stray mark says otherwise.
  const xml = (texts.length > 0 ? splice(serialise(texts.map((_, i) => markOf(i))), texts) : null) ?? serialise(texts);
  return cdataSafe(xml);
}

/**
 * `toXhtml` as UTF-8 bytes, for a large document of reused parts (the glossary): parts reused as bytes
 * (`reuseBytes`) go in as they are, never decoded, and the document is never encoded whole. The same
 * bytes as `toXhtml`'s text: `]]>` cannot straddle a reused part, which begins with `<` and ends with `>`
 * (one that does not is put in as text).
 */
export function toXhtmlBytes(tree: Nodes): Buffer {
  const { reused, serialise } = prepare(tree);
  if (reused.length === 0) return Buffer.from(cdataSafe(serialise([])), 'utf8');
  const bytes = reused.map((text) => (typeof text === 'string' ? Buffer.from(text, 'utf8') : text));
  const whole = bytes.every((b) => b[0] === LT && b[b.length - 1] === GT);
  return (whole ? spliceBytes(cdataSafe(serialise(bytes.map((_, i) => markOf(i)))), bytes) : null) ?? Buffer.from(toXhtml(tree), 'utf8');
}

const LT = 0x3c;
const GT = 0x3e;

/** `]]>` may not stand in XML character data, and the serialiser leaves `>` in text as it is. */
function cdataSafe(xml: string): string {
  return xml.replaceAll(']]>', ']]&gt;');
}

/** The tree in xast, its reused parts taken out (in order), and its serialiser with given texts in their places. */
function prepare(tree: Nodes): { reused: Array<string | Uint8Array>; serialise: (texts: readonly string[]) => string } {
  const reused: Array<string | Uint8Array> = [];
  // Converted inside an <html> element so the XHTML namespace is declared there (the template's own
  // <html> does that), not repeated on the fragment.
  const html = toXast({ type: 'element', tagName: 'html', properties: {}, children: [withoutNonXml(tree, reused) as ElementContent] });
  const children = html.type === 'element' ? html.children : [html];
  const serialise = (texts: readonly string[]): string => toXml(reused.length > 0 ? children.map((c) => putBack(c, texts)) : children, { closeEmptyElements: true, allowDangerousXml: reused.length > 0 });
  return { reused, serialise };
}

/** XHTML made by `toXhtml`, to be put into another tree as it is. */
export function reuse(xhtml: string): ElementContent {
  return { type: 'element', tagName: REUSE, properties: {}, children: [{ type: 'text', value: xhtml }] };
}

/** `reuse` for XHTML kept as UTF-8 bytes: `toXhtmlBytes` puts them in undecoded (`toXhtml` decodes them). */
export function reuseBytes(xhtml: Uint8Array): ElementContent {
  return { type: 'element', tagName: REUSE, properties: {}, children: [], data: { bytes: xhtml } } as unknown as ElementContent;
}

function withoutNonXml<T extends Nodes>(node: T, reused: Array<string | Uint8Array>): T {
  if (node.type === 'text' || node.type === 'comment') return { ...node, value: node.value.replace(NOT_XML, '') };
  if (node.type === 'element') {
    if (node.tagName === REUSE) {
      // The reused text is already clean; only its place is kept here.
      const value = (node.data as { bytes?: Uint8Array } | undefined)?.bytes ?? (node.children[0] as { value: string }).value;
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
