/**
 * The PDF rendered in a worker thread (while the main thread renders the EPUB and the HTML) gives the
 * same files, report and messages as rendering everything on the main thread.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../pipeline/build.js';
import { outputHashes } from '../output-hashes.js';
import { REPO, testBuildOptions } from '../build-options.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-thread-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function options(outDir: string, renderThreads: boolean, renderThreadHeapMb?: number): BuildOptions {
  return testBuildOptions(join(REPO, 'corpus'), outDir, { renderThreads, renderThreadHeapMb });
}

describe('rendering the PDF in a thread', () => {
  it('gives byte-identical outputs and the same messages as one thread', async () => {
    const threaded = await build(options(join(work, 'threaded'), true));
    const single = await build(options(join(work, 'single'), false));
    expect(threaded.errors).toBe(0);
    expect(threaded.work.rendered).toEqual(['pdf', 'epub', 'html']);
    expect(threaded.outputs).toEqual(single.outputs);
    expect(threaded.report.messages).toEqual(single.report.messages);
    const a = await outputHashes(join(work, 'threaded'));
    expect(a.has('compendium.pdf')).toBe(true);
    expect(a).toEqual(await outputHashes(join(work, 'single')));
  });

  it('renders the PDF on the main thread when its thread runs out of memory', async () => {
    const starved = await build(options(join(work, 'starved'), true, 8));
    expect(starved.errors).toBe(0);
    expect(starved.work.rendered).toEqual(['pdf', 'epub', 'html']);
    expect(await outputHashes(join(work, 'starved'))).toEqual(await outputHashes(join(work, 'single')));
  });
});
