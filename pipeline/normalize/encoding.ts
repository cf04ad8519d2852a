/**
 * Bytes → text. A byte order mark decides first (UTF-8, UTF-16LE/BE); then strict UTF-8; then the
 * legacy Chinese encodings GB18030 (a superset of GBK and GB2312) and Big5, ranked by chardet and
 * confirmed by a strict decode. Bytes that decode in no candidate are an error naming the byte offset
 * and line — never silent U+FFFD.
 */
import { analyse } from 'chardet';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type DecodeResult =
  | { ok: true; text: string; encoding: Encoding; bom: boolean; mixed?: MixedLines }
  | { ok: false; offset: number; line: number; column: number | null; message: string };

/** A file whose lines are partly UTF-8 and partly in a legacy encoding, decoded line by line. */
export interface MixedLines {
  legacy: Legacy;
  /** 1-based numbers of the lines decoded in the legacy encoding. */
  legacyLines: number[];
}

type Legacy = 'gb18030' | 'big5';
const LEGACY: Legacy[] = ['gb18030', 'big5'];

export function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return strict(bytes.subarray(3), 'utf-8', true, 3);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return strict(bytes.subarray(2), 'utf-16le', true, 2);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return strict(bytes.subarray(2), 'utf-16be', true, 2);

  const utf8Error = firstInvalidUtf8(bytes);
  if (utf8Error === -1) return { ok: true, text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', bom: false };

  const legacy = decodeLegacy(bytes);
  if (legacy !== null) return { ok: true, text: legacy.text, encoding: legacy.encoding, bom: false };
  const mixed = decodeMixed(bytes);
  if (mixed !== null) return mixed;
  return {
    ok: false,
    offset: utf8Error,
    line: lineAt(bytes, utf8Error),
    column: columnAt(bytes, utf8Error),
    message: `Unexpected byte 0x${hex(bytes[utf8Error]!)} at offset ${utf8Error}, expected text in UTF-8, UTF-16 with a byte order mark, GB18030 or Big5; the file is left out`,
  };
}

/** GB18030 or Big5, whichever decodes the bytes strictly with the more plausible text; null if neither. */
function decodeLegacy(bytes: Uint8Array): { encoding: Legacy; text: string } | null {
  const attempts: Array<{ encoding: Legacy; text: string }> = [];
  for (const encoding of rankLegacy(bytes)) {
    // Node's Big5 decoder skips some invalid bytes even when fatal, so check the byte structure too.
    if (firstInvalidDoubleByte(bytes, encoding) !== -1) continue;
    try {
      attempts.push({ encoding, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) });
    } catch {
      // not this one
    }
  }
  // Both may decode: prefer the one with fewer rare or private-use characters.
  attempts.sort((a, b) => oddness(a.text) - oddness(b.text));
  return attempts[0] ?? null;
}

/**
 * A file pasted together from sources in different encodings: valid UTF-8 lines with Chinese text, and
 * lines that are not UTF-8 but decode, together, in one legacy encoding. Each line is decoded in its own.
 * Only tried when the file as a whole decodes in no encoding, so a consistent file never comes here.
 */
function decodeMixed(bytes: Uint8Array): DecodeResult | null {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  const isUtf8 = lines.map((line) => firstInvalidUtf8(line) === -1);
  const utf8Han = lines.filter((line, i) => isUtf8[i] && /\p{Script=Han}.*\p{Script=Han}/u.test(new TextDecoder().decode(line))).length;
  const legacyIndexes = lines.flatMap((_, i) => (isUtf8[i] ? [] : [i]));
  if (utf8Han === 0 || legacyIndexes.length === 0) return null;
  const legacy = decodeLegacy(joinLines(legacyIndexes.map((i) => lines[i]!)));
  if (legacy === null) return null;
  const legacyText = legacy.text.split('\n');
  let next = 0;
  const text = lines.map((line, i) => (isUtf8[i] ? new TextDecoder().decode(line) : legacyText[next++]!)).join('\n');
  return { ok: true, text, encoding: 'utf-8', bom: false, mixed: { legacy: legacy.encoding, legacyLines: legacyIndexes.map((i) => i + 1) } };
}

function joinLines(lines: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length + 1, 0) - 1);
  let at = 0;
  for (const [i, line] of lines.entries()) {
    out.set(line, at);
    at += line.length;
    if (i < lines.length - 1) out[at++] = 0x0a;
  }
  return out;
}

function strict(bytes: Uint8Array, encoding: Encoding, bom: boolean, skipped: number): DecodeResult {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), encoding, bom };
  } catch {
    const at = encoding === 'utf-8' ? firstInvalidUtf8(bytes) : firstInvalidUtf16(bytes, encoding === 'utf-16le');
    const offset = skipped + Math.max(at, 0);
    return {
      ok: false,
      offset,
      line: encoding === 'utf-8' ? lineAt(bytes, at) : lineAt16(bytes, at, encoding === 'utf-16le'),
      column: encoding === 'utf-8' ? columnAt(bytes, at) : null,
      message: `Unexpected bytes at offset ${offset}, expected valid ${encoding.toUpperCase()} after the byte order mark; the file is left out`,
    };
  }
}

function rankLegacy(bytes: Uint8Array): Legacy[] {
  const names = analyse(bytes).map((m) => m.name.toLowerCase());
  const score = (e: Legacy): number => {
    const i = names.findIndex((n) => (e === 'gb18030' ? n.startsWith('gb') : n === 'big5'));
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...LEGACY].sort((a, b) => score(a) - score(b));
}

/** How unlikely a decoded text is: private-use, replacement and control characters weigh most. */
function oddness(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd) n += 10;
    else if (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) n += 10;
    else if (c >= 0x3400 && c <= 0x4dbf) n += 3; // CJK extension A: rare in modern text
    else if (c > 0xffff) n += 3;
  }
  return n;
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Offset of the first byte that breaks the lead/trail structure of GB18030 or Big5, or -1.
 * GB18030: ASCII, lead 81–FE + trail 40–7E/80–FE, or four bytes 81–FE 30–39 81–FE 30–39.
 * Big5: ASCII, lead 81–FE + trail 40–7E/A1–FE.
 */
export function firstInvalidDoubleByte(bytes: Uint8Array, encoding: 'gb18030' | 'big5'): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) return i;
    const t = bytes[i + 1];
    if (t === undefined) return i;
    if (encoding === 'gb18030' && t >= 0x30 && t <= 0x39) {
      const t2 = bytes[i + 2];
      const t3 = bytes[i + 3];
      if (t2 === undefined || t3 === undefined || t2 < 0x81 || t2 > 0xfe || t3 < 0x30 || t3 > 0x39) return i;
      i += 4;
      continue;
    }
    const trailOk = encoding === 'gb18030' ? t >= 0x40 && t <= 0xfe && t !== 0x7f : (t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe);
    if (!trailOk) return i;
    i += 2;
  }
  return -1;
}

function firstInvalidUtf16(bytes: Uint8Array, little: boolean): number {
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const unit = little ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 3 < bytes.length ? (little ? bytes[i + 2]! | (bytes[i + 3]! << 8) : (bytes[i + 2]! << 8) | bytes[i + 3]!) : -1;
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return i;
  }
  return bytes.length % 2 === 1 ? bytes.length - 1 : 0;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** 1-based column, in characters, of the byte at `offset` (the line's start decoded leniently). */
function columnAt(bytes: Uint8Array, offset: number): number {
  let start = offset;
  while (start > 0 && bytes[start - 1] !== 0x0a) start--;
  return [...new TextDecoder('utf-8').decode(bytes.subarray(start, offset))].length + 1;
}

function lineAt16(bytes: Uint8Array, offset: number, little: boolean): number {
  let line = 1;
  for (let i = 0; i + 1 < offset && i + 1 < bytes.length; i += 2) {
    const unit = little ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if (unit === 0x0a) line++;
  }
  return line;
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0').toUpperCase();
}
