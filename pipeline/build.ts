/**
 * The build: corpus → normalize → segment (per file, cached by content) → enrich (whole book) → ir.json,
 * report.json → edition → renderers (skipped when their inputs are unchanged; inside, units
 * such as pages reuse the cache through `memo`) → outputs written atomically. One bad article loses only
 * its own output; a book-level error (a broken YAML file) renders nothing and keeps the previous outputs.
 *
 * Every key is known before any work is done (hashes of bytes, overrides, options, the pipeline's code),
 * so a build whose keys all match the manifest of the previous one returns at once: nothing parsed,
 * nothing loaded, nothing rendered; and when only the IR's key matches (a template or an option
 * changed), the IR is read back from ir.json and only the renderers run.
 */
import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CACHE_LIMIT_BYTES, hashOf, openCache, pipelineFingerprint, type Cache } from './cache.js';
import { DEFAULT_MAX_FILE_BYTES, parseBookConfig, readCorpus, type BookConfig, type Corpus } from './corpus.js';
import { diagnostic, formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { toEdition } from './edition.js';
import type { PreparedArticle, RelatedMemo } from './enrich/index.js';
import { IR_VERSION, type Article, type BookMeta, type Root, type Script } from './ir.js';
import {
  fileRecords,
  keptFiles,
  readManifest,
  recordsMatch,
  removeOrphans,
  removeStaleTemporaries,
  writeAtomic,
  writeAtomicSync,
  writeManifest,
  writeOutputs,
  type FileStamp,
  type FormatRecord,
  type Manifest,
} from './output.js';
import { silentProgress, type Progress } from './progress.js';
import { contentDigestsOfOneBuild, digestsOfOneBuild, renderers, textDigest, type Format, type OutputFile, type RenderContext, type RenderOptions } from './render/index.js';
import type { BuildReport, FileReport } from './report.js';
import { parseStyleYaml, readStyleSource } from './render/pdf/style.js';
import { cacheMemo, cacheMemoText, cacheTables, oncePerBuild, SHARED_UNITS, type UnitCounts } from './render/memo.js';
import { heapLimitMb, startRenderThread, type EarlyWork, type RenderThread } from './render/thread.js';
import type { ArticleResult } from './process-article.js';
import { jsonPieces, jsonString, nested, type ElementText, type JsonText } from './json-stream.js';
import { childrenText, childrenUnread, forgetChildrenText, keepChildrenText, withChildrenText } from './lazy-children.js';
import { Timings } from './timings.js';

export interface BuildOptions {
  corpusDir: string;
  outDir: string;
  formats: Format[];
  /** Script of the publications: the IR is always Simplified; `hant` renders a Traditional edition. */
  script: Script;
  /** Stop at the first error (no IR, no publications written) and count warnings as errors for the exit status. */
  strict: boolean;
  /** Size limit of one article file in bytes (default DEFAULT_MAX_FILE_BYTES). */
  maxFileBytes?: number;
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
  /** Collects the wall time of each stage and renderer (for benchmarks; never in the outputs). */
  timings?: Timings;
  /** Render the PDF in a worker thread while the other formats render (default true). */
  renderThreads?: boolean;
  /** Heap limit of that thread in MiB (default: in proportion to the book); for tests of the fallback. */
  renderThreadHeapMb?: number;
  /**
   * A PDF thread started before the build (`prestartRenderThread`): the build takes it as its PDF thread
   * when it wants one and the thread's heap limit is enough for the book, and ends it otherwise.
   */
  prestartedThread?: RenderThread | null;
}

/** What ran and what was reused: the proof that a no-op rebuild did no work. */
export interface BuildWork {
  /** True when every key matched the previous build: nothing was loaded, parsed or rendered. */
  upToDate: boolean;
  articlesProcessed: string[];
  articlesReused: number;
  /** Articles whose terms enrich linked in this build (the others' linking came from the cache). */
  articlesLinked: string[];
  enrich: 'ran' | 'reused';
  rendered: Format[];
  renderReused: Format[];
  /**
   * Units (pages, chapters, article layouts) computed vs reused inside the renderers that ran; of those
   * reused, how many the PDF's thread had read ahead while the IR was made.
   */
  units: UnitCounts;
  /**
   * Articles taken from the cache whose children the main thread parsed: those it rendered again, and
   * all of them when something reads every article (a Traditional edition, a PDF made here).
   */
  cachedArticlesParsed: number;
  corruptCacheEntries: number;
}

export interface BuildResult {
  /** The IR (loaded from ir.json on first access after an up-to-date build). */
  readonly root: Root;
  readonly report: BuildReport;
  /** Output files written or confirmed up to date, relative to the output folder. */
  outputs: string[];
  work: BuildWork;
  errors: number;
  warnings: number;
}

export const DEFAULT_BOOK_TITLE = '学习文章汇编';
/**
 * Book-level errors that make a whole YAML file unusable: building without it would overwrite good
 * publications with a book missing its title, order or glossary, so the previous outputs are kept.
 * Every other error leaves out only what it names (an article, a glossary entry) and the rest is built.
 */
const UNUSABLE_FILE_RULES = new Set(['yaml-syntax', 'book-not-a-map', 'glossary-not-a-map']);
const IR_FILE = 'ir.json';
const REPORT_FILE = 'report.json';

/**
 * An article as enrich prepared it alone (its terms linked, what the indexes need from it), with its file
 * report: kept beside its ArticleResult under a key that adds the glossary's text, so a rebuild with the
 * same glossary neither reads the plain article nor prepares it again.
 */
interface LinkedResult {
  /**
   * Its article stored with no children: they are kept beside it (kind CHILDREN, same key) as their
   * ir.json text (`nested(children, 3)`), written into ir.json as they are instead of being serialised
   * again, and parsed only if something reads them (lazy-children.ts).
   */
  linked: PreparedArticle;
  /**
   * Its file report without the lines it records as removed or changed (most of it): those only
   * report.json shows, and they are read from the report's text (REPORT_TEXT) only if something asks.
   */
  report: ReportHead;
}

type ReportHead = Omit<FileReport, 'discarded' | 'repairs'>;

/** A kept file report: its head as stored, the lines it records parsed from its text when first read. */
function keptReport(head: ReportHead, text: JsonText): FileReport {
  let whole: FileReport | null = null;
  const lines = (): FileReport => (whole ??= JSON.parse(jsonString(text)) as FileReport);
  // In the order of a report made afresh (the order JSON.stringify follows).
  const { messages, ...rest } = head;
  const report = { ...rest } as FileReport;
  Object.defineProperty(report, 'discarded', { enumerable: true, get: () => lines().discarded });
  Object.defineProperty(report, 'repairs', { enumerable: true, get: () => lines().repairs });
  report.messages = messages;
  return report;
}

/** The related lists last worked out, with what they were worked out from (enrich/related.ts, `rememberedRelations`). */
const RELATED = 'related';
/** Pinyin sort keys and glossary slugs worked out by earlier builds (see enrich/pinyin.ts, `rememberedPinyin`). */
const PINYIN_TABLE = 'pinyin';
const LINKED = 'linked';
const CHILDREN = 'linked-children';
/** Its file report's report.json text (`nested(report, 2)`), kept beside it: written out as it is. */
const REPORT_TEXT = 'linked-report';

/** The keys of one build, computed from the sources and options before any stage runs. */
interface Plan {
  corpus: Corpus;
  fingerprint: string;
  articleKeys: string[];
  /** Per article, the key of its LinkedResult (its article key and the glossary's text). */
  linkedKeys: string[];
  irKey: string;
  renderKeys: Map<Format, string>;
  renderOptions: RenderOptions;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? silentProgress;
  const timings = options.timings ?? new Timings();
  const cache = openCache(options.cacheDir);
  const plan = await timings.timeAsync('read', () => planBuild(options, cache));
  const manifest = await readManifest(options.outDir);
  const useCache = options.cacheDir !== null && options.cacheDir !== '';
  // Warnings about the folder (a stray PDF) do not change the outputs; errors must be seen again.
  if (useCache && !plan.corpus.messages.some((d) => d.severity === 'error') && (await upToDate(plan, manifest, options))) {
    options.prestartedThread?.close();
    return upToDateResult(plan, manifest, options);
  }
  // The PDF's thread loads its modules while this one makes the IR (see renderAll).
  const sourceBytes = plan.corpus.files.reduce((n, f) => n + f.bytes.length, 0);
  const early: EarlyWork = {
    readAhead: useCache && manifest.formats.pdf?.units ? { cacheDir: options.cacheDir!, keys: manifest.formats.pdf.units } : null,
    prepare: {
      templatesDir: options.templatesDir,
      pageSize: options.pageSize,
      pdfStyle: options.formats.includes('pdf') ? await readStyleSource(options.templatesDir, (source) => keptParse(cache, 'pdf-style', plan.fingerprint, [source], () => parseStyleYaml(source))) : null,
    },
  };
  const thread = options.renderThreads !== false && options.formats.includes('pdf') && options.formats.length > 1 ? pdfThread(options, heapLimitMb(sourceBytes), early) : null;
  if (options.prestartedThread && options.prestartedThread !== thread) options.prestartedThread.close();

  const bookMessages: Diagnostic[] = [];
  const emit = (d: Diagnostic): void => {
    bookMessages.push(d);
    options.onMessage?.(d);
  };
  const work: BuildWork = {
    upToDate: false,
    articlesProcessed: [],
    articlesReused: 0,
    articlesLinked: [],
    enrich: 'reused',
    rendered: [],
    renderReused: [],
    units: { computed: 0, reused: 0, readAhead: 0 },
    cachedArticlesParsed: 0,
    corruptCacheEntries: 0,
  };
  plan.corpus.messages.forEach(emit);

  // The IR of the previous build still stands when its key matches (only templates or options changed).
  const irStands = useCache && manifest.ir?.key === plan.irKey && recordsMatch(options.outDir, manifest.ir.files);
  // The report.json text of file reports kept in the cache with their articles.
  const reportTexts = new Map<FileReport, JsonText>();
  const stopped = (files: FileReport[]): boolean => options.strict && [...bookMessages, ...files.flatMap((f) => f.messages)].some((d) => d.severity === 'error');
  const { root, files } = stopped([])
    ? { root: draftRoot(plan, [], options), files: [] }
    : irStands
      ? await previousIr(options, plan, work, emit)
      : await makeIr(plan, options, cache, work, emit, progress, timings, reportTexts);

  await removeStaleTemporaries(options.outDir);
  const outputs: string[] = [];
  let storedByThread = 0;
  if (stopped(files)) {
    emit(diagnostic('error', 'build', 'strict-stop', 'Unexpected error with --strict, expected none: the build stopped at the first error; IR and publications not written, previous outputs kept'));
  } else if (bookMessages.some((d) => d.severity === 'error' && UNUSABLE_FILE_RULES.has(d.ruleId))) {
    emit(diagnostic('error', 'build', 'outputs-kept', 'Unexpected unreadable compendium.yaml or glossary.yaml, expected valid YAML: IR and publications not written, previous outputs kept'));
  } else {
    // A new key means new content: no need to read the old file to compare.
    // ir.json's text in pieces, never as one string (a large book's IR is hundreds of megabytes in memory).
    // The PDF's thread is handed a copy as it is made (each article's children kept as text there until
    // read) instead of waiting for the file and reading it back; renderAll writes the file and lets go of
    // the pieces. The children of articles from the cache are written as the cache kept their text.
    // (A new IR is always rendered again, so the thread is sure to be used.)
    const irText = irStands ? null : timings.time('write', () => irPieces(root, thread));
    outputs.push(IR_FILE);
    storedByThread = await renderAll(root, irText, plan, options, manifest, cache, useCache, work, outputs, emit, progress, timings, thread);
  }
  thread?.close();

  work.corruptCacheEntries += Object.values(cache.stats).reduce((n, s) => n + s.corrupt, 0);
  if (work.corruptCacheEntries > 0) {
    emit(diagnostic('info', 'build', 'cache-corrupt', `Unexpected ${work.corruptCacheEntries} damaged cache entr${work.corruptCacheEntries === 1 ? 'y' : 'ies'}, expected intact ones: rebuilt them`));
  }
  const report: BuildReport = { irVersion: IR_VERSION, files, messages: bookMessages };
  // Its file reports' text as kept in the cache, the rest made now: the whole report was 4 MB of JSON for 200 articles.
  timings.time('write', () => writeAtomicSync(join(options.outDir, REPORT_FILE), [...jsonPieces(report as unknown as Record<string, unknown>, 'files', { knownElement: (file) => reportTexts.get(file as FileReport) }), '\n']));
  outputs.push(REPORT_FILE);

  const all = [...files.flatMap((f) => f.messages), ...bookMessages];
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  // A build with errors is never recorded as up to date, so the next build tries again.
  manifest.ir = errors > 0 ? undefined : { key: plan.irKey, files: await fileRecords(options.outDir, [IR_FILE, REPORT_FILE]), errors, warnings };
  await writeManifest(options.outDir, manifest);
  if (useCache) await cache.prune(CACHE_LIMIT_BYTES, storedByThread);
  progress.done();
  return { root, report, outputs, work, errors, warnings };
}

/** The PDF's thread: the one started before the build if its heap limit is enough, else a new one. */
function pdfThread(options: BuildOptions, limitMb: number, early: EarlyWork): RenderThread {
  const started = options.prestartedThread;
  if (started && started.format === 'pdf' && options.renderThreadHeapMb === undefined && started.limitMb >= limitMb) {
    started.begin(early);
    return started;
  }
  return startRenderThread('pdf', options.renderThreadHeapMb ?? limitMb, early);
}

/** normalize + segment every article (each from the cache when its key is there), then enrich. */
async function makeIr(
  plan: Plan,
  options: BuildOptions,
  cache: Cache,
  work: BuildWork,
  emit: (d: Diagnostic) => void,
  progress: Progress,
  timings: Timings,
  reportTexts: Map<FileReport, JsonText>,
): Promise<{ root: Root; files: FileReport[] }> {
  progress.stage('normalize + segment', plan.corpus.files.length);
  /** The book's articles, each with its file's report, the key its LinkedResult is kept under, and that result if an earlier build kept it. */
  const kept: Array<{ article: Article; report: FileReport; linkedKey: string; linked?: PreparedArticle }> = [];
  const articles = (): Article[] => kept.map((k) => k.article);
  const files: FileReport[] = [];
  const read = async (index: number): Promise<{ result: ArticleResult; linked?: PreparedArticle } | undefined> => {
    const key = plan.linkedKeys[index]!;
    const done = await cache.get<LinkedResult>(LINKED, key);
    // In shared memory: handed to the PDF's thread with the IR, they are not copied.
    const text = done && (await cache.getBytes(CHILDREN, key, { shared: true }));
    const reportText = text && (await cache.getBytes(REPORT_TEXT, key));
    if (done && text !== undefined && reportText !== undefined) {
      const report = keptReport(done.report, reportText);
      reportTexts.set(report, reportText);
      // Its children stay text until read, as the bytes read: most articles of a rebuild are only written out again.
      const article = withChildrenText(done.linked.article, text, () => work.cachedArticlesParsed++);
      const linked: PreparedArticle = { ...done.linked, article };
      return { result: { article, report }, linked };
    }
    const result = await cache.get<ArticleResult>('article', plan.articleKeys[index]!);
    return result && { result };
  };
  // normalize and segment are loaded when an article must be processed, enrich when the book is enriched:
  // a build that reuses every article never loads the first two, one whose IR stands none of them.
  let processOne: typeof import('./process-article.js').processArticle | null = null;
  for (const [index, source] of plan.corpus.files.entries()) {
    progress.item(source.file);
    const key = plan.articleKeys[index]!;
    const hit = await read(index);
    let result = hit?.result;
    if (result) work.articlesReused++;
    else {
      processOne ??= (await import('./process-article.js')).processArticle;
      result = processOne(source, plan.corpus.book.overrides[source.file] ?? {}, timings);
      work.articlesProcessed.push(source.file);
      await cache.set('article', key, result);
    }
    for (const d of result.report.messages) options.onMessage?.(d);
    files.push(result.report);
    if (result.article) kept.push({ article: result.article, report: result.report, linkedKey: plan.linkedKeys[index]!, linked: hit?.linked });
    if (options.strict && result.report.messages.some((d) => d.severity === 'error')) return { root: draftRoot(plan, articles(), options), files };
  }

  progress.stage('enrich');
  const { bookFiles, enrich, loadGlossary, rememberedPinyin, rememberedRelations } = await import('./enrich/index.js');
  const tables = cacheTables(cache, plan.fingerprint, 'enrich');
  const relatedKey = hashOf(RELATED, plan.fingerprint);
  const [known, previousRelated] = await Promise.all([tables.read<string>(PINYIN_TABLE, null), cache.get<RelatedMemo>(RELATED, relatedKey)]);
  const pinyin = rememberedPinyin(known);
  const relations = rememberedRelations(previousRelated);
  const draft = draftRoot(plan, articles(), options);
  // The glossary as loaded depends only on its file, its text and the book's files (for `see`).
  const source = plan.corpus.glossary;
  const sourceFiles = bookFiles(draft);
  const loaded = source ? await keptParse(cache, 'glossary', plan.fingerprint, [source.file, source.text, ...sourceFiles], () => loadGlossary(source, sourceFiles, pinyin)) : undefined;
  const enriched = timings.time('enrich', () => enrich(draft, source, { linked: kept.map((k) => k.linked), pinyin, relate: relations.relate, loaded }));
  const learned = pinyin.learned();
  // A table that only grows, written back when something was added (what new texts were read as).
  if (Object.keys(learned).length > 0) await tables.write(PINYIN_TABLE, null, { ...known, ...learned });
  // The related lists of the last build that worked them out, for the next one (one entry, replaced).
  const related = relations.made();
  if (related) await cache.set(RELATED, relatedKey, related);
  work.enrich = 'ran';
  enriched.messages.forEach(emit);
  await Promise.all(
    enriched.linked.map((one, i) => {
      const { report, linkedKey, linked } = kept[i]!;
      if (linked) return null;
      work.articlesLinked.push(report.file);
      const children = nested(one.article.children, 3);
      keepChildrenText(enriched.root.children[i]!, children);
      const { discarded: _discarded, repairs: _repairs, ...head } = report;
      const stored: LinkedResult = { linked: { ...one, article: { ...one.article, children: [] } }, report: head };
      const reportText = nested(report, 2);
      reportTexts.set(report, reportText);
      return Promise.all([cache.set(LINKED, linkedKey, stored), cache.setText(CHILDREN, linkedKey, children), cache.setText(REPORT_TEXT, linkedKey, reportText)]);
    }),
  );
  return { root: enriched.root, files };
}

function draftRoot(plan: Plan, articles: Article[], options: BuildOptions): Root {
  return {
    type: 'root',
    id: 'root',
    irVersion: IR_VERSION,
    data: { book: bookMeta(plan.corpus, articles, options.sourceDateEpoch), script: 'hans', lang: 'zh-CN', glossary: [], documents: [], events: [] },
    children: articles,
  };
}

/** ir.json's text in pieces, and each article with its own text (for its digests). */
interface IrText {
  pieces: JsonText[];
  articles: Array<[article: object, text: ElementText]>;
}

/**
 * ir.json's text (`JSON.stringify(root, null, 1)` and a newline) in pieces, one article at a time; with
 * a thread, each article's text handed to it with its children apart (bytes, for the articles whose
 * children are still the build cache's text: never decoded here).
 */
function irPieces(root: Root, thread: RenderThread | null): IrText {
  const ir: IrText = { pieces: [], articles: [] };
  let articlePieces = 0;
  const onArticle = (node: unknown, text: ElementText, pieces: number): void => {
    ir.articles.push([node as object, text]);
    // Children parsed for the cache need their text no more: it is in the pieces now.
    if (!childrenUnread(node as object)) forgetChildrenText(node as object);
    thread?.sendIr({ kind: 'ir-article', ...text });
    articlePieces = pieces;
  };
  for (const piece of jsonPieces(root as unknown as Record<string, unknown>, 'children', { onElement: onArticle, inner: 'children', known: childrenText })) {
    ir.pieces.push(piece);
    // An article's pieces (its comma and indent, its text) are left out of the frame.
    if (articlePieces > 0) articlePieces--;
    else thread?.sendIr({ kind: 'ir-frame', text: jsonString(piece) });
  }
  ir.pieces.push('\n');
  return ir;
}

/** The items of a list, each dropped from it once the next is asked for, and the list emptied at the end. */
function* released<T>(list: T[]): Generator<T> {
  for (let i = 0; i < list.length; i++) {
    yield list[i]!;
    (list as Array<T | undefined>)[i] = undefined;
  }
  list.length = 0;
}

/** The IR and file reports of the previous build, read back from ir.json and report.json. */
async function previousIr(options: BuildOptions, plan: Plan, work: BuildWork, emit: (d: Diagnostic) => void): Promise<{ root: Root; files: FileReport[] }> {
  const root = JSON.parse(await readFile(join(options.outDir, IR_FILE), 'utf8')) as Root;
  const report = JSON.parse(await readFile(join(options.outDir, REPORT_FILE), 'utf8')) as BuildReport;
  work.articlesReused = plan.articleKeys.length;
  for (const file of report.files) for (const d of file.messages) options.onMessage?.(d);
  // Messages of the stages that made the IR stand; those of the renderers come anew.
  for (const d of report.messages) if (d.source !== 'build' && !d.source.startsWith('render')) emit(d);
  return { root, files: report.files };
}

async function planBuild(options: BuildOptions, cache: Cache): Promise<Plan> {
  const fingerprint = pipelineFingerprint();
  const parseBook = async (text: string, file: string, messages: Diagnostic[], articles: ReadonlySet<string>): Promise<BookConfig> => {
    const read = await keptParse(cache, 'book-config', fingerprint, [text, file, ...[...articles].sort()], () => {
      const said: Diagnostic[] = [];
      return { book: parseBookConfig(text, file, said, articles), messages: said };
    });
    messages.push(...read.messages);
    return read.book;
  };
  const corpus = await readCorpus(options.corpusDir, { maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, parseBook });
  const articleKeys = corpus.files.map((source) =>
    hashOf('article', fingerprint, source.file, source.bytes, JSON.stringify(corpus.book.overrides[source.file] ?? {})),
  );
  const { overrides: _overrides, ...bookFields } = corpus.book;
  const irKey = hashOf('ir', fingerprint, ...articleKeys, JSON.stringify(bookFields), String(options.sourceDateEpoch), corpus.glossary?.text ?? '');
  const renderOptions: RenderOptions = {
    templatesDir: options.templatesDir,
    sourceDateEpoch: options.sourceDateEpoch ?? 0, // replaced from the articles' dates before rendering
    pageSize: options.pageSize,
    impose: options.impose,
  };
  const templates = await hashFolder(options.templatesDir);
  const renderKeys = new Map<Format, string>();
  for (const format of options.formats) {
    // The edition is a pure function of the enriched IR (irKey) and the script, so it need not be hashed.
    renderKeys.set(format, hashOf('render', fingerprint, format, irKey, options.script, options.pageSize, options.impose ?? '', templates));
  }
  const linkedKeys = articleKeys.map((key) => hashOf('linked', key, corpus.glossary?.text ?? ''));
  return { corpus, fingerprint, articleKeys, linkedKeys, irKey, renderKeys, renderOptions };
}

/** Kind of cache entry: what a YAML file says, kept under its text (`keptParse`). */
const PARSED = 'parsed';

/**
 * `parse()` of a YAML file (compendium.yaml, the PDF style, the glossary), kept in the build cache under
 * the texts it reads (and the pipeline's code): a rebuild whose YAML files did not change takes what they
 * say from there, and never loads the YAML parser (~50 ms of every build; the glossary's reading ~30 ms
 * more). A value JSON does not give back as it is (an undefined field, a number that is not finite) is not
 * kept.
 */
async function keptParse<T>(cache: Cache, kind: string, fingerprint: string, texts: readonly string[], parse: () => T): Promise<T> {
  const key = hashOf(PARSED, kind, fingerprint, ...texts);
  const kept = await cache.get<{ value: T }>(PARSED, key);
  if (kept) return kept.value;
  const value = parse();
  if (isDeepStrictEqual(JSON.parse(JSON.stringify({ value })), { value })) await cache.set(PARSED, key, { value });
  return value;
}

async function upToDate(plan: Plan, manifest: Manifest, options: BuildOptions): Promise<boolean> {
  if (manifest.ir?.key !== plan.irKey || !recordsMatch(options.outDir, manifest.ir.files)) return false;
  for (const [format, key] of plan.renderKeys) {
    const record = manifest.formats[format];
    if (record?.key !== key || !recordsMatch(options.outDir, record.files)) return false;
  }
  return true;
}

function upToDateResult(plan: Plan, manifest: Manifest, options: BuildOptions): BuildResult {
  const load = <T>(file: string): (() => T) => {
    let value: T | undefined;
    return () => (value ??= JSON.parse(readFileSync(join(options.outDir, file), 'utf8')) as T);
  };
  const root = load<Root>(IR_FILE);
  const report = load<BuildReport>(REPORT_FILE);
  const formats = [...plan.renderKeys.keys()];
  return {
    get root() {
      return root();
    },
    get report() {
      return report();
    },
    outputs: [IR_FILE, REPORT_FILE, ...formats.flatMap((f) => Object.keys(manifest.formats[f]!.files))],
    work: {
      upToDate: true,
      articlesProcessed: [],
      articlesReused: plan.articleKeys.length,
      articlesLinked: [],
      enrich: 'reused',
      rendered: [],
      renderReused: formats,
      units: { computed: 0, reused: 0, readAhead: 0 },
      cachedArticlesParsed: 0,
      corruptCacheEntries: 0,
    },
    errors: manifest.ir!.errors,
    warnings: manifest.ir!.warnings,
  };
}

async function renderAll(
  root: Root,
  /** ir.json's text in pieces, to write (the PDF's thread was handed them as they were made, `irPieces`); null when the file stands from the previous build. */
  irText: IrText | null,
  plan: Plan,
  options: BuildOptions,
  manifest: Manifest,
  cache: Cache,
  useCache: boolean,
  work: BuildWork,
  outputs: string[],
  emit: (d: Diagnostic) => void,
  progress: Progress,
  timings: Timings,
  thread: RenderThread | null,
): Promise<number> {
  /** Bytes the PDF's thread stored in the cache: renderAll's result, for pruning. */
  let threadWritten = 0;
  const edition = timings.time('edition', () => toEdition(root, options.script));
  const digests = new WeakMap<object, string>();
  const digest = digestsOfOneBuild(digests);
  const contentDigests = new WeakMap<object, string>();
  const contentDigest = contentDigestsOfOneBuild(contentDigests);
  // The EPUB and the HTML (on this thread) both ask for every article's facts: read or made once.
  const sharedMemo = oncePerBuild(cacheMemo(cache, plan.fingerprint, SHARED_UNITS, work.units));
  const renderOptions: RenderOptions = { ...plan.renderOptions, sourceDateEpoch: options.sourceDateEpoch ?? epochFromArticles(root.children) };
  const pending: Format[] = [];
  for (const [format, key] of plan.renderKeys) {
    const before = manifest.formats[format];
    if (useCache && before?.key === key && recordsMatch(options.outDir, before.files)) {
      work.renderReused.push(format);
      outputs.push(...Object.keys(before.files));
    } else pending.push(format);
  }
  // Each renderer's messages are held and raised in the order of the formats, so report.json does not
  // depend on which thread finished first.
  const outcomes = new Map<Format, Promise<RenderOutcome | 'again'>>();
  const write = (format: Format, files: OutputFile[]): Promise<Record<string, FileStamp>> =>
    timings.timeAsync('write', () => writeOutputs(options.outDir, files, manifest.formats[format]));
  const renderHere = async (format: Format): Promise<RenderOutcome> => {
    progress.stage(`render ${format}`);
    const messages: Diagnostic[] = [];
    const context: RenderContext = {
      options: renderOptions,
      report: (d) => void messages.push(d),
      digest,
      contentDigest,
      memo: cacheMemo(cache, plan.fingerprint, format, work.units),
      memoText: cacheMemoText(cache, plan.fingerprint, format, work.units),
      sharedMemo,
      tables: cacheTables(cache, plan.fingerprint, format),
      kept: keptFiles(options.outDir, manifest.formats[format]),
    };
    try {
      const files: OutputFile[] = await timings.timeAsync(`render ${format}`, async () => (await renderers[format]())(edition, context));
      return { messages, stamps: await write(format, files) };
    } catch (error) {
      return { messages, error: error as Error };
    }
  };
  // ir.json, written at once before the renderers run, each piece let go of once written: written while
  // they ran, a thousand articles' pieces were held for the whole build (450 MB more at its peak). The
  // articles' digests are taken from their pieces then too, after the PDF's thread has its job.
  const writeIr = (): void => {
    if (!irText) return;
    timings.time('write', () => {
      for (const [article, { head, inner, tail }] of irText.articles) {
        digests.set(article, textDigest(inner === null ? head : [head, inner, tail]));
        if (inner !== null) contentDigests.set(article, textDigest(inner));
      }
      irText.articles.length = 0;
      writeAtomicSync(join(options.outDir, IR_FILE), released(irText.pieces));
    });
  };
  // The PDF in a thread of its own while the main thread renders the others: two cores, half the wait.
  const threaded: Format | null = thread && pending.includes(thread.format) && pending.length > 1 ? thread.format : null;
  if (thread && threaded) {
    const messages: Diagnostic[] = [];
    const job = { kind: 'job' as const, format: threaded, irSent: irText !== null, irFile: join(options.outDir, IR_FILE), script: options.script, options: renderOptions, cacheDir: useCache ? options.cacheDir : null, fingerprint: plan.fingerprint, outDir: options.outDir, before: manifest.formats[threaded] };
    outcomes.set(
      threaded,
      timings
        .timeAsync(`render ${threaded}`, () => thread.run(job, (d) => void messages.push(d)))
        .then(async (result) => {
          work.units.computed += result.units.computed;
          work.units.reused += result.units.reused;
          work.units.readAhead += result.units.readAhead;
          work.corruptCacheEntries += result.corrupt;
          threadWritten = result.written;
          return { messages, stamps: result.stamps, units: result.used };
        })
        // A thread that ran out of its memory (see render/thread.ts) leaves the format to the main thread.
        .catch((error: Error & { code?: string }) => (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'again' : { messages, error })),
    );
  }
  writeIr();
  for (const format of pending) if (format !== threaded) outcomes.set(format, Promise.resolve(await renderHere(format)));
  if (threaded) progress.stage(`render ${threaded}`);
  for (const format of pending) {
    const before = manifest.formats[format];
    const first = await outcomes.get(format)!;
    const outcome = first === 'again' ? await renderHere(format) : first;
    outcome.messages.forEach(emit);
    if ('error' in outcome) {
      delete manifest.formats[format];
      emit(diagnostic('error', `render:${format}`, 'render-failed', `Unexpected failure while rendering ${format}: ${outcome.error.message}`));
      continue;
    }
    const record: FormatRecord = { key: plan.renderKeys.get(format)!, files: outcome.stamps, ...(outcome.units ? { units: outcome.units } : {}) };
    await removeOrphans(options.outDir, before, record);
    manifest.formats[format] = record;
    outputs.push(...Object.keys(outcome.stamps));
    work.rendered.push(format);
  }
  return threadWritten;
}

type RenderOutcome = { messages: Diagnostic[]; stamps: Record<string, FileStamp>; units?: string[] } | { messages: Diagnostic[]; error: Error };

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
  const h = hashOf(name);
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export { formatDiagnostic };
