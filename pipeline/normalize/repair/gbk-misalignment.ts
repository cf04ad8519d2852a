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
 * scored by how often its characters occur in the rest of the document. A run whose text shows no
 * damage (no private-use character, no otherwise unseen character) is never touched, so an ordinary
 * `?` stays a question mark.
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
  /** Damaged-looking runs that no candidate restored, left as they were. */
  unresolved: Array<{ index: number; run: string }>;
}

/** The longest run (in characters) between the lost byte and the resynchronising ASCII byte. */
const MAX_RUN = 40;

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
      if (found === 'damaged') {
        unresolved.push({ index: offset, run: chars.slice(i, Math.min(chars.length, i + MAX_RUN)).join('') });
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
 * Try to restore the run after the `?` at `at`. Returns the restored text and the index of the last
 * character it replaces, `'damaged'` when the run looks damaged but nothing restores it, or null.
 */
function restoreAt(chars: string[], at: number, frequencies: ReadonlyMap<string, number>): { text: string; end: number } | 'damaged' | null {
  const limit = Math.min(chars.length, at + 1 + MAX_RUN);
  let sawNonAscii = false;
  for (let end = at + 1; end < limit; end++) {
    const ch = chars[end]!;
    const code = ch.codePointAt(0)!;
    if (code >= 0x80) {
      sawNonAscii = true;
      continue;
    }
    // An ASCII character ends the run only as a trail byte (0x40–0x7E), after a non-ASCII character.
    if (!sawNonAscii || code < 0x40 || code > 0x7e) continue;
    const run = chars.slice(at + 1, end + 1);
    if (!looksDamaged(run.slice(0, -1), frequencies)) return null;
    const restored = bestCandidate(run, frequencies);
    if (restored !== null) return { text: restored, end };
  }
  const tail = chars.slice(at + 1, limit);
  return sawNonAscii && looksDamaged(tail.filter((c) => c.codePointAt(0)! >= 0x80), frequencies) ? 'damaged' : null;
}

/** Misaligned bytes decode to private-use characters or to rare characters the text uses nowhere else. */
function looksDamaged(run: string[], frequencies: ReadonlyMap<string, number>): boolean {
  if (run.some(isPrivateUse)) return true;
  const han = run.filter((c) => isHan(c));
  return han.length > 0 && han.every((c) => (frequencies.get(c) ?? 0) <= 1);
}

function bestCandidate(run: string[], frequencies: ReadonlyMap<string, number>): string | null {
  const body = run.slice(0, -1).map(widen);
  const trail = run.at(-1)!.charCodeAt(0);
  const pairs: number[] = [];
  for (const ch of body) {
    const bytes = iconv.encode(ch, 'gbk');
    // Every character of a misaligned run is a GBK double-byte pair; anything else is not this damage.
    if (bytes.length !== 2 || bytes[0]! < 0x81 || iconv.decode(bytes, 'gbk') !== ch) return null;
    pairs.push(bytes[0]!, bytes[1]!);
  }
  let best: { text: string; score: number } | null = null;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    let text: string;
    try {
      text = gbkDecoder.decode(Uint8Array.from([lead, ...pairs, trail]));
    } catch {
      continue;
    }
    const restored = [...text];
    if (restored.length !== body.length + 1 || !restored.every(isPlausibleChar)) continue;
    const score = restored.reduce((sum, c) => sum + Math.log1p(frequencies.get(c) ?? 0), 0);
    if (best === null || score > best.score) best = { text, score };
  }
  return best?.text ?? null;
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
