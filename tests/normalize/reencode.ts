/**
 * Re-encodings of a source text for the encoding tests: GB18030, UTF-8 with BOM and CRLF, UTF-16LE
 * with BOM, and Big5 after conversion to Traditional.
 *
 * Big5 cannot hold every character (Simplified-only forms opencc leaves alone, private-use characters
 * of damaged text, tone-marked pinyin letters, some symbols). Those are written as numeric character
 * references (`&#x7EC6;`), the way browsers submit form text and Python's `xmlcharrefreplace` encode
 * it; normalize decodes references to non-ASCII characters, so the text survives the trip.
 */
import iconv from 'iconv-lite';
import { toTraditional } from '../../pipeline/script.js';

export function encodeGb18030(text: string): Uint8Array {
  return iconv.encode(text, 'gb18030');
}

export function encodeUtf8BomCrlf(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8')]);
}

export function encodeUtf16le(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

const big5Decoder = new TextDecoder('big5');

/** Characters Big5 cannot hold become numeric character references. */
export function encodeBig5(text: string): { bytes: Uint8Array; references: number } {
  const parts: Buffer[] = [];
  let references = 0;
  for (const ch of text) {
    const bytes = iconv.encode(ch, 'big5');
    // Checked with the decoder normalize uses (WHATWG Big5), not only iconv-lite's own table.
    if (big5Decoder.decode(bytes) === ch) parts.push(bytes);
    else {
      parts.push(Buffer.from(`&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`, 'ascii'));
      references++;
    }
  }
  return { bytes: Buffer.concat(parts), references };
}

export function traditionalBig5(text: string): { bytes: Uint8Array; references: number } {
  return encodeBig5(toTraditional(text));
}
