import type { ElementContent, Nodes, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { markOf, splice } from '../spliced.js';

/**
 * hast → HTML text. rehype-stringify escapes every text and attribute value; CJK stays as characters.
 * `raw` nodes are let through as they are: the only ones are `reuse` nodes holding markup this same
 * serialiser made from a hast tree (a unit reused from the build cache), so nothing skips escaping. They
 * are put in after serialising (spliced.ts): in the tree they would be copied once per level above them.
 */
export function serialize(tree: Root): string {
  const texts: string[] = [];
  const marked = markRaw(tree, texts);
  return ((texts.length > 0 ? splice(stringify(marked), texts) : null) ?? stringify(tree)) + '\n';
}

function stringify(tree: Root): string {
  return unified().use(rehypeStringify, { allowDangerousHtml: true }).stringify(tree);
}

/** The tree with each `raw` node's value replaced by its mark (spliced.ts), the values added to `texts`; untouched branches are kept as they are. */
function markRaw<T extends Nodes>(node: T, texts: string[]): T {
  if ((node.type as string) === 'raw') return { ...node, value: markOf(texts.push((node as unknown as { value: string }).value) - 1) };
  if (!('children' in node)) return node;
  let changed = false;
  const children = node.children.map((child) => {
    const marked = markRaw(child, texts);
    changed ||= marked !== child;
    return marked;
  });
  return changed ? ({ ...node, children } as T) : node;
}

/** One element → HTML text, to be stored with a unit and put back into a page by `reuse`. */
export function fragment(node: ElementContent): string {
  return unified().use(rehypeStringify).stringify({ type: 'root', children: [node] });
}

/** Markup made by `fragment`, put back into a tree (serialised as is: outside `script` and `style` it reads the same). */
export function reuse(html: string): ElementContent {
  // hast's types know `raw` only through mdast-util-to-hast's augmentation, which nothing here loads.
  return { type: 'raw', value: html } as unknown as ElementContent;
}
