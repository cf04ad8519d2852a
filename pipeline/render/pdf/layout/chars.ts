/**
 * Character classes for Chinese line layout (W3C clreq §3.1, GB/T 15834): what may not start or end a
 * line, which marks carry a blank half that may be squeezed, and what counts as Han text.
 */

/** Closing marks and stops: never at the start of a line. ASCII forms too, for text that escaped normalize. */
const LINE_START_PROHIBITED = new Set([
  ...'，。、．：；？！”’）》〉」』】〕〗〙］｝…‥⋯·・％‰℃～々〻',
  ...',.:;?!)]}%',
]);

/** Opening marks: never at the end of a line. */
const LINE_END_PROHIBITED = new Set([...'“‘（《〈「『【〔〖〘［｛', ...'([{']);

/** Marks whose em box is half blank on the right (closing brackets/quotes and stops). */
const SQUEEZABLE_CLOSING = new Set([...'，。、．：；”’）》〉」』】〕〗〙］｝']);
/** Marks whose em box is half blank on the left (opening brackets/quotes). */
const SQUEEZABLE_OPENING = new Set([...'“‘（《〈「『【〔〖〘［｛']);

/** Marks that are written doubled and never split: the dash —— and the ellipsis ……. */
const DOUBLED = new Set([...'—―…⋯']);

export function prohibitedAtLineStart(ch: string): boolean {
  return LINE_START_PROHIBITED.has(ch);
}

export function prohibitedAtLineEnd(ch: string): boolean {
  return LINE_END_PROHIBITED.has(ch);
}

export function squeezableSide(ch: string): 'left' | 'right' | null {
  if (SQUEEZABLE_CLOSING.has(ch)) return 'right';
  if (SQUEEZABLE_OPENING.has(ch)) return 'left';
  return null;
}

export function isDoubledMark(ch: string): boolean {
  return DOUBLED.has(ch);
}

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\u3000' || ch === '\u00a0' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** Han, kana, hangul, CJK symbols and full-width forms: each one a unit a line may break around. */
export function isCjk(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals
    (cp >= 0x3000 && cp <= 0x303f) || // CJK symbols and punctuation
    (cp >= 0x3040 && cp <= 0x30ff) || // kana
    (cp >= 0x3100 && cp <= 0x31ff) || // bopomofo, kana ext
    (cp >= 0x3200 && cp <= 0x4dbf) || // enclosed, compatibility, ext A
    (cp >= 0x4e00 && cp <= 0x9fff) || // unified ideographs
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // vertical/compatibility forms
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x3134f) // ext B and beyond
  );
}

/** Punctuation set in a full em (or doubled) that behaves like a CJK unit in breaking. */
export function isCjkPunctuation(ch: string): boolean {
  return LINE_START_PROHIBITED.has(ch) && !/[,.:;?!)\]}%]/.test(ch) || LINE_END_PROHIBITED.has(ch) && !/[([{]/.test(ch) || DOUBLED.has(ch) || '“”‘’'.includes(ch);
}

/** Characters that never print (zero-width and format controls), dropped before layout. */
export function isInvisible(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff || cp === 0x2060 || cp === 0xad || (cp < 0x20 && !isSpace(ch)) || (cp >= 0x7f && cp < 0xa0);
}
