/**
 * Is this file text at all? Known binary formats are recognised by their signature (a PDF or a Word
 * document dropped into the folder by mistake); other binary data by its NUL bytes, which text in the
 * encodings the pipeline reads never holds (UTF-16 is recognised by its byte order mark first).
 */

const SIGNATURES: Array<[string, number[]]> = [
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP archive (or .docx, .xlsx or EPUB file)', [0x50, 0x4b, 0x03, 0x04]],
  ['Word or Excel document', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['gzip archive', [0x1f, 0x8b]],
  ['RTF document', [0x7b, 0x5c, 0x72, 0x74, 0x66]],
];

/** Share of NUL bytes above which a file without a UTF-16 byte order mark is binary data. */
const NUL_SHARE = 0.1;

/** What kind of binary file `bytes` is, or null for text. */
export function binaryKind(bytes: Uint8Array): string | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return null;
  for (const [kind, signature] of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return kind;
  }
  const sample = bytes.subarray(0, 64 * 1024);
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  return nul > 0 && nul / sample.length > NUL_SHARE ? 'binary data' : null;
}
