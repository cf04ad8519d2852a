/**
 * Benchmark of the PDF renderer.
 *
 * 1. Scale: the five seed articles, then books made by replicating them (every copy with its own ids,
 *    enriched as a whole) up to a thousand articles: render time (layout, painting, font subsetting),
 *    pages, file size and the process's peak memory. The bar is what a user would otherwise use: Pandoc
 *    with XeLaTeX takes about 4 s for the five articles and 2 minutes for a thousand.
 * 2. Rebuilding: a book of 200 articles (generated from the seeds and the development articles), rendered
 *    with the build cache: cold, again unchanged, and after one article was corrected — each of the last
 *    two in a process of its own, as `compendium build` runs it. Only the changed article is laid out
 *    again, so that render should take a small part of the cold one.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../pipeline/build.js';
import { processArticle } from '../pipeline/process-article.js';
import { openCache } from '../pipeline/cache.js';
import { readCorpus } from '../pipeline/corpus.js';
import { toEdition } from '../pipeline/edition.js';
import { enrich } from '../pipeline/enrich/index.js';
import type { Article, Root } from '../pipeline/ir.js';
import { contentDigestsOfOneBuild, digestsOfOneBuild, uncachedContext, type RenderContext, type RenderOptions } from '../pipeline/render/index.js';
import { renderPdf } from '../pipeline/render/pdf/index.js';
import { generateCorpus } from './lib/corpus-gen.js';
import { bookOf, replicated } from './lib/replica.js';
import { cacheMemo, type UnitCounts } from '../pipeline/render/memo.js';
import type { Benchmark, BenchResult } from './run.js';

const SCALES = [1, 20, 200];
/** Articles in the rebuilding book. */
const BOOK = 200;
/** Renders of the rebuilding book in a fresh process, the quickest kept. */
const RUNS = 3;

function renderOptions(repo: string): RenderOptions {
  return { templatesDir: join(repo, 'templates'), sourceDateEpoch: 0, pageSize: 'A5', impose: null };
}

/** A render context over a build cache in `dir`, as `build()` makes it; it counts the units. */
function cachedContext(options: RenderOptions, dir: string): RenderContext & { units: UnitCounts } {
  const units: UnitCounts = { computed: 0, reused: 0, readAhead: 0 };
  return { options, report: () => {}, units, digest: digestsOfOneBuild(), contentDigest: contentDigestsOfOneBuild(), memo: cacheMemo(openCache(dir), 'bench', 'pdf', units) };
}

interface Render {
  ms: number;
  computed: number;
  reused: number;
  bytes: number;
}

/** Render the IR in `irFile` with the cache in `cacheDir`, timed (run in a process of its own). */
async function renderOnce(repo: string, irFile: string, cacheDir: string): Promise<Render> {
  const root = toEdition(JSON.parse(await readFile(irFile, 'utf8')) as Root, 'hans');
  const context = cachedContext(renderOptions(repo), cacheDir);
  const start = process.hrtime.bigint();
  const [file] = await renderPdf(root, context);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, ...context.units, bytes: file!.data.length };
}

function renderInChild(irFile: string, cacheDir: string): Render {
  const here = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--import', 'tsx', here, '--render', irFile, cacheDir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Render;
}

/** A correction inside one article's body: a clause added to its longest line in the middle third. */
async function correct(file: string): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  let k = Math.floor(lines.length / 3);
  for (let i = k; i < (2 * lines.length) / 3; i++) if (lines[i]!.length > lines[k]!.length) k = i;
  lines[k] = lines[k]!.replace('。', '，这一点需要特别说明。');
  await writeFile(file, lines.join('\n'));
}

async function irOf(repo: string, corpusDir: string, file: string): Promise<void> {
  const result = await build({ corpusDir, outDir: join(corpusDir, '..', 'ir'), formats: [], script: 'hans', strict: false, templatesDir: join(repo, 'templates'), sourceDateEpoch: 0, pageSize: 'A5', impose: null, cacheDir: null });
  await writeFile(file, JSON.stringify(result.root));
}

async function scaleRows(repo: string, log: (line: string) => void): Promise<Array<{ articles: number; pages: number; bytes: number; ms: number; msPerPage: number; peakRssMb: number }>> {
  const corpusDir = join(repo, 'corpus');
  const corpus = await readCorpus(corpusDir);
  const seeds = corpus.files.map((f) => processArticle(f, corpus.book.overrides[f.file] ?? {}).article).filter((a): a is Article => a !== null);
  const glossary = { file: 'glossary.yaml', text: await readFile(join(corpusDir, 'glossary.yaml'), 'utf8') };
  const context = uncachedContext(renderOptions(repo));
  const rows: Array<{ articles: number; pages: number; bytes: number; ms: number; msPerPage: number; peakRssMb: number }> = [];
  for (const scale of SCALES) {
    const articles = replicated(seeds, scale);
    const draft = bookOf(articles, corpus.book.title ?? 'bench', corpus.book.subtitle, corpus.book.compiler);
    const book = enrich(draft, glossary).root;
    const start = process.hrtime.bigint();
    const [file] = await renderPdf(book, context);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const bytes = Buffer.from(file!.data);
    // Page objects, however the writer spaces their dictionaries (`/Type /Page` or `/Type/Page`), not the `/Pages` tree.
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
    if (pages === 0) throw new Error(`no page objects found in the PDF of ${articles.length} articles`);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    rows.push({ articles: articles.length, pages, bytes: bytes.length, ms, msPerPage: ms / pages, peakRssMb });
    log(`  ${String(articles.length).padStart(5)} articles  ${String(pages).padStart(5)} pages  ${(bytes.length / 1e6).toFixed(1).padStart(6)} MB  ${(ms / 1000).toFixed(1).padStart(6)} s  ${(ms / pages).toFixed(1).padStart(5)} ms/page  peak RSS ${peakRssMb} MB`);
  }
  return rows;
}

async function rebuildRows(repo: string, log: (line: string) => void): Promise<{ cold: Render; unchanged: Render; changed: Render }> {
  const dir = await mkdtemp(join(tmpdir(), 'compendium-bench-pdf-'));
  try {
    const corpusDir = join(dir, 'corpus');
    await mkdir(corpusDir);
    const names = (await generateCorpus(repo, BOOK, corpusDir)).files;
    const before = join(dir, 'before.json');
    const after = join(dir, 'after.json');
    await irOf(repo, corpusDir, before);
    await correct(join(corpusDir, names[BOOK / 2]!));
    await irOf(repo, corpusDir, after);
    const best = (runs: Render[]): Render => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
    // Cold: each run with an empty cache of its own; the last one's cache is kept warm for the rest.
    const colds: Render[] = [];
    for (let i = 0; i < RUNS; i++) {
      await rm(join(dir, 'cache'), { recursive: true, force: true });
      colds.push(renderInChild(before, join(dir, 'cache')));
    }
    const unchanged = best(Array.from({ length: RUNS }, () => renderInChild(before, join(dir, 'cache'))));
    // Each changed run starts from the cache of the unchanged book.
    const changedRuns: Render[] = [];
    for (let i = 0; i < RUNS; i++) {
      await rm(join(dir, 'cache-changed'), { recursive: true, force: true });
      await cp(join(dir, 'cache'), join(dir, 'cache-changed'), { recursive: true });
      changedRuns.push(renderInChild(after, join(dir, 'cache-changed')));
    }
    const cold = best(colds);
    const changed = best(changedRuns);
    const row = (what: string, r: Render): void =>
      log(`  ${what.padEnd(30)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  units computed ${String(r.computed).padStart(3)}, reused ${String(r.reused).padStart(3)}  ${(r.bytes / 1e6).toFixed(1)} MB`);
    log(`  ${BOOK} articles, each render in a process of its own (quickest of ${RUNS}):`);
    row('cold (empty cache)', cold);
    row('unchanged (warm cache)', unchanged);
    row('one article changed', changed);
    log(`  one article changed: ${((100 * changed.ms) / cold.ms).toFixed(0)}% of the cold render`);
    return { cold, unchanged, changed };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'pdf',
  async run({ root: repo, log }): Promise<BenchResult> {
    const rows = await scaleRows(repo, log);
    const rebuild = await rebuildRows(repo, log);
    const small = rows[0]!;
    const large = rows.at(-1)!;
    return {
      checks: [
        { what: `the five seed articles render in under 4 s (Pandoc + XeLaTeX): ${(small.ms / 1000).toFixed(1)} s`, ok: small.ms < 4000 },
        { what: `${large.articles} articles render in under 2 minutes (Pandoc + XeLaTeX): ${(large.ms / 1000).toFixed(1)} s`, ok: large.ms < 120_000 },
        { what: `time per page stays within 3× from ${small.articles} to ${large.articles} articles (no quadratic step)`, ok: large.msPerPage < small.msPerPage * 3 },
        { what: `an unchanged book of ${BOOK} articles lays out no article again: ${rebuild.unchanged.computed} units computed`, ok: rebuild.unchanged.computed === 0 },
        { what: `one article changed in ${BOOK}: lays out that article only (${rebuild.changed.computed} unit${rebuild.changed.computed === 1 ? '' : 's'} computed)`, ok: rebuild.changed.computed >= 1 && rebuild.changed.computed <= 3 },
        { what: `one article changed in ${BOOK}: rendered in under 25% of the cold render (${((100 * rebuild.changed.ms) / rebuild.cold.ms).toFixed(0)}%)`, ok: rebuild.changed.ms < rebuild.cold.ms * 0.25 },
      ],
      data: { scale: rows, rebuild },
    };
  },
};

// In a process of its own: `--render IR CACHE` renders once and prints the timing as JSON.
if (process.argv[2] === '--render') {
  const repo = join(fileURLToPath(import.meta.url), '..', '..');
  console.log(JSON.stringify(await renderOnce(repo, process.argv[3]!, process.argv[4]!)));
}
