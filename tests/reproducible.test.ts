/**
 * Reproducibility and safety of the outputs as a whole: two clean builds in different folders give
 * byte-identical files, the corpus is never modified, and a build killed part-way leaves every output
 * either as it was or complete — never half-written.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../pipeline/build.js';
import { outputHashes } from './output-hashes.js';
import { REPO, testBuildOptions } from './build-options.js';

const EPOCH = 1717200000;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-repro-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function options(corpusDir: string, outDir: string, cacheDir: string | null): BuildOptions {
  return testBuildOptions(corpusDir, outDir, { sourceDateEpoch: EPOCH, cacheDir });
}

/** Every output is a whole file of its kind: PDF checked by qpdf, the EPUB unzipped, JSON and HTML parsed. */
async function assertOutputsWhole(dir: string): Promise<void> {
  execFileSync('qpdf', ['--check', join(dir, 'compendium.pdf')], { stdio: 'pipe' });
  expect(Object.keys(unzipSync(await readFile(join(dir, 'compendium.epub'))))).toContain('mimetype');
  JSON.parse(await readFile(join(dir, 'ir.json'), 'utf8'));
  JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
  for (const entry of await readdir(join(dir, 'html'), { withFileTypes: true, recursive: true })) {
    expect(entry.name.endsWith('.partial')).toBe(false);
    if (entry.isFile() && entry.name.endsWith('.html')) expect(await readFile(join(entry.parentPath, entry.name), 'utf8')).toMatch(/<\/html>\s*$/);
  }
}

describe('reproducible, safe outputs', () => {
  it('two clean builds in different folders are byte-identical, and the corpus is untouched', async () => {
    const before = await outputHashes(join(REPO, 'corpus'));
    await build(options(join(REPO, 'corpus'), join(work, 'a'), join(work, 'cache-a')));
    await build(options(join(REPO, 'corpus'), join(work, 'b'), null));
    const a = await outputHashes(join(work, 'a'));
    const b = await outputHashes(join(work, 'b'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, hash] of a) expect(b.get(path), path).toBe(hash);
    expect(a.has('compendium.pdf') && a.has('compendium.epub') && a.has('html/index.html')).toBe(true);
    expect(await outputHashes(join(REPO, 'corpus'))).toEqual(before);
  });

  it('a build killed part-way leaves the previous outputs whole', async () => {
    const corpus = join(work, 'kill-corpus');
    const out = join(work, 'kill-out');
    await cp(join(REPO, 'corpus'), corpus, { recursive: true });
    await build(options(corpus, out, null));
    await assertOutputsWhole(out);
    const [target] = (await readdir(corpus)).filter((f) => f.endsWith('.txt')).sort();
    const original = await readFile(join(corpus, target!), 'utf8');
    // Kill builds at several moments: during start-up, normalize, rendering and writing.
    for (const [round, delay] of [150, 600, 1100, 1600, 2200].entries()) {
      await writeFile(join(corpus, target!), original.replace(/。/, `。第${round}次修改的补充内容。`));
      const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'bin', 'compendium.ts'), 'build', '--corpus', corpus, '--out', out, '--no-cache', '--quiet'], {
        cwd: REPO,
        env: { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) },
        stdio: 'ignore',
      });
      const exited = new Promise<void>((done) => child.on('exit', () => done()));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      await assertOutputsWhole(out);
    }
  });
});
