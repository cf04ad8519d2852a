/**
 * normalize + segment for one file: the per-article stages, pure, and the unit the build cache stores.
 * A module of its own so the build loads these stages (and their dictionaries) only when an article
 * must be processed.
 */
import type { ArticleOverrides, SourceFile } from './corpus.js';
import { diagnostic } from './diagnostics.js';
import type { Article } from './ir.js';
import { normalize } from './normalize/index.js';
import type { FileReport } from './report.js';
import { segment } from './segment.js';
import { Timings } from './timings.js';

export interface ArticleResult {
  article: Article | null;
  report: FileReport;
}

export function processArticle(source: SourceFile, overrides: ArticleOverrides, timings = new Timings()): ArticleResult {
  const normalized = timings.time('normalize', () => normalize({ file: source.file, bytes: source.bytes }));
  const report: FileReport = {
    file: source.file,
    encoding: normalized.encoding,
    script: normalized.script,
    discarded: normalized.discarded,
    repairs: normalized.repairs,
    messages: [...normalized.messages],
  };
  if (normalized.messages.some((d) => d.severity === 'error')) return { article: null, report };
  try {
    return { article: timings.time('segment', () => segment(normalized, overrides)), report };
  } catch (error) {
    report.messages.push(diagnostic('error', 'segment', 'segment-failed', `Unexpected failure: ${(error as Error).message}`, { file: source.file }));
    return { article: null, report };
  }
}
