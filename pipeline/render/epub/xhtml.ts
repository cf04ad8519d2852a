/**
 * hast → XHTML text. EPUB content documents must be well-formed XML, which an HTML serialiser does not
 * promise (`<` stays raw in attribute values, boolean attributes lose their value, void elements stay
 * open), so the tree goes through xast and an XML serialiser instead.
 */
import type { ElementContent, Nodes } from 'hast';
import { toXast } from 'hast-util-to-xast';
import { toXml } from 'xast-util-to-xml';

/** XML 1.0 forbids these even as character references; noncharacters carry nothing a reader could see. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uFDD0-\uFDEF]/g;

export function toXhtml(tree: Nodes): string {
  // Converted inside an <html> element so the XHTML namespace is declared there (the template's own
  // <html> does that), not repeated on the fragment.
  const html = toXast({ type: 'element', tagName: 'html', properties: {}, children: [withoutNonXml(tree) as ElementContent] });
  const xml = toXml(html.type === 'element' ? html.children : [html], { closeEmptyElements: true, allowDangerousXml: false });
  // `]]>` may not stand in XML character data, and the serialiser leaves `>` in text as it is.
  return xml.replaceAll(']]>', ']]&gt;');
}

function withoutNonXml<T extends Nodes>(node: T): T {
  if (node.type === 'text' || node.type === 'comment') return { ...node, value: node.value.replace(NOT_XML, '') };
  if (node.type === 'element') {
    const properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, typeof v === 'string' ? v.replace(NOT_XML, '') : v]));
    return { ...node, properties, children: node.children.map((c) => withoutNonXml(c)) } as T;
  }
  if (node.type === 'root') return { ...node, children: node.children.map((c) => withoutNonXml(c)) } as T;
  return node;
}
