/**
 * Nodes whose children stay text until something reads them. A rebuild takes most articles from the build
 * cache as the text ir.json holds of their children; most of them are then only written out again
 * (ir.json, the PDF's thread) or looked up by digest, and parsing them all cost a rebuild of 200 articles
 * ~0.1 s and the heap of the whole tree.
 *
 * The node gives the text (`childrenText`) while its children are unread, so writing ir.json and
 * digesting take it as it is; a node whose children were parsed for the cache keeps their text the same
 * way (`keepChildrenText`) until it is let go of. Stages treat the IR as immutable, so parsed children
 * still match their text. The text may be its UTF-8 bytes (as the build cache holds it): decoded only to
 * be parsed.
 */
import { jsonString, type JsonText } from './json-stream.js';

const TEXT = Symbol('children text');

interface WithText {
  [TEXT]?: JsonText;
}

/**
 * Give `node` the children `text` holds (`nested(children, 3)`, as ir.json sets an article's), parsed
 * when first read (`onParse` is then called). The node is changed and returned.
 */
export function withChildrenText<T extends { children: unknown }>(node: T, text: JsonText, onParse?: () => void): T {
  let source: JsonText | null = text;
  let children: unknown = null;
  // The text while they are unread: once parsed it is let go of (a thousand articles' text is hundreds of megabytes).
  Object.defineProperty(node, TEXT, { get: () => source ?? undefined, enumerable: false, configurable: true });
  Object.defineProperty(node, 'children', {
    enumerable: true,
    configurable: true,
    get(): unknown {
      if (source !== null) {
        children = JSON.parse(jsonString(source));
        source = null;
        onParse?.();
      }
      return children;
    },
    // Replacing them on one node leaves its copies (`copyWith`) as they were, as it would plain properties.
    set(this: WithText, value: unknown) {
      Object.defineProperty(this, 'children', { value, enumerable: true, configurable: true, writable: true });
      delete this[TEXT];
    },
  });
  return node;
}

/** Record that `text` is what ir.json sets for the node's children as they are (made already for the cache). */
export function keepChildrenText<T extends object>(node: T, text: JsonText): T {
  Object.defineProperty(node, TEXT, { value: text, enumerable: false, configurable: true, writable: true });
  return node;
}

/** Let go of the text of the node's children (once written out): they are read from the node itself. */
export function forgetChildrenText(node: object): void {
  delete (node as WithText)[TEXT];
}

/** The text of the node's children, if it was given (`withChildrenText`, `keepChildrenText`). */
export function childrenText(node: object): JsonText | undefined {
  return (node as WithText)[TEXT];
}

/** Whether the node's children are still text. */
export function childrenUnread(node: object): boolean {
  return typeof Object.getOwnPropertyDescriptor(node, 'children')?.get === 'function';
}

/**
 * A copy of `node` with `fields` replaced: `{ ...node, ...fields }`, except that children still text stay
 * text (a spread would read them) and their text goes with the copy.
 */
export function copyWith<T extends object>(node: T, fields: Partial<T>): T {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(node)) as T;
  for (const [key, value] of Object.entries(fields)) Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  if ('children' in fields) delete (copy as WithText)[TEXT];
  return copy;
}
