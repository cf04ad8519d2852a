/**
 * `JSON.stringify(value, null, 1)` of an object, in pieces: one per entry, and for each element of the
 * array under `spread` its own pieces. The IR of a thousand articles is a hundred megabytes of JSON;
 * written piece by piece it never stands in memory as one string (twice its size, Chinese text being two
 * bytes a character) beside its UTF-8 copy. The text is exactly what JSON.stringify gives.
 *
 * A piece is a string or UTF-8 bytes: texts of inner values the caller has already (`known`, an article's
 * children as the build cache keeps them) are taken as they are, bytes included, and the values not read.
 * `onElement` is handed each element of the spread array with its text in parts (with `inner`, the value
 * of the element's own `inner` entry apart: a render thread keeps an article's children as text until
 * they are asked for).
 */

/** JSON text: a string, or its UTF-8 bytes (as read from a file, never decoded). */
export type JsonText = string | Uint8Array;

/** The text of a JSON value. */
export function jsonString(text: JsonText): string {
  return typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
}

/**
 * An element's text in parts: before the value of its `inner` entry, that value, after it. Without such
 * a value (no `inner` asked for, no such entry, not an object), the whole text is `head`.
 */
export interface ElementText {
  head: string;
  inner: JsonText | null;
  tail: string;
}

export interface PieceOptions {
  /** Handed each element of the spread array with its text in parts; the next `pieces` pieces yielded are the element's (a comma and indent, then its parts). */
  onElement?: (element: unknown, text: ElementText, pieces: number) => void;
  /** The entry of each element to hold apart (see ElementText). */
  inner?: string;
  /** The text of an element's `inner` value if made already (`nested(value, 3)`): taken as it is, the value not read. */
  known?: (element: object) => JsonText | undefined;
  /** The whole text of an element if made already (`nested(element, 2)`): taken as it is, the element not read. */
  knownElement?: (element: unknown) => JsonText | undefined;
}

export function* jsonPieces(value: Record<string, unknown>, spread: string, options: PieceOptions = {}): Generator<JsonText> {
  const { onElement, inner, known, knownElement } = options;
  const entries = jsonEntries(value);
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [i, [key, v]] of entries.entries()) {
    const lead = `${i === 0 ? '' : ','}\n ${JSON.stringify(key)}: `;
    if (key === spread && Array.isArray(v) && v.length > 0) {
      yield `${lead}[`;
      for (const [j, item] of v.entries()) {
        const sep = `${j === 0 ? '' : ','}\n  `;
        const whole = knownElement?.(item);
        if (whole !== undefined) {
          const pieces = [sep, whole].filter((piece) => piece.length > 0);
          onElement?.(item, { head: jsonString(whole), inner: null, tail: '' }, pieces.length);
          yield* pieces;
          continue;
        }
        const text = inner === undefined ? { head: nested(item, 2), inner: null, tail: '' } : elementText(item, inner, known);
        const pieces = [sep, text.head, text.inner, text.tail].filter((piece): piece is JsonText => piece !== null && piece.length > 0);
        onElement?.(item, text, pieces.length);
        yield* pieces;
      }
      yield '\n ]';
    } else yield lead + nested(v, 1);
  }
  yield '\n}';
}

/** The entries of an object that JSON.stringify writes, in its order; the value of `unread` is not read (left undefined). */
function jsonEntries(value: object, unread?: string): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const key of Object.keys(value)) {
    if (key === unread) {
      entries.push([key, undefined]);
      continue;
    }
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') entries.push([key, v]);
  }
  return entries;
}

/**
 * An element of the spread array (two levels in) as `nested(element, 2)` gives it, made entry by entry so
 * that the text of its `inner` entry's value stands apart.
 */
function elementText(element: unknown, inner: string, known?: (element: object) => JsonText | undefined): ElementText {
  if (element === null || typeof element !== 'object' || Array.isArray(element) || typeof (element as { toJSON?: unknown }).toJSON === 'function') {
    return { head: nested(element, 2), inner: null, tail: '' };
  }
  const kept = Object.hasOwn(element, inner) ? known?.(element) : undefined;
  const entries = jsonEntries(element, kept === undefined ? undefined : inner);
  if (entries.length === 0) return { head: '{}', inner: null, tail: '' };
  let text = '{';
  let head: string | null = null;
  let value: JsonText | null = null;
  for (const [i, [key, v]] of entries.entries()) {
    text += `${i === 0 ? '' : ','}\n   ${JSON.stringify(key)}: `;
    if (key === inner) {
      head = text;
      value = kept ?? nested(v, 3);
      text = '';
    } else text += nested(v, 3);
  }
  return head === null ? { head: `${text}\n  }`, inner: null, tail: '' } : { head, inner: value, tail: `${text}\n  }` };
}

/**
 * JSON.stringify(value, null, 1) set `depth` levels in: the value stringified inside `depth` arrays,
 * whose brackets are cut off again (cheaper than indenting its lines afterwards). In an array a value
 * JSON has no text for is `null`, as it is here.
 */
export function nested(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 1);
  // Level k (from 1) opens with `[`, a newline and k spaces, and closes with a newline, k - 1 spaces and `]`.
  const open = 2 * depth + (depth * (depth + 1)) / 2;
  const close = 2 * depth + (depth * (depth - 1)) / 2;
  return text.slice(open, text.length - close);
}
