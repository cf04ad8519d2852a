/**
 * A renderer in a worker thread, so that on two cores the PDF (the longest renderer) runs while the main
 * thread makes the EPUB and the HTML. The thread reads the IR back from the ir.json the build has just
 * written (parsing it there costs the main thread nothing), makes the edition itself and uses the same
 * build cache; its messages come back as they are raised, its files when it is done.
 *
 * This module is both sides: imported by the build it exports `renderInThread`; loaded as a worker it
 * runs the job in `workerData`.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { openCache } from '../cache.js';
import type { Diagnostic } from '../diagnostics.js';
import { toEdition } from '../edition.js';
import type { Root, Script } from '../ir.js';
import { digestsOfOneBuild, renderers, type Format, type OutputFile, type RenderOptions } from './index.js';
import { cacheMemo, type UnitCounts } from './memo.js';

export interface ThreadJob {
  format: Format;
  irFile: string;
  script: Script;
  options: RenderOptions;
  cacheDir: string | null;
  fingerprint: string;
  /** The thread's heap limit (default: in proportion to the IR file, see heapLimitMb). */
  heapLimitMb?: number;
}

export interface ThreadResult {
  files: OutputFile[];
  units: UnitCounts;
  corrupt: number;
}

type Reply = { kind: 'message'; diagnostic: Diagnostic } | { kind: 'done'; result: ThreadResult } | { kind: 'failed'; message: string };

/**
 * The thread's heap is capped in proportion to the book (its IR file), so that it collects its garbage
 * rather than growing beside the main thread's; a book that needs more than that fails the thread with
 * ERR_WORKER_OUT_OF_MEMORY, and the build then renders that format on the main thread instead.
 */
function heapLimitMb(job: ThreadJob): number {
  return Math.round(Math.max(MIN_HEAP_MB, HEAP_PER_IR_MB * (statSync(job.irFile).size / 2 ** 20)));
}
const MIN_HEAP_MB = 512;
const HEAP_PER_IR_MB = 8;

/** The worker: run from the compiled .js, or from the .ts sources (tests) through tsx's loader. */
function startWorker(job: ThreadJob): Worker {
  const self = new URL(import.meta.url);
  const resourceLimits = { maxOldGenerationSizeMb: job.heapLimitMb ?? heapLimitMb(job) };
  if (!self.pathname.endsWith('.ts')) return new Worker(self, { workerData: job, resourceLimits });
  // tsx's ESM entry, found from its package.json (resolving `tsx/esm/api` here would give its CommonJS one).
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  const tsx = new URL(api, pathToFileURL(pkg)).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(self.href)}); })`;
  return new Worker(boot, { eval: true, workerData: job, resourceLimits });
}

export function renderInThread(job: ThreadJob, report: (d: Diagnostic) => void): Promise<ThreadResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(job);
    let settled = false;
    worker.on('message', (reply: Reply) => {
      if (reply.kind === 'message') report(reply.diagnostic);
      else {
        settled = true;
        void worker.terminate();
        if (reply.kind === 'done') resolve(reply.result);
        else reject(new Error(reply.message));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the ${job.format} render thread stopped (exit code ${code})`));
    });
  });
}

async function runJob(job: ThreadJob): Promise<ThreadResult> {
  const post = (reply: Reply): void => parentPort!.postMessage(reply);
  const root = toEdition(JSON.parse(await readFile(job.irFile, 'utf8')) as Root, job.script);
  const cache = openCache(job.cacheDir);
  const units: UnitCounts = { computed: 0, reused: 0 };
  const render = await renderers[job.format]();
  const files = await render(root, {
    options: job.options,
    report: (diagnostic) => post({ kind: 'message', diagnostic }),
    digest: digestsOfOneBuild(),
    memo: cacheMemo(cache, job.fingerprint, job.format, units),
  });
  return { files, units, corrupt: Object.values(cache.stats).reduce((n, s) => n + s.corrupt, 0) };
}

if (!isMainThread && parentPort && (workerData as ThreadJob | undefined)?.irFile) {
  const job = workerData as ThreadJob;
  runJob(job).then(
    (result) => parentPort!.postMessage({ kind: 'done', result } satisfies Reply),
    (error: Error) => parentPort!.postMessage({ kind: 'failed', message: error.message } satisfies Reply),
  );
}
