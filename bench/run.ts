/**
 * `make bench`: runs every benchmark in this folder (each `bench/<name>.ts` exporting `benchmark`), or
 * only those named on the command line (`node --import tsx bench/run.ts enrich`). Each prints its
 * measurements and returns checks; the exit status is 1 when a check fails. Results are also written
 * to `.cache/bench/<name>.json` for comparison between runs.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchContext {
  /** The project folder. */
  root: string;
  log: (line: string) => void;
}

export interface BenchResult {
  checks: Array<{ what: string; ok: boolean }>;
  /** Raw measurements, written to the results file. */
  data: unknown;
}

export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<BenchResult>;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

async function discover(only: string[]): Promise<Benchmark[]> {
  const names = (await readdir(here)).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3)).sort();
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length > 0) throw new Error(`Unexpected benchmark ${unknown.join(', ')}, expected one of ${names.join(', ')}`);
  const out: Benchmark[] = [];
  for (const name of only.length > 0 ? only : names) {
    const module = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as { benchmark?: Benchmark };
    if (module.benchmark) out.push(module.benchmark);
  }
  return out;
}

async function main(): Promise<number> {
  let failed = 0;
  for (const benchmark of await discover(process.argv.slice(2))) {
    console.log(`${benchmark.name}:`);
    const started = Date.now();
    const result = await benchmark.run({ root, log: (line) => console.log(line) });
    for (const check of result.checks) {
      console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.what}`);
      if (!check.ok) failed++;
    }
    console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const out = join(root, '.cache', 'bench');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, `${benchmark.name}.json`), JSON.stringify({ node: process.version, checks: result.checks, data: result.data }, null, 1) + '\n');
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
