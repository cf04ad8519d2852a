/**
 * A renderer in a worker thread, so that on two cores the PDF (the longest renderer) runs while the main
 * thread makes the EPUB and the HTML. The thread is handed the text of ir.json as the build makes it,
 * article by article, and parses only what it reads (an article's children stay text until then: a
 * layout reused from the cache never reads them); it makes the edition itself and uses the same build
 * cache; its messages come back as they are raised, its files when it is done.
 *
 * This module is both sides: imported by the build it exports `startRenderThread`; loaded as a worker it
 * loads the renderer named in `workerData`, then runs the job it is sent.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { openCache, type Cache } from '../cache.js';
import { writeOutputs, type FileStamp, type FormatRecord } from '../output.js';
import type { Diagnostic } from '../diagnostics.js';
import { toEdition } from '../edition.js';
import type { Article, Root, Script } from '../ir.js';
import type { ElementText, JsonText } from '../json-stream.js';
import { withChildrenText } from '../lazy-children.js';
import { contentDigestsOfOneBuild, digestsOfOneBuild, preparers, renderers, textDigest, type Format, type PrepareOptions, type RenderOptions } from './index.js';
import { cacheMemo, cacheTables, ReadAhead, type UnitCounts } from './memo.js';

export interface ThreadJob {
  kind: 'job';
  format: Format;
  /** Whether the IR came before the job (`RenderThread.sendIr`); else it is read from `irFile`. */
  irSent: boolean;
  irFile: string;
  script: Script;
  options: RenderOptions;
  cacheDir: string | null;
  fingerprint: string;
  /** Where the thread writes the files it makes, and the previous build's record of them (see writeOutputs). */
  outDir: string;
  before: FormatRecord | undefined;
}

export interface ThreadResult {
  /**
   * The files written, by the thread itself: hashing and writing a PDF of megabytes took the main
   * thread ~0.1 s at the end of a build, after its own formats, where the thread has time to spare.
   */
  stamps: Record<string, FileStamp>;
  units: UnitCounts;
  /** The unit keys the render asked for, in order (the next build's thread reads them ahead). */
  used: string[];
  /** Bytes it stored in the cache (for the build's pruning). */
  written: number;
  corrupt: number;
}

type Reply = { kind: 'message'; diagnostic: Diagnostic } | { kind: 'done'; result: ThreadResult } | { kind: 'failed'; message: string };

/**
 * The thread's heap is capped in proportion to the book (`heapLimitMb`, from the size of its sources),
 * so that it collects its garbage rather than growing beside the main thread's; a book that needs more
 * fails the thread with ERR_WORKER_OUT_OF_MEMORY, and the build then renders that format on the main
 * thread instead.
 */
export function heapLimitMb(sourceBytes: number): number {
  return Math.round(Math.max(MIN_HEAP_MB, HEAP_PER_SOURCE_MB * (sourceBytes / 2 ** 20)));
}
const MIN_HEAP_MB = 512;
const HEAP_PER_SOURCE_MB = 48;
/**
 * The thread's young generation, twice V8's default: the PDF's layout and painting allocate fast, and with
 * the default a 200-article rebuild's thread spent 468 ms in 50 scavenges (a fifth of its time); with
 * this size 240–440 ms in 20–30 (runs on a noisy machine), for ~50 MB more memory.
 */
const YOUNG_GENERATION_MB = 96;

interface Start {
  format: Format;
  /** Units to read from the cache while the build makes the IR: those the previous build used. */
  readAhead: { cacheDir: string; keys: string[] } | null;
  /** Options to prepare the renderer with meanwhile (`preparers`: its style and fonts). */
  prepare: PrepareOptions | null;
  /** The early work comes later, in a message (`RenderThread.begin`): a thread started with the process. */
  later?: boolean;
}

/** What the thread does before the IR comes: everything that needs only the options or the previous build. */
export type EarlyWork = Omit<Start, 'format' | 'later'>;

/** The worker: run from the compiled .js, or from the .ts sources (tests) through tsx's loader. */
function startWorker(start: Start, limitMb: number): Worker {
  const self = new URL(import.meta.url);
  const options = { workerData: start, resourceLimits: { maxOldGenerationSizeMb: limitMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  if (!self.pathname.endsWith('.ts')) return new Worker(self, options);
  // tsx's ESM entry, found from its package.json (resolving `tsx/esm/api` here would give its CommonJS one).
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  const tsx = new URL(api, pathToFileURL(pkg)).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(self.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * The IR as ir.json's text is made, one piece at a time: each article's JSON with its children apart
 * (`ElementText`: their text may be UTF-8 bytes, see IrReceiver), or a piece of the rest of the file,
 * article texts left out.
 */
export type IrPiece = ({ kind: 'ir-article' } & ElementText) | { kind: 'ir-frame'; text: string };

/** The early work of a thread started before the build knew it (`prestartRenderThread`). */
type WorkMessage = { kind: 'work' } & EarlyWork;

/** A thread for one format, started early: it loads the renderer's modules while the build makes the IR. */
export interface RenderThread {
  readonly format: Format;
  /** The thread's heap limit (see heapLimitMb). */
  readonly limitMb: number;
  /** Hand a thread started without it its early work (see prestartRenderThread); before any piece of the IR. */
  begin(work: EarlyWork): void;
  /** Hand the thread a piece of the IR (see IrPiece), before the job that says `irSent`. */
  sendIr(piece: IrPiece): void;
  /** Render in the thread; settles once, and the thread ends with it. */
  run(job: ThreadJob, report: (d: Diagnostic) => void): Promise<ThreadResult>;
  /** End the thread if it was not used. */
  close(): void;
}

/**
 * The PDF's thread started with the process, before the build knows it wants one: started when the CLI
 * starts (bin/compendium.js), the thread loads its modules (~0.5 s) on the core the CLI's own start-up
 * leaves idle, and its early work comes once the build has planned (`begin`). Its heap limit is the least
 * one: a book that needs more gets a thread of its own (see build.ts).
 */
export function prestartRenderThread(format: Format): RenderThread {
  return startRenderThread(format, heapLimitMb(0), null);
}

/** A render thread with its early work, or (null) one that gets it later (`RenderThread.begin`). */
export function startRenderThread(format: Format, limitMb: number, work: EarlyWork | null): RenderThread {
  const worker = startWorker(work === null ? { format, readAhead: null, prepare: null, later: true } : { format, ...work }, limitMb);
  // Idle, it never keeps the process alive (a build that stops early need not wait for it).
  worker.unref();
  let failure: Error | null = null;
  const early = (error: Error): void => void (failure ??= error);
  worker.on('error', early);
  return {
    format,
    limitMb,
    begin(work) {
      worker.postMessage({ kind: 'work', ...work } satisfies WorkMessage);
    },
    sendIr(piece) {
      worker.postMessage(piece);
    },
    run(job, report) {
      return new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        worker.ref();
        let settled = false;
        const settle = (done: () => void): void => {
          if (settled) return;
          settled = true;
          void worker.terminate();
          done();
        };
        worker.off('error', early);
        worker.on('message', (reply: Reply) => {
          if (reply.kind === 'message') report(reply.diagnostic);
          else if (reply.kind === 'done') settle(() => resolve(reply.result));
          else settle(() => reject(new Error(reply.message)));
        });
        worker.on('error', (error) => settle(() => reject(error)));
        worker.on('exit', (code) => settle(() => reject(new Error(`the ${job.format} render thread stopped (exit code ${code})`))));
        worker.postMessage(job);
      });
    },
    close() {
      void worker.terminate();
    },
  };
}

/**
 * The cache the thread reads ahead from, with what it has read. The job comes from the build that
 * started the thread, so it names the same cache folder and the same options the early work used.
 */
interface Early {
  cache: Cache;
  readAhead: ReadAhead;
}

async function runJob(job: ThreadJob, early: Early | null, prepared: Promise<unknown> | null, received: IrReceiver): Promise<ThreadResult> {
  const post = (reply: Reply): void => parentPort!.postMessage(reply);
  const root = toEdition(await parseIr(job, received), job.script);
  const cache = early?.cache ?? openCache(job.cacheDir);
  const units: UnitCounts = { computed: 0, reused: 0, readAhead: 0 };
  const used: string[] = [];
  const render = await renderers[job.format]();
  const files = await render(root, {
    options: job.options,
    report: (diagnostic) => post({ kind: 'message', diagnostic }),
    digest: digestsOfOneBuild(),
    contentDigest: contentDigestsOfOneBuild(received.contentDigests),
    prepared: prepared ?? undefined,
    memo: cacheMemo(cache, job.fingerprint, job.format, units, { readAhead: early?.readAhead, used }),
    tables: cacheTables(cache, job.fingerprint, job.format),
  });
  const stamps = await writeOutputs(job.outDir, files, job.before);
  await cache.flush();
  return { stamps, units, used, written: cache.written, corrupt: Object.values(cache.stats).reduce((n, s) => n + s.corrupt, 0) };
}

/**
 * The IR handed to the thread piece by piece, the rest of the file kept as text until the job asks for
 * it. Each article is read as it comes (while the build is still writing out the next) but for its
 * children, which stay text until something reads them: a layout reused from the cache never does, and
 * parsing the whole book was a good part of a rebuild's time in the thread. Their digest is taken now.
 */
class IrReceiver {
  private readonly frame: string[] = [];
  private readonly articles: Article[] = [];
  /** `contentDigest` of each article received with its children as text. */
  readonly contentDigests = new WeakMap<object, string>();

  take(piece: IrPiece): void {
    if (piece.kind === 'ir-frame') this.frame.push(piece.text);
    else if (piece.inner === null) this.articles.push(JSON.parse(piece.head) as Article);
    else this.articles.push(this.lazyArticle(piece.head, piece.inner, piece.tail));
  }

  /** The root: the rest of the file with its `children` empty (article texts were left out), and the articles put in. */
  root(): Root {
    const root = JSON.parse(this.frame.splice(0).join('')) as Root;
    root.children = this.articles.splice(0);
    return root;
  }

  /** An article whose children are parsed from their text when first read. */
  private lazyArticle(head: string, inner: JsonText, tail: string): Article {
    const article = JSON.parse(`${head}[]${tail}`) as Article;
    this.contentDigests.set(article, textDigest(inner));
    return withChildrenText(article, inner);
  }
}

async function parseIr(job: ThreadJob, received: IrReceiver): Promise<Root> {
  return job.irSent ? received.root() : (JSON.parse(await readFile(job.irFile, 'utf8')) as Root);
}

if (!isMainThread && parentPort && (workerData as Start | undefined)?.format) {
  const port = parentPort;
  const start = workerData as Start;
  // Load the renderer and read ahead now (or once the work comes); the job comes when the IR is ready.
  const loaded = renderers[start.format]();
  let early: Early | null = null;
  let prepared: Promise<unknown> | null = null;
  const begin = (work: EarlyWork): void => {
    early = work.readAhead === null ? null : earlyReads(work.readAhead.cacheDir, work.readAhead.keys);
    prepared = work.prepare === null ? null : prepare(start.format, work.prepare, early?.readAhead.values());
  };
  if (!start.later) begin(start);
  const received = new IrReceiver();
  const onMessage = (message: IrPiece | ThreadJob | WorkMessage): void => {
    if (message.kind === 'work') return begin(message);
    if (message.kind === 'ir-article' || message.kind === 'ir-frame') return received.take(message);
    port.off('message', onMessage);
    loaded.then(() => runJob(message, early, prepared, received)).then(
      (result) => port.postMessage({ kind: 'done', result } satisfies Reply),
      (error: Error) => port.postMessage({ kind: 'failed', message: error.message } satisfies Reply),
    );
  };
  port.on('message', onMessage);
}

function earlyReads(cacheDir: string, keys: string[]): Early {
  const cache = openCache(cacheDir);
  return { cache, readAhead: new ReadAhead(cache, keys) };
}

/** The renderer's preparation, started now, with the values read ahead to work on. */
function prepare(format: Format, options: PrepareOptions, ahead?: AsyncIterable<unknown>): Promise<unknown> {
  const preparer = preparers[format];
  const made = preparer ? preparer().then((make) => make(options, ahead)) : Promise.resolve(undefined);
  // A failure is the renderer's to report when it runs (it prepares again itself).
  made.catch(() => {});
  return made;
}
