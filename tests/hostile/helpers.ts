/** Shared by the hostile-input tests: build the hostile corpus once through the CLI; hash folders. */
import { createHash } from 'node:crypto';
import { copyFile, lstat, mkdir, mkdtemp, readdir, readFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../pipeline/cli.js';
import { HUGE_FILE, SEED_CORPUS, writeHostileCorpus } from '../fixtures/hostile/corpus.js';

export interface CliRun {
  code: number;
  err: string;
  /** Whether the corpus folder it built from hashes the same after the build as before. */
  corpusUnchanged: boolean;
}

export interface HostileBuild extends CliRun {
  work: string;
  corpus: string;
  out: string;
  /** Hash of the corpus folder before the build. */
  corpusHash: string;
  /** A corpus of one seed article and the 10 MB file. */
  hugeOnly: string;
  seedFiles(): Promise<string[]>;
  /** Another CLI build of the hostile corpus; later arguments override (`--out` must be given). */
  run(args: string[]): Promise<CliRun>;
}

/** One CLI build (output captured), with the hash of its `--corpus` folder checked around it. */
export async function cli(args: string[]): Promise<CliRun> {
  const corpus = args[args.lastIndexOf('--corpus') + 1]!;
  const before = await hashTree(corpus);
  let err = '';
  const code = await main(args, { out: () => undefined, err: (s) => void (err += s) });
  return { code, err, corpusUnchanged: (await hashTree(corpus)) === before };
}

export async function buildHostile(name: string, formats: string[]): Promise<HostileBuild> {
  const work = await mkdtemp(join(tmpdir(), `compendium-${name}-`));
  const corpus = join(work, 'corpus');
  const out = join(work, 'out');
  await writeHostileCorpus(corpus, join(work, 'outside'));
  const hugeOnly = join(work, 'huge-corpus');
  await mkdir(hugeOnly);
  const seeds = await seedFiles();
  await copyFile(join(SEED_CORPUS, seeds[0]!), join(hugeOnly, seeds[0]!));
  await copyFile(join(corpus, HUGE_FILE), join(hugeOnly, HUGE_FILE));
  const corpusHash = await hashTree(corpus);
  const base = ['build', '--corpus', corpus, '--formats', formats.join(','), '--no-cache'];
  const first = await cli([...base, '--out', out]);
  return { ...first, work, corpus, out, corpusHash, hugeOnly, seedFiles, run: (args) => cli([...base, ...args]) };
}

async function seedFiles(): Promise<string[]> {
  return (await readdir(SEED_CORPUS)).filter((f) => f.endsWith('.txt')).sort();
}

/** Copy the regular files of `from` whose names `keep` accepts (no links, no pipes). */
export async function copyRegular(from: string, to: string, keep: (name: string) => boolean = () => true): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) {
    if ((await lstat(join(from, name))).isFile() && keep(name)) await copyFile(join(from, name), join(to, name));
  }
}

/** SHA-256 over every path under `dir` with its bytes (a symlink: its target, not followed). */
export async function hashTree(dir: string, keep: (file: string) => boolean = () => true): Promise<string> {
  const h = createHash('sha256');
  const entries = await readdir(dir, { recursive: true });
  for (const entry of entries.sort()) {
    const full = join(dir, entry);
    const info = await lstat(full);
    const file = relative(dir, full);
    if (info.isDirectory() || !keep(file)) continue;
    h.update(file).update('\0');
    if (info.isSymbolicLink()) h.update(`-> ${await readlink(full)}`);
    else if (info.isFile()) h.update(await readFile(full));
    else h.update(`mode ${info.mode}`); // a named pipe: reading it would block
    h.update('\0');
  }
  return h.digest('hex');
}
