/**
 * Texts put into a serialised tree after it was serialised. The serialisers (hast-util-to-html,
 * xast-util-to-xml) join the text of an element's children at every level, so a large text put into the
 * tree as a node is copied once for each element above it: the glossary page's back-links, megabytes of
 * markup reused from the build cache, were copied eight times over, a third of a rebuild's HTML page
 * making. Here each stands in the tree as a short mark, and the serialised text is split at the marks
 * and joined once with the texts in their places.
 */

/** Not in a serialised tree otherwise (normalize drops U+0000 from articles; markup never holds it); `splice` checks. */
const BOUND = '\u0000';

/** The mark of the text at `index` of the list given to `splice`. */
export function markOf(index: number): string {
  return `${BOUND}${index}${BOUND}`;
}

/**
 * `serialised` with each mark replaced by its text; null when the marks are not exactly those of
 * `texts`, once each and in order (a U+0000 from elsewhere): the caller then serialises the tree with the
 * texts in it.
 */
export function splice(serialised: string, texts: readonly string[]): string | null {
  const parts = serialised.split(BOUND);
  if (parts.length !== 2 * texts.length + 1) return null;
  for (let i = 0; i < texts.length; i++) {
    if (parts[2 * i + 1] !== String(i)) return null;
    parts[2 * i + 1] = texts[i]!;
  }
  return parts.join('');
}

/**
 * `splice` as UTF-8 bytes, the texts given as UTF-8 bytes and put in as they are (never decoded, and the
 * whole never encoded again); null in the same cases as `splice`.
 */
export function spliceBytes(serialised: string, texts: readonly Uint8Array[]): Buffer | null {
  const parts = serialised.split(BOUND);
  if (parts.length !== 2 * texts.length + 1) return null;
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (parts[2 * i + 1] !== String(i)) return null;
    chunks.push(Buffer.from(parts[2 * i]!, 'utf8'), texts[i]!);
  }
  chunks.push(Buffer.from(parts[parts.length - 1]!, 'utf8'));
  return Buffer.concat(chunks);
}
