/**
 * HTML character references left in scraped text (`&nbsp;`, `&ldquo;`, `&#x8BF7;`). Only references to
 * non-ASCII characters are decoded: decoding `&amp;lt;` or `&#38;` would make new references, so a
 * second pass would change the text again (normalizing must be idempotent). `&amp; &lt; &gt; &quot;`
 * therefore stay as written. This is also how text survives a legacy encoding that cannot hold a
 * character: browsers and `xmlcharrefreplace` write it as a numeric reference.
 */

import { isRemoved } from '../controls.js';

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•', laquo: '«', raquo: '»', times: '×', divide: '÷',
  copy: '©', reg: '®', deg: '°', yen: '¥', sect: '§', para: '¶',
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

export function decodeCharacterReferences(line: string): string {
  if (!line.includes('&')) return line;
  return line.replace(REFERENCE, (whole: string, dec?: string, hex?: string, name?: string) => {
    let ch: string | undefined;
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
      // References to characters cleaning removes (controls, bidi) stay as written: decoded, they would be removed unseen.
      if (code > 0x7f && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) && !isRemoved(String.fromCodePoint(code))) ch = String.fromCodePoint(code);
    } else if (name !== undefined) {
      ch = NAMED[name];
    }
    return ch ?? whole;
  });
}
