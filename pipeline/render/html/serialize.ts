import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

/** hast → HTML text. rehype-stringify escapes every text and attribute value; CJK stays as characters. */
export function serialize(tree: Root): string {
  return unified().use(rehypeStringify).stringify(tree) + '\n';
}
