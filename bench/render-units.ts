/**
 * Benchmark of the HTML and EPUB renderers when one article of a large book changes. A book of 200
 * articles (the seeds and the development articles, copied round-robin under their own file names) is
 * built through `build()`: without a cache, then with a real cache from scratch, once more into a fresh
 * folder with the cache warm (every page and chapter reused), and then after one article's text was
 * edited (a different article each round). Reports each renderer's time in the build (its stage:
 * rendering plus writing its files) and how many cached units were computed and reused.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildResult } from '../pipeline/build.js';
import type { Format } from '../pipeline/render/index.js';
import type { Benchmark, BenchResult } from './run.js';

const ARTICLES = 200;
const FORMATS: Format[] = ['html', 'epub'];
const EDIT_ROUNDS = 3;

/** The seeds and the development articles (not their re-encoded variants, `name.gb18030.txt`), copied round-robin. */
async function makeCorpus(repo: string, dir: string): Promise<string[]> {
  const sources: string[] = [];
  for (const folder of [join(repo, 'corpus'), join(repo, 'tests/fixtures/devset/raw')]) {
    for (const name of (await readdir(folder)).sort()) if (/^[^.]+\.txt$/.test(name)) sources.push(join(folder, name));
  }
  await mkdir(dir, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const source = sources[i % sources.length]!;
    const name = `${String(i).padStart(3, '0')}_${source.slice(source.lastIndexOf('/') + 1)}`;
    await cp(source, join(dir, name));
    names.push(name);
  }
  await cp(join(repo, 'corpus', 'glossary.yaml'), join(dir, 'glossary.yaml'));
  return names;
}

/** Edit one sentence in the middle of a file: a clause added before its full stop. */
async function editArticle(file: string, round: number): Promise<void> {
  const text = await readFile(file, 'utf8');
  const stop = text.indexOf('。', Math.floor(text.length / 2));
  const at = stop < 0 ? text.length : stop;
  await writeFile(file, `${text.slice(0, at)}，这是第${round + 1}次修改时加上的一句话${text.slice(at)}`);
}

interface Run {
  /** Milliseconds of each render stage, by format. */
  ms: Record<string, number>;
  computed: number;
  reused: number;
}

async function timedBuild(repo: string, corpusDir: string, outDir: string, cacheDir: string | null): Promise<Run> {
  const ms: Record<string, number> = {};
  let stage: string | null = null;
  let since = 0;
  const close = (): void => {
    if (stage?.startsWith('render ')) ms[stage.slice('render '.length)] = performance.now() - since;
  };
  const result: BuildResult = await build({
    corpusDir,
    outDir,
    formats: FORMATS,
    script: 'hans',
    strict: false,
    templatesDir: join(repo, 'templates'),
    sourceDateEpoch: 1_700_000_000,
    pageSize: 'A5',
    impose: null,
    cacheDir,
    progress: {
      stage(name) {
        close();
        stage = name;
        since = performance.now();
      },
      item() {},
      done() {
        close();
        stage = null;
      },
    },
  });
  if (result.errors > 0) throw new Error(`the benchmark book failed to build: ${result.errors} errors`);
  return { ms, computed: result.work.units.computed, reused: result.work.units.reused };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fmt = (ms: number): string => `${ms.toFixed(0).padStart(5)} ms`;

export const benchmark: Benchmark = {
  name: 'render-units',
  async run({ root: repo, log }): Promise<BenchResult> {
    const work = await mkdtemp(join(tmpdir(), 'compendium-bench-units-'));
    try {
      const corpusDir = join(work, 'corpus');
      const names = await makeCorpus(repo, corpusDir);
      const cacheDir = join(work, 'cache');
      const out = join(work, 'out');

      // Without a cache (after a warm-up run: module loading, JIT), then from an empty cache.
      await timedBuild(repo, corpusDir, join(work, 'warm-up'), null);
      const uncached = await timedBuild(repo, corpusDir, join(work, 'uncached'), null);
      const full = await timedBuild(repo, corpusDir, out, cacheDir);
      const unchanged = await timedBuild(repo, corpusDir, join(work, 'out-again'), cacheDir);
      const edits: Run[] = [];
      for (let round = 0; round < EDIT_ROUNDS; round++) {
        await editArticle(join(corpusDir, names[Math.floor(((round + 1) * ARTICLES) / (EDIT_ROUNDS + 1))]!), round);
        edits.push(await timedBuild(repo, corpusDir, out, cacheDir));
      }

      const rows = FORMATS.map((format) => ({
        format,
        uncachedMs: uncached.ms[format]!,
        fullMs: full.ms[format]!,
        unchangedMs: unchanged.ms[format]!,
        oneArticleMs: median(edits.map((e) => e.ms[format]!)),
      }));
      log(`  ${ARTICLES} articles; each renderer's stage in the build (rendering and writing its files)`);
      log(`  format   no cache   empty cache   unchanged (cache warm)   one article changed (median of ${EDIT_ROUNDS})`);
      const line = (name: string, r: { uncachedMs: number; fullMs: number; unchangedMs: number; oneArticleMs: number }): string =>
        `  ${name.padEnd(6)}   ${fmt(r.uncachedMs)}   ${fmt(r.fullMs)}      ${fmt(r.unchangedMs)}                 ${fmt(r.oneArticleMs)}  (${((100 * r.oneArticleMs) / r.uncachedMs).toFixed(0)}% of no cache)`;
      for (const r of rows) log(line(r.format, r));
      const total = (key: 'uncachedMs' | 'fullMs' | 'unchangedMs' | 'oneArticleMs'): number => rows.reduce((n, r) => n + r[key], 0);
      log(line('both', { uncachedMs: total('uncachedMs'), fullMs: total('fullMs'), unchangedMs: total('unchangedMs'), oneArticleMs: total('oneArticleMs') }));
      log(`  units: full ${full.computed} computed; unchanged ${unchanged.computed} computed / ${unchanged.reused} reused; one article changed ${edits.map((e) => `${e.computed}/${e.reused}`).join(', ')}`);

      const maxComputed = Math.max(...edits.map((e) => e.computed));
      return {
        checks: [
          { what: `an unchanged book computes no unit (${unchanged.computed} computed, ${unchanged.reused} reused)`, ok: unchanged.computed === 0 && unchanged.reused > 0 },
          { what: `one changed article recomputes at most a handful of units (${maxComputed} of ${full.computed})`, ok: maxComputed <= 8 },
          {
            what: `HTML + EPUB after one changed article: ${total('oneArticleMs').toFixed(0)} ms, under 25% of their render without cache (${total('uncachedMs').toFixed(0)} ms)`,
            ok: total('oneArticleMs') < 0.25 * total('uncachedMs'),
          },
        ],
        data: { articles: ARTICLES, rows, uncached, full, unchanged, edits },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
