/**
 * The build: corpus → normalize → segment (per file) → enrich (whole book) → ir.json, report.json →
 * edition → renderers → outputs written atomically. One bad article loses only its own output.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readCorpus, type Corpus, type SourceFile, type ArticleOverrides } from './corpus.js';
import { diagnostic, formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { toEdition } from './edition.js';
import { enrich } from './enrich/index.js';
import { IR_VERSION, type Article, type BookMeta, type Root, type Script } from './ir.js';
import { normalize } from './normalize/index.js';
import { writeAtomic } from './output.js';
import { silentProgress, type Progress } from './progress.js';
import { renderers, type Format, type OutputFile, type RenderOptions } from './render/index.js';
import type { BuildReport, FileReport } from './report.js';
import { segment } from './segment.js';

export interface BuildOptions {
  corpusDir: string;
  outDir: string;
  formats: Format[];
  /** Script of the publications: the IR is always Simplified; `hant` renders a Traditional edition. */
  script: Script;
  /** Treat warnings as errors for the exit status. */
  strict: boolean;
  templatesDir: string;
  /** From SOURCE_DATE_EPOCH; null to derive it from the sources. */
  sourceDateEpoch: number | null;
  pageSize: string;
  impose: 'booklet' | null;
  progress?: Progress;
  /** Called once per message as it is raised (the CLI prints them). */
  onMessage?: (d: Diagnostic) => void;
}

export interface BuildResult {
  root: Root;
  report: BuildReport;
  outputs: string[];
  errors: number;
  warnings: number;
}

export const DEFAULT_BOOK_TITLE = '学习文章汇编';

export async function build(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? silentProgress;
  const bookMessages: Diagnostic[] = [];
  const emit = (d: Diagnostic, into: Diagnostic[]): void => {
    into.push(d);
    options.onMessage?.(d);
  };

  const corpus = await readCorpus(options.corpusDir);
  for (const d of corpus.messages) options.onMessage?.(d);
  bookMessages.push(...corpus.messages);

  progress.stage('normalize + segment', corpus.files.length);
  const articles: Article[] = [];
  const files: FileReport[] = [];
  for (const source of corpus.files) {
    progress.item(source.file);
    const { article, report } = processArticle(source, corpus.book.overrides[source.file] ?? {});
    for (const d of report.messages) options.onMessage?.(d);
    files.push(report);
    if (article) articles.push(article);
  }

  progress.stage('enrich');
  const epoch = options.sourceDateEpoch ?? epochFromArticles(articles);
  const draft: Root = {
    type: 'root',
    id: 'root',
    irVersion: IR_VERSION,
    data: { book: bookMeta(corpus, articles, options.sourceDateEpoch), script: 'hans', lang: 'zh-CN', glossary: [], documents: [], events: [] },
    children: articles,
  };
  const enriched = enrich(draft, corpus.glossary);
  for (const d of enriched.messages) emit(d, bookMessages);
  const root = enriched.root;

  const report: BuildReport = { irVersion: IR_VERSION, files, messages: bookMessages };
  const outputs: string[] = [];
  const write = async (file: OutputFile): Promise<void> => {
    await writeAtomic(join(options.outDir, ...file.path.split('/')), file.data);
    outputs.push(file.path);
  };
  await write({ path: 'ir.json', data: JSON.stringify(root, null, 1) + '\n' });

  const edition = toEdition(root, options.script);
  const renderOptions: RenderOptions = {
    templatesDir: options.templatesDir,
    sourceDateEpoch: epoch,
    pageSize: options.pageSize,
    impose: options.impose,
  };
  for (const format of options.formats) {
    const renderer = renderers[format];
    if (!renderer) {
      emit(diagnostic('error', 'build', 'format-unavailable', `Unexpected format \`${format}\`, expected one of ${Object.keys(renderers).join(', ') || '(none yet)'}`), bookMessages);
      continue;
    }
    progress.stage(`render ${format}`);
    try {
      for (const file of await renderer(edition, { options: renderOptions, report: (d) => emit(d, bookMessages) })) await write(file);
    } catch (error) {
      emit(diagnostic('error', `render:${format}`, 'render-failed', `Unexpected failure while rendering ${format}: ${(error as Error).message}`), bookMessages);
    }
  }

  await write({ path: 'report.json', data: JSON.stringify(report, null, 1) + '\n' });
  const all = [...files.flatMap((f) => f.messages), ...bookMessages];
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  progress.done();
  return { root, report, outputs, errors, warnings };
}

/** normalize + segment for one file: the unit the cache stores. */
export function processArticle(source: SourceFile, overrides: ArticleOverrides): { article: Article | null; report: FileReport } {
  const normalized = normalize({ file: source.file, bytes: source.bytes });
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
    return { article: segment(normalized, overrides), report };
  } catch (error) {
    report.messages.push(diagnostic('error', 'segment', 'segment-failed', `Unexpected failure: ${(error as Error).message}`, { file: source.file }));
    return { article: null, report };
  }
}

function bookMeta(corpus: Corpus, articles: Article[], sourceDateEpoch: number | null): BookMeta {
  const title = corpus.book.title ?? DEFAULT_BOOK_TITLE;
  const date = corpus.book.date ?? (sourceDateEpoch !== null ? isoDate(sourceDateEpoch) : newestDate(articles));
  return {
    title,
    subtitle: corpus.book.subtitle,
    compiler: corpus.book.compiler,
    date,
    identifier: stableUuid([title, corpus.book.subtitle ?? '', corpus.book.compiler ?? ''].join('\u0000')),
  };
}

function newestDate(articles: Article[]): string | null {
  const dates = articles.map((a) => a.data.date).filter((d): d is string => d !== null).sort();
  return dates.at(-1) ?? null;
}

/** Without SOURCE_DATE_EPOCH, timestamps come from the sources (the newest article date), never the clock. */
function epochFromArticles(articles: Article[]): number {
  const date = newestDate(articles);
  return date === null ? 0 : Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000);
}

export function isoDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}

/** A name-based UUID (version 5 layout over SHA-256), so the same book always gets the same id. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export { formatDiagnostic };
