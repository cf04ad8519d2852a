/**
 * The build report (`OUT/report.json`): per source file, what was discarded and repaired and why, and
 * every message; plus the book-wide messages (corpus, glossary, enrich, renderers).
 */
import type { Diagnostic } from './diagnostics.js';
import type { Discarded, Repair } from './normalize/types.js';

export interface FileReport {
  file: string;
  encoding: string;
  script: string;
  discarded: Discarded[];
  repairs: Repair[];
  messages: Diagnostic[];
}

export interface BuildReport {
  irVersion: number;
  files: FileReport[];
  messages: Diagnostic[];
}

export function allMessages(report: BuildReport): Diagnostic[] {
  return [...report.files.flatMap((f) => f.messages), ...report.messages];
}
