/**
 * Punctuation widths per Chinese convention. ASCII `, : ; ! ? ( )` in Chinese text become full-width;
 * in Latin or numeric context they stay (`22:49:50`, `1,000`, `http://`, `1.`). Full-width letters and
 * digits become ASCII; `...` becomes `……`.
 *
 * Whether a mark stands in Chinese text is decided by the nearest letter, digit or Han character on
 * each side, skipping spaces and all punctuation. Converting a mark therefore never changes the
 * context of another one, which keeps the rule idempotent.
 */
import { isAsciiPunctuation, isCjkPunctuation, isHan, isSpace } from './chars.js';

const WIDE: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）' };

export function fullWidthAlnumToAscii(text: string): string {
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

export function normalizeEllipsis(text: string): string {
  return text.replace(/\.{3,}|。{3,}/g, '……');
}

type Side = 'cjk' | 'other' | 'none';

function isKana(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c >= 0x3040 && c <= 0x30ff;
}

function sideClass(chars: string[], from: number, step: 1 | -1): Side {
  for (let i = from; i >= 0 && i < chars.length; i += step) {
    const ch = chars[i]!;
    if (isSpace(ch) || isAsciiPunctuation(ch) || isCjkPunctuation(ch)) continue;
    return isHan(ch) || isKana(ch) ? 'cjk' : 'other';
  }
  return 'none';
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

export function widenPunctuation(text: string): string {
  if (!/[,:;!?().]/.test(text)) return text;
  const chars = [...text];
  const out = [...chars];
  const inChinese = (i: number): boolean => sideClass(chars, i - 1, -1) === 'cjk' || sideClass(chars, i + 1, 1) === 'cjk';

  // Parentheses go by pairs, so `(2019—2021年)` never ends up half converted.
  const open: number[] = [];
  const pairs: Array<[number, number]> = [];
  const lone: number[] = [];
  chars.forEach((ch, i) => {
    if (ch === '(') open.push(i);
    else if (ch === ')') {
      const start = open.pop();
      if (start === undefined) lone.push(i);
      else pairs.push([start, i]);
    }
  });
  lone.push(...open);
  for (const [start, end] of pairs) {
    const inner = chars.slice(start + 1, end);
    if (inner.some((c) => isHan(c) || isKana(c)) || sideClass(chars, start - 1, -1) === 'cjk' || sideClass(chars, end + 1, 1) === 'cjk') {
      out[start] = '（';
      out[end] = '）';
    }
  }
  for (const i of lone) if (inChinese(i)) out[i] = WIDE[chars[i]!]!;

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '(' || ch === ')') continue;
    if (ch === '.') {
      // A full stop written as `.` right after a Han character, at the end of a sentence.
      if (isHan(chars[i - 1]) && (i + 1 === chars.length || isHan(chars[i + 1]) || isSpace(chars[i + 1]))) out[i] = '。';
      continue;
    }
    if (!(ch in WIDE)) continue;
    if ((ch === ',' || ch === ':') && isDigit(chars[i - 1]) && isDigit(chars[i + 1])) continue;
    if (ch === ':' && chars[i + 1] === '/' && chars[i + 2] === '/') continue;
    if (inChinese(i)) out[i] = WIDE[ch]!;
  }
  return out.join('');
}
