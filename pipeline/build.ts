/**
 * The build: corpus → normalize → segment (per file, cached by content) → enrich (whole book, cached) →
 * ir.json, report.json → edition → renderers (skipped when their inputs are unchanged) → outputs written
 * atomically. One bad article loses only its own output; a book-level error (a broken YAML file) renders
 * nothing and keeps the previous outputs.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readCorpus, type ArticleOverrides, type Corpus, type SourceFile } from './corpus.js';
import { hashOf, openCache, pipelineFingerprint, type Cache } from './cache.js';
import { diagnostic, formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { toEdition } from './edition.js';
import { enrich } from './enrich/index.js';
import { IR_VERSION, type Article, type BookMeta, type Root, type Script } from './ir.js';
import { normalize } from './normalize/index.js';
import {
  readManifest,
  removeOrphans,
  removeStaleTemporaries,
  sha256,
  upToDate,
  writeIfChanged,
  writeManifest,
  type FormatRecord,
} from './output.js';
import { silentProgress, type Progress } from './progress.js';
import { renderers, type Format, type RenderOptions } from './render/index.js';
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
  /** Folder of the content-addressed cache; null for --no-cache (everything runs, nothing is stored). */
  cacheDir: string | null;
  progress?: Progress;
  /** Called once per message as it is raised (the CLI prints them). */
  onMessage?: (d: Diagnostic) => void;
}

/** What ran and what was reused: the proof that a no-op rebuild did no work. */
export interface BuildWork {
  articlesProcessed: string[];
  articlesReused: number;
  enrich: 'ran' | 'reused';
  rendered: Format[];
  renderReused: Format[];
  corruptCacheEntries: number;
}

export interface BuildResult {
  root: Root;
  report: BuildReport;
  /** Output files written or confirmed up to date, relative to the output folder. */
  outputs: string[];
  work: BuildWork;
  errors: number;
  warnings: number;
}

export const DEFAULT_BOOK_TITLE = '学习文章汇编';

export async function build(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? silentProgress;
  const bookMessages: Diagnostic[] = [];
  const emit = (d: Diagnostic): void => {
    bookMessages.push(d);
    options.onMessage?.(d);
  };
  const cache = openCache(options.cacheDir);
  const fingerprint = pipelineFingerprint();
  const work: BuildWork = { articlesProcessed: [], articlesReused: 0, enrich: 'reused', rendered: [], renderReused: [], corruptCacheEntries: 0 };

  const corpus = await readCorpus(options.corpusDir);
  corpus.messages.forEach(emit);

  progress.stage('normalize + segment', corpus.files.length);
  const articles: Article[] = [];
  const files: FileReport[] = [];
  const articleKeys: string[] = [];
  for (const source of corpus.files) {
    progress.item(source.file);
    const overrides = corpus.book.overrides[source.file] ?? {};
    const key = hashOf('article', fingerprint, source.file, source.bytes, JSON.stringify(overrides));
    articleKeys.push(key);
    let result = await cache.get<ArticleResult>('article', key);
    if (result) work.articlesReused++;
    else {
      result = processArticle(source, overrides);
      work.articlesProcessed.push(source.file);
      await cache.set('article', key, result);
    }
    for (const d of result.report.messages) options.onMessage?.(d);
    files.push(result.report);
    if (result.article) articles.push(result.article);
  }

  progress.stage('enrich');
  const book = bookMeta(corpus, articles, options.sourceDateEpoch);
  const enrichKey = hashOf('enrich', fingerprint, ...articleKeys, JSON.stringify(book), corpus.glossary?.text ?? '');
  let enriched = await cache.get<{ root: Root; messages: Diagnostic[] }>('enrich', enrichKey);
  if (!enriched) {
    const draft: Root = {
      type: 'root',
      id: 'root',
      irVersion: IR_VERSION,
      data: { book, script: 'hans', lang: 'zh-CN', glossary: [], documents: [], events: [] },
      children: articles,
    };
    enriched = enrich(draft, corpus.glossary);
    work.enrich = 'ran';
    await cache.set('enrich', enrichKey, enriched);
  }
  enriched.messages.forEach(emit);
  const root = enriched.root;

  const report: BuildReport = { irVersion: IR_VERSION, files, messages: bookMessages };
  await removeStaleTemporaries(options.outDir);
  const outputs = ['ir.json'];
  await writeIfChanged(join(options.outDir, 'ir.json'), JSON.stringify(root, null, 1) + '\n');

  if (bookMessages.some((d) => d.severity === 'error')) {
    emit(diagnostic('error', 'build', 'outputs-kept', 'Unexpected book-level errors, expected a clean corpus and glossary: publications not rendered, previous outputs kept'));
  } else {
    await renderAll(root, options, fingerprint, work, outputs, emit, progress);
  }

  work.corruptCacheEntries = Object.values(cache.stats).reduce((n, s) => n + s.corrupt, 0);
  if (work.corruptCacheEntries > 0) {
    emit(diagnostic('info', 'build', 'cache-corrupt', `Unexpected ${work.corruptCacheEntries} damaged cache entr${work.corruptCacheEntries === 1 ? 'y' : 'ies'}, expected intact ones: rebuilt them`));
  }
  await writeIfChanged(join(options.outDir, 'report.json'), JSON.stringify(report, null, 1) + '\n');
  outputs.push('report.json');
  const all = [...files.flatMap((f) => f.messages), ...bookMessages];
  progress.done();
  return {
    root,
    report,
    outputs,
    work,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
  };
}

async function renderAll(
  root: Root,
  options: BuildOptions,
  fingerprint: string,
  work: BuildWork,
  outputs: string[],
  emit: (d: Diagnostic) => void,
  progress: Progress,
): Promise<void> {
  const edition = toEdition(root, options.script);
  const renderOptions: RenderOptions = {
    templatesDir: options.templatesDir,
    sourceDateEpoch: options.sourceDateEpoch ?? epochFromArticles(root.children),
    pageSize: options.pageSize,
    impose: options.impose,
  };
  const editionJson = JSON.stringify(edition);
  const templates = await hashFolder(options.templatesDir);
  const manifest = await readManifest(options.outDir);
  for (const format of options.formats) {
    const renderer = renderers[format];
    if (!renderer) {
      emit(diagnostic('error', 'build', 'format-unavailable', `Unexpected format \`${format}\`, expected one of ${Object.keys(renderers).join(', ') || '(none yet)'}`));
      continue;
    }
    const { templatesDir: _dir, ...keyedOptions } = renderOptions;
    const key = hashOf('render', fingerprint, format, editionJson, JSON.stringify(keyedOptions), templates);
    const before = manifest.formats[format];
    if (await upToDate(options.outDir, before, key)) {
      work.renderReused.push(format);
      outputs.push(...Object.keys(before!.files));
      continue;
    }
    progress.stage(`render ${format}`);
    try {
      const record: FormatRecord = { key, files: {} };
      for (const file of await renderer(edition, { options: renderOptions, report: emit })) {
        await writeIfChanged(join(options.outDir, ...file.path.split('/')), file.data);
        record.files[file.path] = sha256(file.data);
        outputs.push(file.path);
      }
      await removeOrphans(options.outDir, before, record);
      manifest.formats[format] = record;
      await writeManifest(options.outDir, manifest);
      work.rendered.push(format);
    } catch (error) {
      emit(diagnostic('error', `render:${format}`, 'render-failed', `Unexpected failure while rendering ${format}: ${(error as Error).message}`));
    }
  }
}

interface ArticleResult {
  article: Article | null;
  report: FileReport;
}

/** normalize + segment for one file: the unit the cache stores. */
export function processArticle(source: SourceFile, overrides: ArticleOverrides): ArticleResult {
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

/** Hash of every file under a folder (names and bytes), so a template edit re-renders. */
async function hashFolder(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  const parts: Array<string | Uint8Array> = [];
  for (const file of files) parts.push(relative(dir, file), await readFile(file));
  return hashOf('templates', ...parts);
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
  const h = sha256(name);
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export { formatDiagnostic };
