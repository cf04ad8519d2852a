import type { ElementContent, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

/**
 * hast → HTML text. rehype-stringify escapes every text and attribute value; CJK stays as characters.
 * `raw` nodes are let through as they are: the only ones are `reuse` nodes holding markup this same
 * serialiser made from a hast tree (a unit reused from the build cache), so nothing skips escaping.
 */
export function serialize(tree: Root): string {
  return unified().use(rehypeStringify, { allowDangerousHtml: true }).stringify(tree) + '\n';
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
