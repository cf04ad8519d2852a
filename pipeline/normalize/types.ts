/**
 * What normalize hands to segment: the cleaned body lines, each with its original line number, the
 * metadata found in the page, and the full record of what was removed or changed (the build report).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Script } from '../ir.js';

export interface SourceLine {
  /** 1-based line number in the original file. */
  line: number;
  /** Cleaned text: repaired, Simplified, full-width punctuation, trimmed. Never empty. */
  text: string;
}

export interface Discarded {
  line: number;
  /** The original line as it was in the source (decoded). */
  text: string;
  /** Rule that took the line out of the body (also for lines taken as metadata, e.g. `meta-date`). */
  rule: string;
}

export interface Repair {
  line: number;
  rule: string;
  before: string;
  after: string;
}

export interface SourceMeta {
  title: string | null;
  subtitle: string | null;
  author: string | null;
  source: string | null;
  date: string | null;
  editors: string[];
  keywords: string[];
  /** Line of the title in the source, for positions and messages. */
  titleLine: number | null;
}

export interface NormalizedSource {
  file: string;
  encoding: string;
  script: Script;
  meta: SourceMeta;
  /** Body lines in order, blank lines dropped. */
  lines: SourceLine[];
  discarded: Discarded[];
  repairs: Repair[];
  messages: Diagnostic[];
  /** Number of lines in the source, for the article's position. */
  lineCount: number;
}
