/**
 * Repair of a byte-misaligned GBK run.
 *
 * The damage: the page was GBK bytes (Traditional characters too: 學 = 8C 57). One lead byte was lost
 * and replaced by `?`, so the decoder paired every following trail byte with the next lead byte, one
 * byte off, until a trail byte that happened to be ASCII (0x40–0x7E) put it back in step:
 *
 *     A1 A3 A1 B0 8C A2 8C 57   。“將學
 *     ?  A3A1 B08C A28C 57      ?！皩W   (the full-width ！ was later narrowed to ASCII `!`)
 *
 * The reversal: take the run after `?` up to and including an ASCII character, widen narrowed ASCII
 * punctuation back to full width, encode the run as GBK bytes, put a candidate lead byte in front of
 * it and decode again. Every candidate lead byte 0x81–0xFE is tried; the restored characters must all
 * be valid (no private-use or replacement characters), and the most plausible candidate wins —
 * scored by how often its characters, and the pairs they form with their neighbours, occur in the
 * document. A run that meets an ASCII character the displaced byte cannot pair with ends in U+FFFD
 * instead: that character's trail byte is lost too and is chosen the same way. A run whose text shows no
 * damage (no private-use character; in a document long enough to tell, no otherwise unseen character)
 * is never touched, so an ordinary `?` stays a question mark.
 */
import iconv from 'iconv-lite';
import { isHan, isPrivateUse } from '../chars.js';

export interface RunRepair {
  /** Index in the line (UTF-16 units) where the damaged run starts: the `?`. */
  index: number;
  before: string;
  after: string;
}

export interface MisalignmentResult {
  text: string;
  repairs: RunRepair[];
  /** Damaged-looking runs (from the `?` to the run's last character) that no candidate restored, left as they were. */
  unresolved: Array<{ index: number; run: string }>;
}

/** The longest run (in characters) between the lost byte and the resynchronising ASCII byte. */
const MAX_RUN = 400;

const gbkDecoder = new TextDecoder('gbk', { fatal: true });

export function repairGbkMisalignment(line: string, frequencies: ReadonlyMap<string, number>): MisalignmentResult {
  if (!line.includes('?')) return { text: line, repairs: [], unresolved: [] };
  const chars = [...line];
  const out: string[] = [];
  const repairs: RunRepair[] = [];
  const unresolved: MisalignmentResult['unresolved'] = [];
  let offset = 0; // UTF-16 index of chars[i] in the original line
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '?') {
      const found = restoreAt(chars, i, frequencies);
      if (found !== null && 'damagedTo' in found) {
        unresolved.push({ index: offset, run: chars.slice(i, found.damagedTo + 1).join('') });
      } else if (found !== null) {
        const before = chars.slice(i, found.end + 1).join('');
        repairs.push({ index: offset, before, after: found.text });
        out.push(found.text);
        offset += before.length;
        i = found.end;
        continue;
      }
    }
    out.push(ch);
    offset += ch.length;
  }
  return { text: out.join(''), repairs, unresolved };
}

/**
 * Try to restore the run after the `?` at `at`. The run ends at an ASCII character that was really a
 * trail byte (the text after it reads normally again), or at a U+FFFD where a displaced byte met an
 * ASCII character it could not pair with (that character's own trail byte is lost and is chosen
 * like the lead byte). Returns the restored text and the index of the last character it replaces,
 * the index of the last character of a run that looks damaged but that nothing restores, or null.
 */
function restoreAt(chars: string[], at: number, frequencies: ReadonlyMap<string, number>): { text: string; end: number } | { damagedTo: number } | null {
  const limit = Math.min(chars.length, at + 1 + MAX_RUN);
  let sawNonAscii = false;
  for (let end = at + 1; end < limit; end++) {
    const ch = chars[end]!;
    const code = ch.codePointAt(0)!;
    if (code === 0xfffd && sawNonAscii) {
      const run = chars.slice(at + 1, end);
      if (!looksDamaged(run, frequencies, true)) return null;
      const restored = bestCandidate(run, null, frequencies, chars[at - 1] ?? '', chars[end + 1] ?? '');
      return restored === null ? { damagedTo: end } : { text: restored, end };
    }
    if (code >= 0x80) {
      sawNonAscii = true;
      continue;
    }
    // An ASCII character ends the run only as a trail byte (0x40–0x7E), after a non-ASCII character,
    // and only where the text after it reads normally again.
    if (!sawNonAscii || code < 0x40 || code > 0x7e || !readsNormally(chars, end + 1, frequencies)) continue;
    const run = chars.slice(at + 1, end);
    if (!looksDamaged(run, frequencies, false)) return null;
    const restored = bestCandidate(run, code, frequencies, chars[at - 1] ?? '', chars[end + 1] ?? '');
    if (restored !== null) return { text: restored, end };
  }
  const tail = chars.slice(at + 1, limit);
  return sawNonAscii && looksDamaged(tail.filter((c) => c.codePointAt(0)! >= 0x80), frequencies, false) ? { damagedTo: limit - 1 } : null;
}

/**
 * Below this many Han characters a document says too little about which characters are rare, so only
 * private-use or replacement characters count as evidence of damage there.
 */
const MIN_TEXT_FOR_RARITY = 1000;

/** Misaligned bytes decode to private-use characters or to rare characters the text uses nowhere else. */
function looksDamaged(run: string[], frequencies: ReadonlyMap<string, number>, endsInReplacement: boolean): boolean {
  if (endsInReplacement || run.some(isPrivateUse)) return true;
  if (hanTotal(frequencies) < MIN_TEXT_FOR_RARITY) return false;
  const han = run.filter((c) => isHan(c));
  return han.length > 0 && han.every((c) => (frequencies.get(c) ?? 0) <= 1);
}

function hanTotal(frequencies: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const [key, count] of frequencies) if (key.length === 1 && isHan(key)) total += count;
  return total;
}

/** The next few characters hold no replacement or private-use character and not only unseen ones. */
function readsNormally(chars: string[], from: number, frequencies: ReadonlyMap<string, number>): boolean {
  const next = chars.slice(from, from + 8);
  if (next.some((c) => c === '\ufffd' || isPrivateUse(c))) return false;
  const han = next.filter((c) => isHan(c));
  return han.length < 3 || han.some((c) => (frequencies.get(c) ?? 0) > 1);
}

/**
 * The most plausible restoration of a run: the lead byte lost before it, and — when the run ended at
 * a U+FFFD (`trail` null) — the trail byte lost at its end, are chosen by how often the characters
 * they make occur in the document.
 */
function bestCandidate(run: string[], trail: number | null, frequencies: ReadonlyMap<string, number>, before: string, after: string): string | null {
  const pairs: number[] = [];
  for (const ch of run.map(widen)) {
    const bytes = iconv.encode(ch, 'gbk');
    // Every character of a misaligned run is a GBK double-byte pair; anything else is not this damage.
    if (bytes.length !== 2 || bytes[0]! < 0x81 || iconv.decode(bytes, 'gbk') !== ch) return null;
    pairs.push(bytes[0]!, bytes[1]!);
  }
  // Characters the document uses often, and pairs it uses elsewhere (with the text around the run too).
  const score = (text: string): number => {
    const chars = [before, ...text, after];
    let sum = 0;
    for (let i = 1; i < chars.length - 1; i++) sum += Math.log1p(frequencies.get(chars[i]!) ?? 0);
    for (let i = 1; i < chars.length; i++) sum += 2 * Math.log1p(frequencies.get(chars[i - 1]! + chars[i]!) ?? 0);
    return sum;
  };
  const decodeAll = (bytes: number[]): string | null => {
    try {
      const text = gbkDecoder.decode(Uint8Array.from(bytes));
      const restored = [...text];
      return restored.length === run.length + 1 && restored.every(isPlausibleChar) ? text : null;
    } catch {
      return null;
    }
  };
  const best = (make: (byte: number) => number[], bytes: number[]): number | null => {
    let chosen: { byte: number; score: number } | null = null;
    for (const byte of bytes) {
      const text = decodeAll(make(byte));
      if (text !== null && (chosen === null || score(text) > chosen.score)) chosen = { byte, score: score(text) };
    }
    return chosen?.byte ?? null;
  };
  const leads = range(0x81, 0xfe);
  if (trail !== null) {
    const lead = best((b) => [b, ...pairs, trail], leads);
    return lead === null ? null : decodeAll([lead, ...pairs, trail]);
  }
  // Both ends lost: the lead byte only shapes the first character and the trail byte the last one,
  // so each is chosen with the other held at a provisional value.
  const trails = [...range(0x40, 0x7e), ...range(0x80, 0xfe)];
  for (const provisional of trails) {
    const lead = best((b) => [b, ...pairs, provisional], leads);
    if (lead === null) continue;
    const end = best((b) => [lead, ...pairs, b], trails);
    if (end !== null) return decodeAll([lead, ...pairs, end]);
  }
  return null;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A later step narrowed full-width forms (！ → !): widen ASCII punctuation back. */
function widen(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c === 0x20) return '\u3000';
  if (c > 0x20 && c < 0x7f) return String.fromCodePoint(c + 0xfee0);
  return ch;
}

function isPlausibleChar(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (isPrivateUse(ch) || c === 0xfffd || c < 0x20) return false;
  return isHan(ch) || (c >= 0x3000 && c <= 0x303f) || (c >= 0x2010 && c <= 0x2027) || (c >= 0xff01 && c <= 0xff5e);
}
