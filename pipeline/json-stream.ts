/**
 * `JSON.stringify(value, null, 1)` of an object, in pieces: one per entry, and one per element of the
 * array under `spread`. The IR of a thousand articles is a hundred megabytes of JSON; written piece by
 * piece it never stands in memory as one string (twice its size, Chinese text being two bytes a
 * character) beside its UTF-8 copy. The text is exactly what JSON.stringify gives.
 *
 * `onElement` is handed each element of the spread array with its text; with `inner`, also where in that
 * text the value of the element's own `inner` entry stands (an article's children: a render thread keeps
 * them as text until they are asked for). Texts of inner values the caller has already (`known`, an
 * article's children as the build cache keeps them) are not made again, and the values not read.
 */
export interface PieceOptions {
  /** Handed each element of the spread array with its text, and where its `inner` entry's value stands in it. */
  onElement?: (element: unknown, text: string, inner: Span | null) => void;
  /** The entry of each element to locate (see onElement). */
  inner?: string;
  /** The text of an element's `inner` value if made already (`nested(value, 3)`): taken as it is, the value not read. */
  known?: (element: object) => string | undefined;
}

export function* jsonPieces(value: Record<string, unknown>, spread: string, options: PieceOptions = {}): Generator<string> {
  const { onElement, inner, known } = options;
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
        const { text, span } = inner === undefined ? { text: nested(item, 2), span: null } : elementText(item, inner, known);
        onElement?.(item, text, span);
        yield `${j === 0 ? '' : ','}\n  ${text}`;
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

/** Where a value stands in a text: [start, end) in code units. */
export type Span = [start: number, end: number];

/**
 * An element of the spread array (two levels in) as `nested(element, 2)` gives it, made entry by entry so
 * that the text of its `inner` entry's value is known to stand at `span` (null when it has none).
 */
function elementText(element: unknown, inner: string, known?: (element: object) => string | undefined): { text: string; span: Span | null } {
  if (element === null || typeof element !== 'object' || Array.isArray(element) || typeof (element as { toJSON?: unknown }).toJSON === 'function') {
    return { text: nested(element, 2), span: null };
  }
  const kept = Object.hasOwn(element, inner) ? known?.(element) : undefined;
  const entries = jsonEntries(element, kept === undefined ? undefined : inner);
  if (entries.length === 0) return { text: '{}', span: null };
  let text = '{';
  let span: Span | null = null;
  for (const [i, [key, v]] of entries.entries()) {
    text += `${i === 0 ? '' : ','}\n   ${JSON.stringify(key)}: `;
    const value = key === inner && kept !== undefined ? kept : nested(v, 3);
    if (key === inner) span = [text.length, text.length + value.length];
    text += value;
  }
  return { text: `${text}\n  }`, span };
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
