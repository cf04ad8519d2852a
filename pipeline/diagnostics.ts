/**
 * One shape for every message of the build, in the vfile-message way: where (file, line, column), which
 * rule, how bad, and a message phrased “Unexpected X, expected Y” where that fits. Messages are collected
 * into the build report and printed to the terminal; nothing is thrown past a stage boundary except
 * `BuildError`, which carries a Diagnostic.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Path relative to the corpus (or the YAML file name); null for book-wide messages. */
  file: string | null;
  line: number | null;
  column: number | null;
  /** Stage that raised it: normalize, segment, enrich, corpus, render:pdf, … */
  source: string;
  /** Stable rule id, e.g. `encoding-invalid-bytes`, `glossary-duplicate-term`. */
  ruleId: string;
  severity: Severity;
  message: string;
}

export interface Place {
  file?: string | null;
  line?: number | null;
  column?: number | null;
}

export function diagnostic(
  severity: Severity,
  source: string,
  ruleId: string,
  message: string,
  place: Place = {},
): Diagnostic {
  return {
    file: place.file ?? null,
    line: place.line ?? null,
    column: place.column ?? null,
    source,
    ruleId,
    severity,
    message,
  };
}

/** An error that stops the work of one file (or, with no file, of the whole build). */
export class BuildError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(d: Diagnostic) {
    super(formatDiagnostic(d));
    this.name = 'BuildError';
    this.diagnostic = d;
  }
}

export function fail(source: string, ruleId: string, message: string, place: Place = {}): never {
  throw new BuildError(diagnostic('error', source, ruleId, message, place));
}

/**
 * `file:line:column: severity message [source/rule]`, the way compilers print it. Control and
 * bidirectional characters (from file names or quoted corpus text) are shown as `\u{…}`, so a message
 * can neither drive the terminal nor display reordered.
 */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file ?? '<book>';
  if (d.line !== null) where += `:${d.line}`;
  if (d.line !== null && d.column !== null) where += `:${d.column}`;
  return visible(`${where}: ${d.severity} ${d.message} [${d.source}/${d.ruleId}]`);
}

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

/** `text` with control and bidi characters written as `\u{…}`: safe to print on a terminal. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

export function countBySeverity(list: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}
