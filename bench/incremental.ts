/**
 * Benchmark of regeneration (issue: incremental builds): a corpus of 200 articles generated from the seeds
 * and the development set (bench/lib/corpus-gen.ts, with the project glossary), built by the
 * CLI as a user runs it. Reports the full build (empty cache and output folder), a no-op rebuild, and a
 * rebuild after one article was edited, all three publications each time. The targets: the no-op under
 * 5% of the full build, the one-article rebuild under 25%.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from './lib/corpus-gen.js';
import { runBuildOk } from './lib/cli.js';
import type { Benchmark, BenchResult } from './run.js';

const ARTICLES = 200;

function timeBuild(repo: string, corpus: string, out: string, cache: string): { seconds: number; summary: string } {
  return runBuildOk(repo, ['--corpus', corpus, '--out', out, '--cache-dir', cache]);
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

      const full = timeBuild(repo, corpus, out, cache);
      log(`  full build          ${full.seconds.toFixed(2).padStart(6)} s   ${full.summary}`);
      const noop = timeBuild(repo, corpus, out, cache);
      log(`  no-op rebuild       ${noop.seconds.toFixed(2).padStart(6)} s   ${noop.summary}`);

      // Edit one article in the middle of the book: a sentence added to its body.
      const target = join(corpus, names[Math.floor(ARTICLES / 2)]!);
      const text = await readFile(target, 'utf8');
      const edited = text.replace(/。/, '。这是为测试增量构建而补充的一句话。');
      if (edited === text) throw new Error('could not edit the article');
      await writeFile(target, edited);
      const one = timeBuild(repo, corpus, out, cache);
      log(`  one article changed ${one.seconds.toFixed(2).padStart(6)} s   ${one.summary}`);

      const noopShare = noop.seconds / full.seconds;
      const oneShare = one.seconds / full.seconds;
      log(`  no-op: ${(noopShare * 100).toFixed(1)}% of the full build; one article: ${(oneShare * 100).toFixed(1)}%`);
      return {
        checks: [
          { what: `no-op rebuild under 5% of the full build (${(noopShare * 100).toFixed(1)}%)`, ok: noopShare < 0.05 },
          { what: `one-article rebuild under 25% of the full build (${(oneShare * 100).toFixed(1)}%)`, ok: oneShare < 0.25 },
          { what: 'the no-op rebuild says it did nothing', ok: noop.summary.startsWith('no changes') },
        ],
        data: { articles: ARTICLES, full: full.seconds, noop: noop.seconds, oneArticle: one.seconds, noopShare, oneShare },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
