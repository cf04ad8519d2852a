/**
 * The PDF rendered in a worker thread (while the main thread renders the EPUB and the HTML) gives the
 * same files, report and messages as rendering everything on the main thread.
 */
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../pipeline/build.js';
import { MANIFEST, type Manifest } from '../../pipeline/output.js';
import { outputHashes } from '../output-hashes.js';
import { REPO, testBuildOptions } from '../build-options.js';
import { prestartRenderThread, type RenderThread } from '../../pipeline/render/thread.js';

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

  it('reads ahead the units the previous build used, and renders what a fresh build renders', async () => {
    const corpus = join(work, 'corpus');
    await cp(join(REPO, 'corpus'), corpus, { recursive: true });
    const cacheDir = join(work, 'cache');
    const out = join(work, 'cached');
    const first = await build(testBuildOptions(corpus, out, { renderThreads: true, cacheDir }));
    expect(first.work.units.readAhead).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, MANIFEST), 'utf8')) as Manifest;
    expect(manifest.formats.pdf!.units!.length).toBeGreaterThan(first.root.children.length);

    const file = join(corpus, (await readdir(corpus)).find((name) => name.endsWith('.txt'))!);
    await writeFile(file, (await readFile(file, 'utf8')).replace('。', '。这是为测试预读而补充的一句话。'));
    const second = await build(testBuildOptions(corpus, out, { renderThreads: true, cacheDir }));
    expect(second.work.rendered).toContain('pdf');
    expect(second.work.units.readAhead).toBeGreaterThan(first.root.children.length);
    const fresh = await build(testBuildOptions(corpus, join(work, 'fresh'), { renderThreads: false }));
    expect(second.outputs).toEqual(fresh.outputs);
    expect(await outputHashes(out)).toEqual(await outputHashes(join(work, 'fresh')));
  }, 300_000);

  it('reads ir.json when the IR stands (only a template changed) and renders what one thread renders', async () => {
    const templatesDir = join(work, 'templates');
    await cp(join(REPO, 'templates'), templatesDir, { recursive: true });
    const cacheDir = join(work, 'stand-cache');
    const out = join(work, 'stand');
    const opts = (dir: string, renderThreads: boolean, cache: string | null) => testBuildOptions(join(REPO, 'corpus'), dir, { renderThreads, templatesDir, cacheDir: cache });
    await build(opts(out, true, cacheDir));
    const style = join(templatesDir, 'pdf', 'style.yaml');
    await writeFile(style, `${await readFile(style, 'utf8')}\n# a template edit\n`);
    const again = await build(opts(out, true, cacheDir));
    expect(again.work.enrich).toBe('reused');
    // Every format's key holds the templates folder: all render again, the PDF in its thread.
    expect(again.work.rendered).toEqual(['pdf', 'epub', 'html']);
    expect(again.errors).toBe(0);
    await build(opts(join(work, 'stand-single'), false, null));
    expect(await outputHashes(out)).toEqual(await outputHashes(join(work, 'stand-single')));
  }, 300_000);

  it('reports a style the thread could not prepare ahead as the main thread does', async () => {
    const bad = (dir: string, renderThreads: boolean) => testBuildOptions(join(REPO, 'corpus'), join(work, dir), { renderThreads, pageSize: 'Z9' });
    const threaded = await build(bad('bad-threaded', true));
    const single = await build(bad('bad-single', false));
    const rules = (r: typeof threaded) => r.report.messages.filter((d) => d.source === 'render:pdf').map((d) => d.ruleId);
    expect(rules(threaded)).toEqual(['page-size-unknown']);
    expect(rules(threaded)).toEqual(rules(single));
  });
});

describe('a thread started before the build', () => {
  const watched = (calls: string[]): RenderThread => {
    const started = prestartRenderThread('pdf');
    return {
      format: started.format,
      limitMb: started.limitMb,
      begin: (work) => (calls.push('begin'), started.begin(work)),
      sendIr: (piece) => started.sendIr(piece),
      run: (job, report) => (calls.push('run'), started.run(job, report)),
      close: () => (calls.push('close'), started.close()),
    };
  };

  it('is taken as the PDF thread, given its early work, and renders what one thread renders', async () => {
    const calls: string[] = [];
    const taken = await build({ ...options(join(work, 'prestarted'), true), prestartedThread: watched(calls) });
    expect(calls.slice(0, 2)).toEqual(['begin', 'run']);
    expect(taken.work.rendered).toEqual(['pdf', 'epub', 'html']);
    await build(options(join(work, 'prestarted-single'), false));
    expect(await outputHashes(join(work, 'prestarted'))).toEqual(await outputHashes(join(work, 'prestarted-single')));
  }, 300_000);

  it('is ended, not used, by a build that wants no thread, one that sets the heap limit, and a build with nothing to do', async () => {
    const onlyPdf: string[] = [];
    await build({ ...options(join(work, 'prestarted-pdf'), true), formats: ['pdf'], prestartedThread: watched(onlyPdf) });
    expect(onlyPdf).toEqual(['close']);
    const limited: string[] = [];
    await build({ ...options(join(work, 'prestarted-limited'), true, 8), prestartedThread: watched(limited) });
    expect(limited).toEqual(['close']);
    const corpus = join(work, 'noop-corpus');
    await cp(join(REPO, 'corpus'), corpus, { recursive: true });
    const opts = testBuildOptions(corpus, join(work, 'noop-out'), { renderThreads: true, cacheDir: join(work, 'noop-cache') });
    await build(opts);
    const noop: string[] = [];
    const again = await build({ ...opts, prestartedThread: watched(noop) });
    expect(again.work.upToDate).toBe(true);
    expect(noop).toEqual(['close']);
  }, 300_000);
});

describe('the files the thread makes', () => {
  it('are written by the thread: a PDF that comes out the same is left as it was', async () => {
    const templatesDir = join(work, 'kept-templates');
    await cp(join(REPO, 'templates'), templatesDir, { recursive: true });
    const out = join(work, 'kept');
    const opts = () => testBuildOptions(join(REPO, 'corpus'), out, { renderThreads: true, templatesDir, cacheDir: join(work, 'kept-cache') });
    await build(opts());
    const pdf = join(out, 'compendium.pdf');
    const before = await stat(pdf);
    const recorded = (JSON.parse(await readFile(join(out, MANIFEST), 'utf8')) as Manifest).formats.pdf!.files['compendium.pdf'];
    // An EPUB stylesheet edit: every format renders again (the templates are in each key), the PDF the same.
    const css = join(templatesDir, 'epub', 'style.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n/* an edit */\n`);
    const again = await build(opts());
    expect(again.work.rendered).toEqual(['pdf', 'epub', 'html']);
    expect((await stat(pdf)).mtimeMs).toBe(before.mtimeMs);
    expect((JSON.parse(await readFile(join(out, MANIFEST), 'utf8')) as Manifest).formats.pdf!.files['compendium.pdf']).toEqual(recorded);
  }, 300_000);
});
