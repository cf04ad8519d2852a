/**
 * Removal of pinyin annotations a bad conversion inserted after characters: `協(xié)商` → `協商`.
 *
 * A parenthesised group is an annotation when it holds exactly one valid pinyin syllable (with tone
 * marks, or toneless, or with a tone digit) AND that syllable is a reading of the Han character right
 * before it. The second condition makes the rule safe: `(2019—2021年)`, `(一)`, `(CPC)` or `(xx)` after
 * a character that is not read that way all stay.
 */
import { isHan } from '../chars.js';
import { READINGS } from './readings-data.js';
import { toSimplified } from '../../script.js';

export interface AnnotationRemoval {
  /** The character with its annotation, and the character alone. */
  before: string;
  after: string;
}

const ANNOTATION = /(\p{Script=Han})[(（]\s*([a-zA-ZüÜêÊāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,6}[1-5]?)\s*[)）]/gu;

const TONED: Record<string, string> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a', ē: 'e', é: 'e', ě: 'e', è: 'e', ī: 'i', í: 'i', ǐ: 'i', ì: 'i',
  ō: 'o', ó: 'o', ǒ: 'o', ò: 'o', ū: 'u', ú: 'u', ǔ: 'u', ù: 'u', ǖ: 'v', ǘ: 'v', ǚ: 'v', ǜ: 'v',
  ü: 'v', ê: 'e', ń: 'n', ň: 'n', ǹ: 'n', ḿ: 'm',
};

/** Toneless, lower-case, `ü` as `v`, tone digit dropped: the form readings are compared in. */
export function plainSyllable(syllable: string): string {
  return [...syllable.toLowerCase().replace(/[1-5]$/, '')].map((c) => TONED[c] ?? c).join('');
}

/**
 * Toneless readings of one Han character (Traditional characters read as their Simplified form): every
 * reading pinyin-pro knows of each, from the copy of its readings stored in readings-data.ts (see
 * readings.ts), so cleaning a text does not load pinyin-pro (~0.1 s).
 */
export function readingsOf(han: string): string[] {
  const out = new Set<string>();
  for (const form of new Set([han, toSimplified(han)])) for (const reading of readingsIn(READINGS, form)) out.add(reading);
  return [...out];
}

/** The syllables a character is read as in a table like READINGS (a line per syllable, `syllable:characters`). */
export function readingsIn(table: string, han: string): string[] {
  const out: string[] = [];
  for (let at = table.indexOf(han); at >= 0; at = table.indexOf(han, at + han.length)) {
    const line = table.lastIndexOf('\n', at) + 1;
    out.push(table.slice(line, table.indexOf(':', line)));
  }
  return out;
}

export function removePinyinAnnotations(line: string): { text: string; removals: AnnotationRemoval[] } {
  const removals: AnnotationRemoval[] = [];
  let text = line;
  // Repeat: a character annotated twice (`協(xié)(xié)`) shows its second annotation only after the first goes.
  for (let changed = true; changed; ) {
    changed = false;
    text = text.replace(ANNOTATION, (whole: string, han: string, syllable: string) => {
      if (!isHan(han) || !readingsOf(han).includes(plainSyllable(syllable))) return whole;
      removals.push({ before: whole, after: han });
      changed = true;
      return han;
    });
  }
  return { text, removals };
}
