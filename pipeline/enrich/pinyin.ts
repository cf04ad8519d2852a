/**
 * Pinyin sort keys, so the glossary and the indexes sort the way a Chinese reader looks things up
 * (拼音顺序), not by code point. The key is the toneless syllables joined by `-`, a space, the tone
 * digits, a space, and the text itself (`两个维护` → `liang-ge-wei-hu 3424 两个维护`): syllables decide
 * first (an < ang < ba …; 西安 xi-an < 先 xian; a word before the longer words it begins), tones break
 * ties between homophones, the text breaks the rest, so the order is total and the same on every
 * machine. Compare keys with `compareKeys` (plain code-unit order), never with a locale.
 */
import { pinyin } from 'pinyin-pro';

/** Characters that carry no reading (punctuation, brackets, quotes) are left out of the key. */
const SKIP = /[\s\p{P}\p{S}]/u;

export function pinyinSortKey(text: string): string {
  const syllables: string[] = [];
  const tones: string[] = [];
  // `toneSandhi: false`: 一 and 不 keep their dictionary tone, as a dictionary sorts them.
  for (const item of pinyin(text, { type: 'all', toneType: 'num', toneSandhi: false, v: true })) {
    if (SKIP.test(item.origin)) continue;
    if (item.isZh && item.pinyin !== '') {
      const match = /^([a-zü]+)([0-5])?$/.exec(item.pinyin.replace(/ü/g, 'v'));
      syllables.push(match ? match[1]! : item.pinyin);
      tones.push(match?.[2] ?? '5');
    } else {
      // Latin letters and digits sort as themselves, before the syllables that follow.
      syllables.push(item.origin.toLowerCase());
      tones.push('0');
    }
  }
  // ' ' sorts below '-', and '-' below every letter and digit: a shorter reading sorts first.
  return `${syllables.join('-')} ${tones.join('')} ${text}`;
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort copies of the items by their pinyin key (computed once per item). */
export function sortByPinyin<T>(items: readonly T[], text: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, key: pinyinSortKey(text(item)) }))
    .sort((x, y) => compareKeys(x.key, y.key))
    .map((x) => x.item);
}
