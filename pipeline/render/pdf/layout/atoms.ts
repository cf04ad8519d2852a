/**
 * Styled spans → atoms: the units a line is built from. A Han character or a mark is one atom, a Latin
 * word or number is one atom (kept together), a doubled dash “——” or ellipsis “……” is one atom (never
 * split). Each atom knows its advance in its font, the blank part of its em box that may be squeezed,
 * and whether a line may break before it (kinsoku).
 */
import { isCjk, isDoubledMark, isInvisible, isSpace, prohibitedAtLineEnd, prohibitedAtLineStart, squeezableSide } from './chars.js';

export type FontKey = string;

export interface TextStyle {
  font: FontKey;
  /** Size in pt. */
  size: number;
  /** `#rrggbb`. */
  color: string;
}

/** A run of text in one style; what the IR handlers produce for inline content. */
export interface Span {
  text: string;
  style: TextStyle;
  /** Anchor id this span links to (the painter links it to the place where that anchor was set). */
  link?: string | null;
  /** Ids of the IR nodes that start at this span (their page is recorded for references). */
  anchors?: string[];
  /** Never break a line inside this span (a name, a “作者：…” item). */
  keep?: boolean;
  /** Set its marks half width (the commas between page numbers in the index). */
  tight?: boolean;
}

/** A text shaped in one font: its glyphs, with advances in thousandths of an em. */
export interface Shaped {
  /** Glyph ids of the font. */
  gids: readonly number[];
  /** Advance of each glyph as laid out (kerning included) and its own advance. */
  xAdvance: readonly number[];
  advanceWidth: readonly number[];
  /** The text each glyph stands for (for the PDF's ToUnicode map). */
  chars: readonly string[];
}

export interface Metrics {
  /** Advance of `text` set in `font` at `size` pt, exactly as the painter will set it. */
  width(text: string, font: FontKey, size: number, features?: readonly string[]): number;
  /** Blank share (0–0.5) of a mark's em box that the font's half-width forms remove. */
  squeeze(ch: string, font: FontKey): number;
  /** The glyphs of `text` (absent in measuring-only metrics, e.g. in tests: lines then carry no glyph runs). */
  shape?(text: string, font: FontKey, features?: readonly string[]): Shaped;
  /** Get ready to measure the characters of `text` (shaping many at once is cheaper). */
  preshape?(text: string, font: FontKey): void;
}

export type AtomKind = 'han' | 'word' | 'space' | 'open' | 'close' | 'doubled';

export interface Atom {
  text: string;
  /** Index of the span it came from. */
  span: number;
  kind: AtomKind;
  /** Natural advance in pt. */
  width: number;
  features?: readonly string[];
  /** Blank that may still be squeezed on each side for justification (pt). */
  squeezeLeft: number;
  squeezeRight: number;
  /** Blank always squeezed because a neighbouring mark already supplies it (pt). */
  fixedLeft: number;
  fixedRight: number;
  /** A line may not break between the previous atom and this one. */
  noBreakBefore: boolean;
}

/** Doubled dashes take their two-em form from the font's full-width feature. */
const DASH_FEATURES = ['fwid'] as const;

export function atomize(spans: readonly Span[], metrics: Metrics, maxWidth = Infinity): Atom[] {
  if (metrics.preshape) for (const span of spans) metrics.preshape(span.text, span.style.font);
  const atoms: Atom[] = [];
  spans.forEach((span, index) => {
    for (const piece of pieces(cleanText(span.text))) {
      const atom = makeAtom(piece, index, span.style, metrics);
      if (atom.kind === 'word' && atom.width > maxWidth) atoms.push(...[...piece].map((ch) => ({ ...makeAtom(ch, index, span.style, metrics), kind: 'han' as const })));
      else atoms.push(atom);
    }
  });
  setBreaks(atoms);
  for (let i = 1; i < atoms.length; i++) if (atoms[i]!.span === atoms[i - 1]!.span && spans[atoms[i]!.span]!.keep) atoms[i]!.noBreakBefore = true;
  squeezeAdjacentMarks(atoms);
  for (const atom of atoms) {
    if (!spans[atom.span]!.tight) continue;
    atom.fixedLeft += atom.squeezeLeft;
    atom.fixedRight += atom.squeezeRight;
    atom.squeezeLeft = atom.squeezeRight = 0;
  }
  return atoms;
}

function cleanText(text: string): string {
  let out = '';
  for (const ch of text) if (!isInvisible(ch)) out += ch;
  return out;
}

type Piece = string;

/** Cut a text into atom texts. */
function pieces(text: string): Piece[] {
  const chars = [...text];
  const out: Piece[] = [];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (isSpace(ch)) {
      let j = i + 1;
      while (j < chars.length && isSpace(chars[j]!) && chars[j] === ch) j++;
      out.push(ch === '\u3000' || ch === '\u00a0' ? chars.slice(i, j).join('') : ' ');
      i = j;
    } else if (isDoubledMark(ch)) {
      const pair = chars[i + 1] === ch ? 2 : 1;
      out.push(chars.slice(i, i + pair).join(''));
      i += pair;
    } else if (isCjk(ch) || prohibitedAtLineStart(ch) || prohibitedAtLineEnd(ch) || '“”‘’'.includes(ch)) {
      out.push(ch);
      i++;
    } else {
      let j = i + 1;
      while (j < chars.length && isWordChar(chars[j]!)) j++;
      out.push(chars.slice(i, j).join(''));
      i = j;
    }
  }
  return out;
}

/** Inside a Latin word or number: anything but spaces, CJK, and the marks that break around words. */
function isWordChar(ch: string): boolean {
  if (isSpace(ch) || isCjk(ch) || isDoubledMark(ch) || '“”‘’'.includes(ch)) return false;
  // ASCII closers end a word only when it is the last char of the word; keep “1.5”, “A,B”, “(1)” whole.
  return true;
}

function makeAtom(text: string, span: number, style: TextStyle, metrics: Metrics): Atom {
  const first = String.fromCodePoint(text.codePointAt(0)!);
  const single = first.length === text.length;
  const kind = kindOf(first, single);
  const features = kind === 'doubled' && (first === '—' || first === '―') ? DASH_FEATURES : undefined;
  const side = single ? squeezableSide(first) : null;
  const blank = side ? metrics.squeeze(first, style.font) * style.size : 0;
  const atom: Atom = {
    text,
    span,
    kind,
    width: metrics.width(text, style.font, style.size, features),
    squeezeLeft: side === 'left' ? blank : 0,
    squeezeRight: side === 'right' ? blank : 0,
    fixedLeft: 0,
    fixedRight: 0,
    noBreakBefore: false,
  };
  if (features) atom.features = features;
  return atom;
}

function kindOf(first: string, single: boolean): AtomKind {
  if (isSpace(first)) return 'space';
  if (isDoubledMark(first)) return 'doubled';
  if (single && prohibitedAtLineEnd(first)) return 'open';
  if (single && prohibitedAtLineStart(first)) return 'close';
  if (isCjk(first) || '“”‘’'.includes(first)) return 'han';
  return 'word';
}

function setBreaks(atoms: Atom[]): void {
  for (let i = 1; i < atoms.length; i++) {
    const prev = atoms[i - 1]!;
    const atom = atoms[i]!;
    const lastOfPrev = lastChar(prev.text);
    const firstOfThis = String.fromCodePoint(atom.text.codePointAt(0)!);
    atom.noBreakBefore =
      prohibitedAtLineStart(firstOfThis) || // closing marks, stops, the ellipsis
      prohibitedAtLineEnd(lastOfPrev) || // opening marks
      (prev.kind === 'word' && atom.kind === 'word') || // one word split over two spans
      atom.kind === 'space' || // a line breaks after a space, never before it
      prev.text.includes('\u00a0') ||
      atom.text.includes('\u00a0');
  }
}

/**
 * Two marks side by side would leave a full em of blank between them (“。”” “，“”), so one of them is
 * always set half width: the first one's right blank, or the second opening mark's left blank.
 */
function squeezeAdjacentMarks(atoms: Atom[]): void {
  for (let i = 1; i < atoms.length; i++) {
    const prev = atoms[i - 1]!;
    const atom = atoms[i]!;
    if (prev.squeezeRight > 0 && (atom.squeezeLeft > 0 || atom.squeezeRight > 0 || atom.kind === 'close')) {
      prev.fixedRight = prev.squeezeRight;
      prev.squeezeRight = 0;
    } else if (atom.squeezeLeft > 0 && (prev.squeezeLeft > 0 || prev.kind === 'close')) {
      atom.fixedLeft = atom.squeezeLeft;
      atom.squeezeLeft = 0;
    }
  }
}

function lastChar(text: string): string {
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xdc00 && code <= 0xdfff && text.length > 1 ? text.slice(-2) : text.slice(-1);
}

/** The advance an atom takes before any squeezing for justification. */
export function baseWidth(atom: Atom): number {
  return atom.width - atom.fixedLeft - atom.fixedRight;
}
