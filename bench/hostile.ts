/**
 * Benchmark of hostile input (issue: bad input): the CLI's time and peak memory on the hostile corpus of
 * tests/fixtures/hostile (seeds plus every kind of bad file), on a corpus holding the 10 MB single line
 * (left out unread by the default --max-file-size), and on a single line just under the default limit
 * built into all three publications. Targets: the 10 MB file costs no memory (peak under 300 MB), the
 * largest accepted line stays under 1 GB.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES } from '../pipeline/corpus.js';
import { HUGE_FILE, longParagraph, writeHostileCorpus } from '../tests/fixtures/hostile/corpus.js';
import { readTimings, runBuild } from './lib/cli.js';
import type { Benchmark, BenchResult } from './run.js';

interface Run {
  status: number;
  seconds: number;
  peakMb: number;
}

async function build(repo: string, work: string, corpus: string, name: string, formats: string): Promise<Run> {
  const timings = join(work, `${name}-timings.json`);
  const run = runBuild(repo, ['--corpus', corpus, '--out', join(work, `${name}-out`), '--formats', formats, '--no-cache', '--quiet', '--timings', timings]);
  const { maxRssBytes } = await readTimings(timings);
  return { status: run.status, seconds: run.seconds, peakMb: maxRssBytes / 1024 / 1024 };
}

export const benchmark: Benchmark = {
  name: 'hostile',
  async run({ root: repo, log }): Promise<BenchResult> {
    const work = await mkdtemp(join(tmpdir(), 'compendium-bench-hostile-'));
    try {
      const corpus = join(work, 'corpus');
      await writeHostileCorpus(corpus, join(work, 'outside'));
      const hostile = await build(repo, work, corpus, 'hostile', 'pdf,epub,html');

      const huge = join(work, 'huge');
      await mkdir(huge);
      await copyFile(join(corpus, HUGE_FILE), join(huge, HUGE_FILE));
      const rejected = await build(repo, work, huge, 'huge', 'pdf,epub,html');

      // One article whose body is a single line just under the limit (3 bytes a character).
      const atLimit = join(work, 'at-limit');
      await mkdir(atLimit);
      await writeFile(join(atLimit, 'long.txt'), `很长的一行\n\n来源：测试网 时间：2024-03-01\n\n${longParagraph(Math.floor(DEFAULT_MAX_FILE_BYTES / 3) - 100)}\n`);
      const limit = await build(repo, work, atLimit, 'at-limit', 'pdf,epub,html');

      const line = (what: string, r: Run): string => `  ${what.padEnd(44)} ${r.seconds.toFixed(2).padStart(6)} s  ${r.peakMb.toFixed(0).padStart(5)} MB peak  exit ${r.status}`;
      log(line('hostile corpus, three publications', hostile));
      log(line('10 MB single line (left out, unread)', rejected));
      log(line(`${(DEFAULT_MAX_FILE_BYTES / 1024 / 1024).toFixed(0)} MiB single line, three publications`, limit));
      return {
        checks: [
          { what: 'the hostile corpus builds the good articles and exits 1', ok: hostile.status === 1 },
          { what: `the 10 MB file costs no memory: peak under 300 MB (${rejected.peakMb.toFixed(0)} MB)`, ok: rejected.status === 1 && rejected.peakMb < 300 },
          { what: `a line at the size limit builds under 1 GB (${limit.peakMb.toFixed(0)} MB)`, ok: limit.status === 0 && limit.peakMb < 1024 },
        ],
        data: { hostile, rejected, limit },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
