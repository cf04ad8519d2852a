/**
 * The same article in other encodings gives the same IR (apart from the detected encoding and
 * script): GB18030, UTF-8 with BOM and CRLF line ends, UTF-16LE with BOM, and Big5 after conversion
 * to Traditional (characters Big5 cannot hold written as numeric character references: see
 * reencode.ts). Invalid bytes give an error naming the file, the byte offset and the line.
 */
import { describe, expect, it } from 'vitest';
import { normalize } from '../../pipeline/normalize/index.js';
import { comparable, process, seedBytes, seedFiles } from './helpers.js';
import { encodeGb18030, encodeUtf16le, encodeUtf8BomCrlf, traditionalBig5 } from './reencode.js';

describe.each(seedFiles())('seed %s re-encoded', (file) => {
  const text = seedBytes(file).toString('utf8');
  const original = process(file);

  it.each([
    ['gb18030', encodeGb18030],
    ['utf-8', encodeUtf8BomCrlf],
    ['utf-16le', encodeUtf16le],
  ] as const)('as %s gives the same IR', (encoding, encode) => {
    const { source, article } = process(file, encode(text));
    expect(source.encoding).toBe(encoding);
    expect(comparable(article)).toEqual(comparable(original.article));
    expect(source.discarded).toEqual(original.source.discarded.map((d) => ({ ...d })));
  });

  it('as Big5 after conversion to Traditional gives the same IR, read as Traditional', () => {
    const { bytes } = traditionalBig5(text);
    const { source, article } = process(file, bytes);
    expect(source.encoding).toBe('big5');
    expect(source.script).toBe('hant');
    expect(comparable(article)).toEqual(comparable(original.article));
  });
});

describe('undecodable bytes', () => {
  it('are an error naming the file, the byte offset and the line, never replacement characters', () => {
    const bytes = Buffer.concat([Buffer.from('标题\n第二行\n', 'utf8'), Buffer.from([0xff, 0xff, 0xff]), Buffer.from('\n尾行\n', 'utf8')]);
    const result = normalize({ file: 'sub/bad.txt', bytes });
    expect(result.lines).toEqual([]);
    expect(result.messages).toHaveLength(1);
    const [error] = result.messages;
    expect(error).toMatchObject({ severity: 'error', ruleId: 'encoding-invalid-bytes', file: 'sub/bad.txt', line: 3 });
    expect(error!.message).toContain(`offset ${Buffer.byteLength('标题\n第二行\n')}`);
    expect(error!.message).toMatch(/^Unexpected byte 0xFF/);
  });

  it('after a UTF-16 byte order mark name the offset too', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('行一\n', 'utf16le'), Buffer.from([0x00, 0xdc])]);
    const [error] = normalize({ file: 'u16.txt', bytes }).messages;
    expect(error).toMatchObject({ ruleId: 'encoding-invalid-bytes', file: 'u16.txt', line: 2 });
    expect(error!.message).toContain('offset 8');
  });
});
