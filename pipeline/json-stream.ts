/**
 * `JSON.stringify(value, null, 1)` of an object, in pieces: one per entry, and one per element of the
 * array under `spread`. The IR of a thousand articles is a hundred megabytes of JSON; written piece by
 * piece it never stands in memory as one string (twice its size, Chinese text being two bytes a
 * character) beside its UTF-8 copy. The text is exactly what JSON.stringify gives.
 *
 * `onElement` is handed each element of the spread array with its text; with `inner`, also where in that
 * text the value of the element's own `inner` entry stands (an article's children: a render thread keeps
 * them as text until they are asked for). Texts of inner values the caller has already (`known`, an
 * article's children as the build cache keeps them) are not made again.
 */
export interface PieceOptions {
  /** Handed each element of the spread array with its text, and where its `inner` entry's value stands in it. */
  onElement?: (element: unknown, text: string, inner: Span | null) => void;
  /** The entry of each element to locate (see onElement). */
  inner?: string;
  /** Texts of some `inner` values made already (`nested(value, 3)`), by value: taken as they are instead of made again. */
  known?: WeakMap<object, string>;
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

/** The entries of an object that JSON.stringify writes, in its order. */
function jsonEntries(value: object): Array<[string, unknown]> {
  return Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
}

/** Where a value stands in a text: [start, end) in code units. */
export type Span = [start: number, end: number];

/**
 * An element of the spread array (two levels in) as `nested(element, 2)` gives it, made entry by entry so
 * that the text of its `inner` entry's value is known to stand at `span` (null when it has none).
 */
function elementText(element: unknown, inner: string, known?: WeakMap<object, string>): { text: string; span: Span | null } {
  if (element === null || typeof element !== 'object' || Array.isArray(element) || typeof (element as { toJSON?: unknown }).toJSON === 'function') {
    return { text: nested(element, 2), span: null };
  }
  const entries = jsonEntries(element);
  if (entries.length === 0) return { text: '{}', span: null };
  let text = '{';
  let span: Span | null = null;
  for (const [i, [key, v]] of entries.entries()) {
    text += `${i === 0 ? '' : ','}\n   ${JSON.stringify(key)}: `;
    const kept = key === inner && typeof v === 'object' && v !== null ? known?.get(v) : undefined;
    const value = kept ?? nested(v, 3);
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
