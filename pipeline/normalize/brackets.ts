/**
 * Unbalanced quotes and brackets in a paragraph: an opening mark never closed, or a closing mark with no
 * opening one. Sentences are never split inside a pair, so one unclosed “ makes the rest of the
 * paragraph one sentence; the user should know. ASCII quotes are not checked (they do not pair by shape).
 */

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '（': '）', '《': '》', '【': '】', '〈': '〉', '「': '」', '『': '』', '〔': '〕' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));

export interface Unbalanced {
  char: string;
  /** Which occurrence of `char` in the text (0-based), to find its column in the source line. */
  occurrence: number;
  problem: string;
  expected: string;
}

export function unbalancedPair(text: string): Unbalanced | null {
  const stack: Array<{ char: string; occurrence: number }> = [];
  const seen = new Map<string, number>();
  for (const ch of text) {
    const isOpen = ch in PAIRS;
    const opener = CLOSERS.get(ch);
    if (!isOpen && opener === undefined) continue;
    const occurrence = seen.get(ch) ?? 0;
    seen.set(ch, occurrence + 1);
    if (isOpen) stack.push({ char: ch, occurrence });
    else if (stack.at(-1)?.char === opener) stack.pop();
    else if (!stack.some((s) => s.char === opener)) {
      return { char: ch, occurrence, problem: 'closing', expected: `an opening \`${opener}\` before it` };
    } else {
      // Closes an outer pair: the inner ones were never closed.
      const inner = stack.at(-1)!;
      return { ...inner, problem: 'unclosed', expected: `its closing \`${PAIRS[inner.char]}\` before \`${ch}\`` };
    }
  }
  const first = stack[0];
  return first ? { ...first, problem: 'unclosed', expected: `its closing \`${PAIRS[first.char]}\` in the same paragraph` } : null;
}
