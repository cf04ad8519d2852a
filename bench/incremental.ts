/**
 * Benchmark of regeneration (issue: incremental builds): a corpus of 200 articles generated from the seeds
 * and the development set (bench/lib/corpus-gen.ts, with the project glossary), built by the
 * CLI as a user runs it. Reports the full build (empty cache and output folder), a no-op rebuild, and a
 * rebuild after one article was edited (each run from the same state), all three publications each time,
 * each the median of RUNS runs, full builds and one-article rebuilds in turn.
 * The targets: the no-op under 5% of the full build, the one-article rebuild under 25%.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from './lib/corpus-gen.js';
import { runBuildOk } from './lib/cli.js';
import type { Benchmark, BenchResult } from './run.js';

const ARTICLES = 200;
/**
 * Each time is the median of this many runs: on a shared machine one run of the same build varies by a
 * tenth or more either way (a one-article rebuild by up to a third), as much as the margin a target is
 * judged by.
 */
const RUNS = 5;

function timeBuild(repo: string, corpus: string, out: string, cache: string): { seconds: number; summary: string } {
  return runBuildOk(repo, ['--corpus', corpus, '--out', out, '--cache-dir', cache]);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `runs` seconds, as the log shows them. */
function listed(runs: ReadonlyArray<{ seconds: number }>): string {
  return runs.map((r) => r.seconds.toFixed(2)).join(', ');
}

export const benchmark: Benchmark = {
  name: 'incremental',
  async run({ root: repo, log }): Promise<BenchResult> {
    const work = await mkdtemp(join(tmpdir(), 'compendium-bench-'));
    try {
      const corpus = join(work, 'corpus');
      const names = (await generateCorpus(repo, ARTICLES, corpus)).files;
      const out = join(work, 'out');
      const cache = join(work, 'cache');

      // Edit one article in the middle of the book: a sentence added to its body. Each one-article run
      // starts from the state the first no-op left (the output and cache folders put back as they were,
      // times included), so each is the same first rebuild after a change — with what that costs: the
      // article's text moves down its pages, so some page numbers the glossary and the index print change
      // and both are set again, and the new characters make a new font subset. (Edits of further articles
      // after a first one cost less, as some of that is then in the cache: not what a user who corrects
      // one article meets.)
      const target = join(corpus, names[Math.floor(ARTICLES / 2)]!);
      const text = await readFile(target, 'utf8');
      const edited = text.replace(/。/, '。这是为测试增量构建而补充的一句话。');
      if (edited === text) throw new Error(`could not edit ${target}`);
      const [keptOut, keptCache] = [join(work, 'kept-out'), join(work, 'kept-cache')];
      const putBack = async (from: string, to: string): Promise<void> => {
        await rm(to, { recursive: true, force: true });
        await cp(from, to, { recursive: true, preserveTimestamps: true });
      };

      // Full builds (each from an empty output folder and an empty cache) and one-article rebuilds take
      // turns: a shared machine's speed drifts over minutes, by as much as the margin a target is judged
      // by, and the share compares runs made in the same spells.
      const fulls = [];
      const ones = [];
      let noops: ReturnType<typeof timeBuild>[] = [];
      for (let i = 0; i < RUNS; i++) {
        await writeFile(target, text);
        await rm(out, { recursive: true, force: true });
        await rm(cache, { recursive: true, force: true });
        fulls.push(timeBuild(repo, corpus, out, cache));
        if (i === 0) {
          noops = Array.from({ length: RUNS }, () => timeBuild(repo, corpus, out, cache));
          await putBack(out, keptOut);
          await putBack(cache, keptCache);
        } else {
          await putBack(keptOut, out);
          await putBack(keptCache, cache);
        }
        await writeFile(target, edited);
        ones.push(timeBuild(repo, corpus, out, cache));
      }
      const full = median(fulls.map((r) => r.seconds));
      log(`  full build          ${full.toFixed(2).padStart(6)} s   (median of ${listed(fulls)})   ${fulls.at(-1)!.summary}`);
      const noop = median(noops.map((r) => r.seconds));
      log(`  no-op rebuild       ${noop.toFixed(2).padStart(6)} s   (median of ${listed(noops)})   ${noops.at(-1)!.summary}`);
      const one = median(ones.map((r) => r.seconds));
      log(`  one article changed ${one.toFixed(2).padStart(6)} s   (median of ${listed(ones)})   ${ones.at(-1)!.summary}`);

      const noopShare = noop / full;
      const oneShare = one / full;
      log(`  no-op: ${(noopShare * 100).toFixed(1)}% of the full build; one article: ${(oneShare * 100).toFixed(1)}%`);
      return {
        checks: [
          { what: `no-op rebuild under 5% of the full build (${(noopShare * 100).toFixed(1)}%)`, ok: noopShare < 0.05 },
          { what: `one-article rebuild under 25% of the full build (${(oneShare * 100).toFixed(1)}%)`, ok: oneShare < 0.25 },
          { what: 'the no-op rebuild says it did nothing', ok: noops.every((r) => r.summary.startsWith('no changes')) },
          { what: 'each one-article rebuild processed one article', ok: ones.every((r) => r.summary.includes('1 article(s) processed')) },
        ],
        data: { articles: ARTICLES, runs: RUNS, full, noop, oneArticle: one, fullRuns: fulls.map((r) => r.seconds), noopRuns: noops.map((r) => r.seconds), oneArticleRuns: ones.map((r) => r.seconds), noopShare, oneShare },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
