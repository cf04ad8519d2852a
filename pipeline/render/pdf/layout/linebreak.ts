/**
 * Atoms → lines, the way a Chinese compositor sets a paragraph: fill the line, never start it with a
 * closing mark nor end it with an opening one, then make it exactly as wide as the measure — by squeezing
 * the blank halves of marks when a little too much is on the line, else by spreading the slack evenly
 * between the characters. The last line of a paragraph is set at natural width and never holds a single
 * character alone (one more is pulled down from the line above).
 */
import { baseWidth, type Atom } from './atoms.js';

export type Align = 'justify' | 'left' | 'center' | 'right';

export interface LineRequest {
  /** The measure (pt). */
  width: number;
  /** Indent of the first line (pt), e.g. 2em, and of the lines after it (a hanging indent). */
  firstIndent: number;
  restIndent?: number;
  align: Align;
  /** Pull a character down rather than end on a line holding one character. */
  avoidLonelyLast: boolean;
  /** Break at a space (between the phrases of a title) where one falls in the second half of the line. */
  preferSpaces?: boolean;
}

export interface PlacedAtom {
  atom: Atom;
  /** Pen position of the glyphs, from the line's left edge (a squeezed opening mark starts left of its box). */
  penX: number;
  /** Left edge of its box after squeezing, and its width after squeezing. */
  x: number;
  advance: number;
}

/**
 * A set line. Positions are kept in one typed array rather than an object per character: a book holds
 * hundreds of thousands of them.
 */
export class Line {
  constructor(
    /** The paragraph's atoms; this line holds atoms[first, first + count). */
    readonly atoms: readonly Atom[],
    /** Atom range [start, end) of the paragraph this line took (with any spaces it dropped). */
    readonly start: number,
    readonly end: number,
    readonly first: number,
    /** Pen x, box x and box width of each atom (3 numbers per atom), from the measure's left edge. */
    private readonly pos: Float64Array,
    /** Left edge of the line's box from the measure's left edge (indent, centring). */
    readonly x0: number,
    /** Right edge of the last atom's box, from the measure's left edge. */
    readonly right: number,
    /** The measure's right edge, from its left edge (= width). */
    readonly measure: number,
    readonly final: boolean,
    readonly text: string,
  ) {}

  get count(): number {
    return this.pos.length / 3;
  }

  atom(k: number): Atom {
    return this.atoms[this.first + k]!;
  }

  penX(k: number): number {
    return this.pos[3 * k]!;
  }

  x(k: number): number {
    return this.pos[3 * k + 1]!;
  }

  advance(k: number): number {
    return this.pos[3 * k + 2]!;
  }

  /** The atoms with their places, as objects (for tests and inspection). */
  get placed(): PlacedAtom[] {
    return Array.from({ length: this.count }, (_, k) => ({ atom: this.atom(k), penX: this.penX(k), x: this.x(k), advance: this.advance(k) }));
  }
}

const EPS = 0.01;

export function breakLines(atoms: readonly Atom[], request: LineRequest): Line[] {
  const ends = greedyEnds(atoms, request, 0, 0, atoms.length);
  if (request.avoidLonelyLast && ends.length >= 2 && isLonely(atoms, ends.at(-2)!, ends.at(-1)!)) {
    // Move the last break back, one break point at a time, until the last line holds two characters.
    const before = ends.length >= 3 ? ends.at(-3)! : 0;
    let limit = ends.at(-2)!;
    for (let step = 0; step < 4; step++) {
      limit = previousBreak(atoms, limit - 1, before);
      if (limit <= before) break;
      const retry = greedyEnds(atoms, request, before, ends.length - 2, limit);
      const rest = greedyEnds(atoms, request, limit, ends.length - 2 + retry.length, atoms.length);
      if (retry.length !== 1 || rest.length !== 1) break;
      if (!isLonely(atoms, limit, rest[0]!)) {
        ends.splice(ends.length - 2, 2, ...retry, ...rest);
        break;
      }
    }
  }
  const lines: Line[] = [];
  let start = 0;
  ends.forEach((end, index) => {
    const from = skipSpaces(atoms, start, end);
    lines.push(setLine(atoms, from, end, request, index, end >= atoms.length));
    start = end;
  });
  return lines;
}

/** Line ends from atom `from` up to atom `limit`, the first line being line number `lineIndex`. */
function greedyEnds(atoms: readonly Atom[], request: LineRequest, from: number, lineIndex: number, limit: number): number[] {
  const ends: number[] = [];
  let i = from;
  while (i < limit) {
    i = skipSpaces(atoms, i, limit);
    if (i >= limit) {
      if (ends.length > 0) ends[ends.length - 1] = limit;
      else ends.push(limit);
      break;
    }
    const width = measureOf(request, lineIndex + ends.length);
    let end = chooseEnd(atoms, i, width, limit);
    if (request.preferSpaces && end < limit) end = spaceBreak(atoms, i, end, width) ?? end;
    ends.push(end);
    i = end;
  }
  return ends;
}

function measureOf(request: LineRequest, lineIndex: number): number {
  return request.width - (lineIndex === 0 ? request.firstIndent : request.restIndent ?? 0);
}

function skipSpaces(atoms: readonly Atom[], i: number, limit: number): number {
  while (i < limit && atoms[i]!.kind === 'space') i++;
  return i;
}

/** A line may end before atom `e` (or at the end of the text). */
function canBreakAt(atoms: readonly Atom[], e: number): boolean {
  return e >= atoms.length || !atoms[e]!.noBreakBefore;
}

function previousBreak(atoms: readonly Atom[], e: number, floor: number): number {
  while (e > floor && !canBreakAt(atoms, e)) e--;
  return e;
}

/** Natural width of atoms [i, e), trailing spaces hanging outside the measure. */
function naturalWidth(atoms: readonly Atom[], i: number, e: number): number {
  while (e > i && atoms[e - 1]!.kind === 'space') e--;
  let w = 0;
  for (let k = i; k < e; k++) w += baseWidth(atoms[k]!);
  return w;
}

function squeezable(atoms: readonly Atom[], i: number, e: number): number {
  let s = 0;
  for (let k = i; k < e; k++) s += atoms[k]!.squeezeLeft + atoms[k]!.squeezeRight;
  return s;
}

function chooseEnd(atoms: readonly Atom[], i: number, width: number, limit: number): number {
  let w = 0;
  let j = i;
  while (j < limit) {
    const advance = baseWidth(atoms[j]!);
    if (atoms[j]!.kind !== 'space' && w + advance > width + EPS) break; // a trailing space may hang
    w += advance;
    j++;
  }
  if (j >= limit && (limit === atoms.length || canBreakAt(atoms, limit))) return limit;
  // A: the last break that fits at natural width (then spread the slack).
  const a = previousBreak(atoms, j, i);
  // B: the next break, if squeezing marks makes it fit with no more change than spreading A's slack
  // (squeeze first, then push: clreq §3.8).
  let b = -1;
  for (let e = j + 1; e <= Math.min(limit, j + 4); e++) {
    if (!canBreakAt(atoms, e)) continue;
    const shortage = naturalWidth(atoms, i, e) - width;
    const slackA = a > i ? width - naturalWidth(atoms, i, a) : Infinity;
    if (shortage <= squeezable(atoms, i, e) + EPS && shortage <= slackA + EPS) b = e;
    break;
  }
  if (b > 0) return b;
  if (a > i) return a;
  return Math.max(j, i + 1); // nothing fits: an unbreakable run wider than the measure
}

/** The last space on the line [i, end) that leaves it at least half full: break after it. */
function spaceBreak(atoms: readonly Atom[], i: number, end: number, width: number): number | null {
  for (let k = end - 1; k > i; k--) {
    if (atoms[k]!.kind === 'space' && canBreakAt(atoms, k + 1) && naturalWidth(atoms, i, k) >= width / 2) return k + 1;
  }
  return null;
}

/** A last line holding a single character (marks aside). */
function isLonely(atoms: readonly Atom[], start: number, end: number): boolean {
  let chars = 0;
  for (let k = start; k < end; k++) {
    const atom = atoms[k]!;
    if (atom.kind === 'han') chars += 1;
    else if (atom.kind === 'word') chars += [...atom.text].length;
  }
  return chars <= 1;
}

function setLine(atoms: readonly Atom[], start: number, end: number, request: LineRequest, lineIndex: number, final: boolean): Line {
  let last = end;
  while (last > start && atoms[last - 1]!.kind === 'space') last--;
  const items = atoms.slice(start, last);
  const width = measureOf(request, lineIndex);
  const indent = request.width - width;
  const left = items.map((a) => a.fixedLeft);
  const right = items.map((a) => a.fixedRight);
  const gaps = items.map(() => 0);
  let natural = items.reduce((s, a) => s + baseWidth(a), 0);
  if (natural > width + EPS) squeeze(items, natural - width, left, right);
  natural = items.reduce((s, a, k) => s + a.width - left[k]! - right[k]!, 0);
  const slack = width - natural;
  const justify = request.align === 'justify' && !final && slack > EPS;
  if (justify) spread(items, slack, gaps);
  let x0 = indent;
  if (request.align === 'center') x0 = indent + Math.max(0, slack) / 2;
  if (request.align === 'right') x0 = indent + Math.max(0, slack);
  const pos = new Float64Array(items.length * 3);
  let x = x0;
  items.forEach((atom, k) => {
    const advance = atom.width - left[k]! - right[k]!;
    pos[3 * k] = x - left[k]!;
    pos[3 * k + 1] = x;
    pos[3 * k + 2] = advance;
    x += advance + gaps[k]!;
  });
  const n = items.length;
  const rightEdge = n > 0 ? pos[3 * (n - 1) + 1]! + pos[3 * (n - 1) + 2]! : x0;
  return new Line(atoms, start, end, start, pos, x0, rightEdge, request.width, final, items.map((a) => a.text).join(''));
}

/** Take `excess` out of the marks' blank halves: the line-end mark first, then all of them evenly. */
function squeeze(items: readonly Atom[], excess: number, left: number[], right: number[]): void {
  const lastIndex = items.length - 1;
  const lastAtom = items[lastIndex];
  if (lastAtom && lastAtom.squeezeRight > 0) {
    const take = Math.min(excess, lastAtom.squeezeRight);
    right[lastIndex]! += take;
    excess -= take;
  }
  if (excess <= 0) return;
  let capacity = 0;
  items.forEach((a, k) => (capacity += a.squeezeLeft + (k === lastIndex ? 0 : a.squeezeRight)));
  if (capacity <= 0) return;
  const share = Math.min(1, excess / capacity);
  items.forEach((a, k) => {
    left[k]! += a.squeezeLeft * share;
    if (k !== lastIndex) right[k]! += a.squeezeRight * share;
  });
}

/**
 * Spread `slack` over the gaps between atoms: not between a character and the closing mark after it,
 * nor between an opening mark and what it opens; a space between words takes a share as a whole.
 */
function spread(items: readonly Atom[], slack: number, gaps: number[]): void {
  const weights = items.map((atom, k): number => {
    if (k === items.length - 1) return 0;
    const next = items[k + 1]!;
    if (next.kind === 'close' || atom.kind === 'open') return 0;
    if (next.kind === 'space') return 0;
    return 1;
  });
  let total = weights.reduce((s, w) => s + w, 0);
  if (total === 0) {
    weights.fill(1);
    weights[weights.length - 1] = 0;
    total = weights.length - 1;
  }
  if (total <= 0) return;
  weights.forEach((w, k) => (gaps[k] = (slack * w) / total));
}
