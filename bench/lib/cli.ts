/** The CLI as a user runs it, in a process of its own, timed from the spawn to the exit (benchmarks). */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const BENCH_EPOCH = '1717200000';

export interface CliRun {
  status: number;
  seconds: number;
  /** The terminal's last line: the build's summary. */
  summary: string;
  stderr: string;
}

/** `compendium build ARGS` from the repo's compiled CLI (run as a program, as `make` and `npm link` do), with a fixed SOURCE_DATE_EPOCH. */
export function runBuild(repo: string, args: string[]): CliRun {
  const started = process.hrtime.bigint();
  const run = spawnSync(join(repo, 'bin', 'compendium.js'), ['build', ...args], {
    cwd: repo,
    env: { ...process.env, SOURCE_DATE_EPOCH: BENCH_EPOCH },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { status: run.status ?? -1, seconds, stderr: run.stderr, summary: run.stderr.trim().split('\n').at(-1) ?? '' };
}

/** A run that must succeed. */
export function runBuildOk(repo: string, args: string[]): CliRun {
  const run = runBuild(repo, args);
  if (run.status !== 0) throw new Error(`build ${args.join(' ')} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return run;
}

export interface Timed {
  stages: Record<string, number>;
  maxRssBytes: number;
}

/** What `--timings FILE` wrote. */
export async function readTimings(file: string): Promise<Timed> {
  return JSON.parse(await readFile(file, 'utf8')) as Timed;
}
