/**
 * normalize: bytes → NormalizedSource. Pure and per file: decoding, repair of conversion damage,
 * Traditional → Simplified, punctuation and spacing (clean.ts), then the page's structure: title block,
 * body, and the furniture around it, with the metadata it holds (structure.ts).
 * Never throws on bad input: a file that cannot be decoded comes back with an error message and no body.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { charFrequencies } from './chars.js';
import { cleanLines, REPAIR_RULES, splitLines } from './clean.js';
import { codePoint, findBidiControls, findControlCharacters, removeBidiControls, removeControlCharacters } from './controls.js';
import { decode } from './encoding.js';
import { binaryKind } from './sniff.js';
import { unbalancedPair } from './brackets.js';
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
  const file = input.file;
  const binary = binaryKind(input.bytes);
  if (binary !== null) {
    return failed(file, [diagnostic('error', 'normalize', 'file-binary', `Unexpected ${binary}, expected a plain-text article; the file is left out`, { file })]);
  }
  const decoded = decode(input.bytes);
  if (!decoded.ok) {
    return failed(file, [diagnostic('error', 'normalize', 'encoding-invalid-bytes', decoded.message, { file, line: decoded.line, column: decoded.column })]);
  }
  // Blank once the invisible characters are gone too (a file of NUL bytes and spaces is empty).
  if (removeBidiControls(removeControlCharacters(decoded.text)).trim() === '') {
    return failed(file, [diagnostic('error', 'normalize', 'file-empty', 'Unexpected empty file, expected the text of an article; the file is left out', { file })]);
  }
  const messages: Diagnostic[] = [];
  if (decoded.mixed) {
    const { legacy, legacyLines } = decoded.mixed;
    messages.push(
      diagnostic('warning', 'normalize', 'encoding-mixed', `Unexpected ${legacy.toUpperCase()} text on ${legacyLines.length} line(s) of a UTF-8 file (the first here), expected one encoding per file; each line was decoded in its own encoding — save the file as UTF-8`, { file, line: legacyLines[0]! }),
    );
  }
  const raw = splitLines(decoded.text);
  const { script, lines: cleanedLines } = cleanLines(raw, charFrequencies(decoded.text));
  const repairs: Repair[] = [];
  const page: PageLine[] = [];
  raw.forEach((text, index) => {
    const line = index + 1;
    const cleaned = cleanedLines[index]!;
    for (const r of cleaned.repairs) repairs.push({ line, ...r });
    messages.push(...invisibleCharacters(file, line, text, cleaned.repairs));
    for (const run of cleaned.unresolved) {
      messages.push(
        diagnostic('warning', 'normalize', 'gbk-misalignment-unresolved', `Unexpected damaged text \`${run}\`, expected a run that re-decodes as GBK; left as it was`, { file: input.file, line }),
      );
    }
    if (cleaned.text !== '') page.push({ line, raw: text, text: cleaned.text });
  });
  const structure = analysePage(page);
  for (const body of structure.body) {
    const open = unbalancedPair(body.text);
    if (open === null) continue;
    const rawLine = raw[body.line - 1]!;
    const column = nthIndex(rawLine, open.char, open.occurrence);
    messages.push(
      diagnostic('warning', 'normalize', 'unbalanced-brackets', `Unexpected ${open.problem} \`${open.char}\`, expected ${open.expected}; sentences of this paragraph are not split inside it`, { file, line: body.line, column }),
    );
  }
  if (structure.meta.title === null) {
    messages.push(diagnostic('warning', 'normalize', 'title-missing', 'Unexpected page without a title line, expected a headline above the text; set `title` in compendium.yaml', { file: input.file }));
  }
  if (structure.body.length === 0) {
    messages.push(diagnostic('warning', 'normalize', 'body-empty', 'Unexpected page without article text, expected paragraphs of prose', { file: input.file }));
  }
  return {
    file,
    encoding: decoded.mixed ? `utf-8+${decoded.mixed.legacy}` : decoded.encoding,
    script,
    meta: structure.meta,
    lines: structure.body.map((l) => ({ line: l.line, text: l.text })),
    discarded: structure.discarded,
    repairs,
    messages,
    lineCount: raw.length,
  };
}

/** Warnings for control and bidirectional characters removed from one line (the repairs say what changed). */
function invisibleCharacters(file: string, line: number, raw: string, repairs: readonly { rule: string }[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kinds = [
    { rule: REPAIR_RULES.controlCharacters, find: findControlCharacters, what: 'control character', why: 'printable text' },
    { rule: REPAIR_RULES.bidiControl, find: findBidiControls, what: 'bidirectional control', why: 'text that displays in the order it is stored' },
  ];
  for (const kind of kinds) {
    if (!repairs.some((r) => r.rule === kind.rule)) continue;
    const found = kind.find(raw);
    const which = found ? `${codePoint(found.first)}${found.count > 1 ? ` (and ${found.count - 1} more)` : ''}` : '';
    out.push(diagnostic('warning', 'normalize', kind.rule, `Unexpected ${kind.what} ${which}, expected ${kind.why}; removed`.replace('  ', ' '), { file, line, column: found?.column ?? null }));
  }
  return out;
}

/** 1-based column (in characters) of the `n`-th (0-based) `ch` in `text`, or null. */
function nthIndex(text: string, ch: string, n: number): number | null {
  const chars = [...text];
  let seen = 0;
  for (const [i, c] of chars.entries()) {
    if (c === ch && seen++ === n) return i + 1;
  }
  return null;
}
