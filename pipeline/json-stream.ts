/**
 * `JSON.stringify(value, null, 1)` of an object, in pieces: one per entry, and one per element of the
 * array under `spread`. The IR of a thousand articles is a hundred megabytes of JSON; written piece by
 * piece it never stands in memory as one string (twice its size, Chinese text being two bytes a
 * character) beside its UTF-8 copy. The text is exactly what JSON.stringify gives.
 */
export function* jsonPieces(value: Record<string, unknown>, spread: string): Generator<string> {
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
      for (const [j, item] of v.entries()) yield `${j === 0 ? '' : ','}\n  ${nested(item, 2)}`;
      yield '\n ]';
    } else yield lead + nested(v, 1);
  }
  yield '\n}';
}

/** JSON.stringify(value, null, 1) set `depth` levels in (a string holds no raw newline, so every newline is the layout's). */
function nested(value: unknown, depth: number): string {
  return (JSON.stringify(value, null, 1) ?? 'null').replaceAll('\n', '\n' + ' '.repeat(depth));
}
