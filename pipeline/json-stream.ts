/**
 * `JSON.stringify(value, null, 1)` of an object, in pieces: one per entry, and one per element of the
 * array under `spread`. The IR of a thousand articles is a hundred megabytes of JSON; written piece by
 * piece it never stands in memory as one string (twice its size, Chinese text being two bytes a
 * character) beside its UTF-8 copy. The text is exactly what JSON.stringify gives.
 */
export function* jsonPieces(value: Record<string, unknown>, spread: string, onElement?: (element: unknown, text: string) => void): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
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
        const text = nested(item, 2);
        onElement?.(item, text);
        yield `${j === 0 ? '' : ','}\n  ${text}`;
      }
      yield '\n ]';
    } else yield lead + nested(v, 1);
  }
  yield '\n}';
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
