/**
 * Sentences: a paragraph splits after 。！？ (with the closing quotes or brackets that follow them),
 * never inside quotation marks, book-title marks or brackets, so a quoted speech or a cited title stays
 * whole. Returns the sentences in order; their concatenation is the paragraph.
 */

const OPENING = '“‘《（「『〔【';
const CLOSING = '”’》）」』〕】';
const STOPS = '。！？';

export function splitSentences(text: string): string[] {
  const chars = [...text];
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (OPENING.includes(ch)) depth++;
    else if (CLOSING.includes(ch)) depth = Math.max(0, depth - 1);
    else if (STOPS.includes(ch) && depth === 0) {
      let end = i + 1;
      while (end < chars.length && (STOPS.includes(chars[end]!) || '”’）」』'.includes(chars[end]!))) end++;
      out.push(chars.slice(start, end).join(''));
      start = end;
      i = end - 1;
    }
  }
  if (start < chars.length) out.push(chars.slice(start).join(''));
  // Unbalanced quotes swallow the rest of a paragraph: fall back to splitting at every stop.
  if (out.length === 1 && depth > 0 && chars.length > 120) return splitAtStops(text);
  return out.filter((s) => s !== '');
}

function splitAtStops(text: string): string[] {
  return text.match(/[^。！？]*[。！？]+[”’）」』]*|[^。！？]+$/gu) ?? [text];
}
