/**
 * Numbering styles of Chinese documents, in their conventional rank: 第X章 > 第X节 > 一、 > （一） >
 * 1. > （1） > ①. The depth of a heading follows the rank of its style among the styles an article
 * actually uses for headings.
 */

export interface NumberingStyle {
  name: string;
  rank: number;
  pattern: RegExp;
}

const CN = '[一二三四五六七八九十百零〇两]+';

export const NUMBERING_STYLES: NumberingStyle[] = [
  { name: 'chapter', rank: 0, pattern: new RegExp(`^第${CN}[章编篇部][\\s\\u3000]*`) },
  { name: 'section', rank: 1, pattern: new RegExp(`^第${CN}节[\\s\\u3000]*`) },
  { name: 'cn-comma', rank: 2, pattern: new RegExp(`^${CN}[、．.][\\s\\u3000]*`) },
  { name: 'cn-paren', rank: 3, pattern: new RegExp(`^（${CN}）[\\s\\u3000]*`) },
  { name: 'arabic-dot', rank: 4, pattern: /^\d{1,2}(?:[.．](?!\d)|、)[\s\u3000]*/ },
  { name: 'arabic-paren', rank: 5, pattern: /^（\d{1,2}）[\s\u3000]*/ },
  { name: 'circled', rank: 6, pattern: /^[①-⑳][\s\u3000]*/ },
];

export interface Numbering {
  style: NumberingStyle;
  /** The numbering as printed, without the space after it. */
  label: string;
}

export function numberingOf(text: string): Numbering | null {
  for (const style of NUMBERING_STYLES) {
    const m = style.pattern.exec(text);
    if (m && m[0].trim() !== '' && m[0].length < text.length) return { style, label: m[0].replace(/[\s\u3000]+$/, '') };
  }
  return null;
}

/** `第一条`, `第二十六条`: the article label of a regulation, set off at the start of its paragraph. */
export const ARTICLE_LABEL = new RegExp(`^第${CN}条(?:之${CN})?[\\s\\u3000]+`);
