/**
 * Spacing per Chinese convention: indentation and trailing space go (ASCII spaces, U+3000, U+00A0),
 * runs of spaces inside a line become one (an ideographic space stays ideographic), spaces next to
 * Chinese punctuation go, and letter-spaced words (`首 頁`, `重 要 专 题`) are joined. Spaces around a
 * dash `——` are kept: they tell a subtitle (`标题 ——副题`) from a dash inside a title.
 */
import { SPACES, isHan } from './chars.js';

/**
 * No space before closing or pause punctuation, none after opening or pause punctuation. A space
 * between a closing and an opening mark or a character stays: in titles it separates clauses
 * (`坚定“四个自信” 强化政治机关意识`).
 */
const NO_SPACE_BEFORE = '，。、；：？！”’）》〉】」』〕';
const NO_SPACE_AFTER = '，。、；：？！“‘（《〈【「『〔';

export function trimLine(text: string): string {
  return text.replace(/^[\s\u00a0\u3000\ufeff\u200b]+|[\s\u00a0\u3000\ufeff\u200b]+$/g, '');
}

export function collapseSpaces(text: string): string {
  return text.replace(SPACES, (run) => (/^\u3000+$/.test(run) ? '\u3000' : ' '));
}

export function removeSpacesAroundPunctuation(text: string): string {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if ((ch === ' ' || ch === '\u3000') && (NO_SPACE_AFTER.includes(out.at(-1) ?? '') || NO_SPACE_BEFORE.includes(chars[i + 1] ?? ''))) continue;
    out.push(ch);
  }
  return out.join('');
}

/** `重 要 专 题` → `重要专题`: two or more single Han characters in a row, each set off by one space. */
export function joinLetterSpacing(text: string): string {
  if (!text.includes(' ')) return text;
  const tokens = text.split(' ');
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (j < tokens.length && isSingleHan(tokens[j]!)) j++;
    if (j - i >= 2) {
      out.push(tokens.slice(i, j).join(''));
      i = j;
    } else {
      out.push(tokens[i]!);
      i++;
    }
  }
  return out.join(' ');
}

function isSingleHan(token: string): boolean {
  const chars = [...token];
  return chars.length === 1 && isHan(chars[0]);
}
