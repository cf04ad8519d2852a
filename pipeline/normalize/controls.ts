/**
 * Characters that must not reach a publication: control characters and noncharacters (NUL, escape
 * sequences, C1 codes, U+FDD0–FDEF, U+FFFE/FFFF: invalid or discouraged in XML, invisible on screen)
 * and the bidirectional embedding, override and isolate controls (they reorder how text displays, so a line could show something other than what it holds).
 * Tab, line feed and carriage return are whitespace and handled elsewhere.
 */

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

export const removeControlCharacters = (text: string): string => text.replace(CONTROL, '');
export const removeBidiControls = (text: string): string => text.replace(BIDI, '');

/** Whether cleaning removes `ch` (a control character, noncharacter or bidi control). */
export const isRemoved = (ch: string): boolean => removeBidiControls(removeControlCharacters(ch)) === '';

export interface Found {
  /** 1-based column, in characters, of the first one. */
  column: number;
  first: string;
  count: number;
}

function find(text: string, pattern: RegExp): Found | null {
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return null;
  const at = matches[0]!.index;
  return { column: [...text.slice(0, at)].length + 1, first: matches[0]![0], count: matches.length };
}

export const findControlCharacters = (text: string): Found | null => find(text, CONTROL);
export const findBidiControls = (text: string): Found | null => find(text, BIDI);

/** `U+202E` */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
