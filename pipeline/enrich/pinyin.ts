/**
 * Pinyin sort keys, so the glossary and the indexes sort the way a Chinese reader looks things up
 * (拼音顺序), not by code point. The key is the toneless syllables joined by `-`, a space, the tone
 * digits, a space, and the text itself (`两个维护` → `liang-ge-wei-hu 3424 两个维护`): syllables decide
 * first (an < ang < ba …; 西安 xi-an < 先 xian; a word before the longer words it begins), tones break
 * ties between homophones, the text breaks the rest, so the order is total and the same on every
 * machine. Compare keys with `compareKeys` (plain code-unit order), never with a locale.
 */
import { pinyinPro } from '../pinyin-library.js';

/** Characters that carry no reading (punctuation, brackets, quotes) are left out of the key. */
const SKIP = /[\s\p{P}\p{S}]/u;
const HAN = /\p{Script=Han}/u;

export function pinyinSortKey(text: string): string {
  const syllables: string[] = [];
  const tones: string[] = [];
  const chars = [...text];
  // `toneSandhi: false`: 一 and 不 keep their dictionary tone, as a dictionary sorts them. The array
  // form is much cheaper than `type: 'all'` and gives one item per character.
  const { pinyin } = pinyinPro();
  const readings = pinyin(text, { type: 'array', toneType: 'num', toneSandhi: false, nonZh: 'spaced' });
  const aligned = readings.length === chars.length;
  chars.forEach((char, i) => {
    if (SKIP.test(char)) return;
    const reading = aligned ? readings[i]! : pinyin(char, { type: 'array', toneType: 'num' })[0] ?? char;
    const match = HAN.test(char) ? /^([a-zü]+)([0-5]?)$/.exec(reading) : null;
    if (match) {
      syllables.push(match[1]!.replace(/ü/g, 'v'));
      tones.push(match[2] || '5');
    } else {
      // Latin letters and digits sort as themselves, before the syllables that follow.
      syllables.push(char.toLowerCase());
      tones.push('0');
    }
  });
  // ' ' sorts below '-', and '-' below every letter and digit: a shorter reading sorts first.
  return `${syllables.join('-')} ${tones.join('')} ${text}`;
}

/** The toneless syllables of a text run together (`两个维护` → `lianggeweihu`): what a glossary id is made of. */
export function pinyinSlug(text: string): string {
  return pinyinPro()
    .pinyin(text, { toneType: 'none', type: 'array', toneSandhi: false, v: true, nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** The pinyin enrich works out: sort keys (`pinyinSortKey`) and glossary slugs (`pinyinSlug`). */
export interface Pinyin {
  sortKey(text: string): string;
  slug(text: string): string;
}

/** Worked out every time it is asked for. */
export const PINYIN: Pinyin = { sortKey: pinyinSortKey, slug: pinyinSlug };

/**
 * Pinyin remembered from earlier builds (`known`, by kind and text), working out only texts not seen
 * before (`learned`, for the build to keep): a rebuild whose texts were all seen loads no pinyin-pro
 * (~0.1 s) and builds no word segmenter (~0.05 s).
 */
export function rememberedPinyin(known: Readonly<Record<string, string>>): Pinyin & { learned(): Record<string, string> } {
  const learned: Record<string, string> = {};
  const remembered =
    (kind: string, work: (text: string) => string) =>
    (text: string): string => {
      const key = `${kind}:${text}`;
      return Object.hasOwn(known, key) ? known[key]! : (learned[key] ??= work(text));
    };
  return { sortKey: remembered('sort', pinyinSortKey), slug: remembered('slug', pinyinSlug), learned: () => learned };
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
