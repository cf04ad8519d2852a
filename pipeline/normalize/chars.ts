/**
 * Character classes shared by the cleaning rules. “CJK” here means text that takes Chinese
 * punctuation: Han characters, kana, and the CJK and full-width punctuation marks themselves.
 */

const HAN = /\p{Script=Han}/u;

export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

/** Chinese (full-width) punctuation marks, including the dash and ellipsis. */
export const CJK_PUNCTUATION = '，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—·～￥';

export function isCjkPunctuation(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (CJK_PUNCTUATION.includes(ch)) return true;
  const c = ch.codePointAt(0)!;
  return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65);
}

export function isCjk(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (isHan(ch)) return true;
  const c = ch.codePointAt(0)!;
  return (c >= 0x3040 && c <= 0x30ff) || isCjkPunctuation(ch);
}

/** ASCII punctuation (not letters, digits or spaces). */
export function isAsciiPunctuation(ch: string | undefined): boolean {
  return ch !== undefined && /^[!-/:-@[-`{-~]$/.test(ch);
}

export function isPrivateUse(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0xe000 && c <= 0xf8ff) || (c >= 0xf0000 && c <= 0x10ffff);
}

/** Spaces a scraped page uses: ASCII space and tab, no-break space, ideographic space and the like. */
export const SPACE = /[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;
export const SPACES = /[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

/** Count of Han characters in a text. */
export function hanCount(text: string): number {
  let n = 0;
  for (const ch of text) if (isHan(ch)) n++;
  return n;
}

/**
 * Characters of a text counted, and pairs of adjacent Han characters (keys of two characters), for
 * plausibility scores: a restored character that forms a word the text uses elsewhere is likelier.
 */
export function charFrequencies(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  let previous = '';
  for (const ch of text) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    if (isHan(previous) && isHan(ch)) counts.set(previous + ch, (counts.get(previous + ch) ?? 0) + 1);
    previous = ch;
  }
  return counts;
}
