/**
 * normalize: bytes → NormalizedSource. Pure and per file: decoding, repair of conversion damage,
 * Traditional → Simplified, punctuation and spacing (clean.ts), then the page's structure: title block,
 * body, and the furniture around it, with the metadata it holds (structure.ts).
 * Never throws on bad input: a file that cannot be decoded comes back with an error message and no body.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { charFrequencies } from './chars.js';
import { cleanLines, splitLines } from './clean.js';
import { decode } from './encoding.js';
import { analysePage, type PageLine } from './structure.js';
import type { NormalizedSource, Repair, SourceMeta } from './types.js';

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
  try {
    return normalizeOrThrow(input);
  } catch (error) {
    // A bug must not take the other articles down: report it against this file.
    return failed(input.file, [diagnostic('error', 'normalize', 'normalize-failed', `Unexpected failure while normalizing: ${(error as Error).message}`, { file: input.file })]);
  }
}

function failed(file: string, messages: Diagnostic[]): NormalizedSource {
  return { file, encoding: 'unknown', script: 'hans', meta: emptyMeta(), lines: [], discarded: [], repairs: [], messages, lineCount: 0 };
}

function normalizeOrThrow(input: NormalizeInput): NormalizedSource {
  const decoded = decode(input.bytes);
  if (!decoded.ok) {
    return failed(input.file, [
      diagnostic('error', 'normalize', 'encoding-invalid-bytes', `${decoded.message} (line ${decoded.line})`, { file: input.file, line: decoded.line }),
    ]);
  }
  const raw = splitLines(decoded.text);
  const { script, lines: cleanedLines } = cleanLines(raw, charFrequencies(decoded.text));
  const repairs: Repair[] = [];
  const messages: Diagnostic[] = [];
  const page: PageLine[] = [];
  raw.forEach((text, index) => {
    const line = index + 1;
    const cleaned = cleanedLines[index]!;
    for (const r of cleaned.repairs) repairs.push({ line, ...r });
    for (const run of cleaned.unresolved) {
      messages.push(
        diagnostic('warning', 'normalize', 'gbk-misalignment-unresolved', `Unexpected damaged text \`${run}\`, expected a run that re-decodes as GBK; left as it was`, { file: input.file, line }),
      );
    }
    if (cleaned.text !== '') page.push({ line, raw: text, text: cleaned.text });
  });
  const structure = analysePage(page);
  if (structure.meta.title === null) {
    messages.push(diagnostic('warning', 'normalize', 'title-missing', 'Unexpected page without a title line, expected a headline above the text; set `title` in compendium.yaml', { file: input.file }));
  }
  if (structure.body.length === 0) {
    messages.push(diagnostic('warning', 'normalize', 'body-empty', 'Unexpected page without article text, expected paragraphs of prose', { file: input.file }));
  }
  return {
    file: input.file,
    encoding: decoded.encoding,
    script,
    meta: structure.meta,
    lines: structure.body.map((l) => ({ line: l.line, text: l.text })),
    discarded: structure.discarded,
    repairs,
    messages,
    lineCount: raw.length,
  };
}
