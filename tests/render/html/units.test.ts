/**
 * The HTML renderer's units in the build cache: an unchanged book computes none and gives the same bytes;
 * a changed article remakes only the units that show it; messages of reused units are raised again; and
 * through `build()` with a real cache folder, a rebuild after an edit gives what a clean build gives.
 */
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../pipeline/build.js';
import { toEdition } from '../../../pipeline/edition.js';
import type { Root } from '../../../pipeline/ir.js';
import { renderHtml } from '../../../pipeline/render/html/index.js';
import type { OutputFile, RenderContext } from '../../../pipeline/render/index.js';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { MANIFEST, sha256 } from '../../../pipeline/output.js';
import { buildOptions, editSentence, EPOCH, twelveArticles, uncached } from '../units-book.js';
import { countingContext, removeAll, tempDir } from './helpers.js';

async function render(root: Root, context: RenderContext): Promise<Map<string, string>> {
  const files: OutputFile[] = await renderHtml(root, context);
  return new Map(files.map((f) => [f.path, String(f.data)]));
}

let work: string;
let book: Root;

beforeAll(async () => {
  work = await tempDir('html-units');
  await twelveArticles(join(work, 'corpus'));
  book = (await build({ ...buildOptions('html', join(work, 'corpus'), join(work, 'ir'), null), formats: [] })).root;
  expect(book.children.length).toBe(12);
}, 120_000);

afterAll(async () => {
  await removeAll(work);
});

describe('HTML units reused from the cache', () => {
  it('an unchanged book computes no unit and gives the same bytes as a render without cache', async () => {
    const counting = countingContext();
    const first = await render(book, counting.context);
    expect(counting.computed.filter((u) => u === 'html-article')).toHaveLength(12);
    counting.reset();
    const second = await render(book, counting.context);
    expect(counting.computed).toEqual([]);
    expect(counting.reused.length).toBeGreaterThan(12);
    expect(second).toEqual(first);
    expect(await render(book, uncached())).toEqual(first);
  });

  it('a changed sentence remakes that article’s page and search part only', async () => {
    const counting = countingContext();
    await render(book, counting.context);
    const edited = structuredClone(book);
    editSentence(edited.children[6]!);
    counting.reset();
    const files = await render(edited, counting.context);
    expect(counting.computed.sort()).toEqual(['article-facts', 'html-article', 'html-page', 'html-search-article', 'html-search-chars', 'html-search-part']);
    expect(files).toEqual(await render(edited, uncached()));
    expect(files.get(`html/${edited.children[6]!.id}.html`)).toContain('（修改后加上的话）');
  });

  it('a changed title also remakes the pages that show it: neighbours and articles that list it as related', async () => {
    const counting = countingContext();
    await render(book, counting.context);
    const edited = structuredClone(book);
    const target = edited.children[6]!;
    target.data.title = `${target.data.title}（修订）`;
    counting.reset();
    const files = await render(edited, counting.context);
    const showing = new Set([5, 6, 7]);
    edited.children.forEach((a, i) => {
      if (a.data.related.some((r) => r.articleId === target.id)) showing.add(i);
    });
    expect(counting.computed.filter((u) => u === 'html-article')).toHaveLength(showing.size);
    expect(showing.size).toBeLessThan(edited.children.length);
    // The front page lists every title: made again (an edited sentence leaves it as it was, above).
    expect(counting.computed).toContain('html-index-page');
    expect(files).toEqual(await render(edited, uncached()));
  });

  it('leaves an article page on disk as the previous build wrote it, without reading it; else reads or makes it again', async () => {
    const counting = countingContext();
    const first = await render(book, counting.context);
    const pageOf = (id: string): string => `html/${id}.html`;
    const onDisk = new Set([pageOf(book.children[2]!.id), pageOf(book.children[3]!.id)]);
    const kept = (path: string, hash: string): boolean => onDisk.has(path) && hash === sha256(first.get(path)!);
    counting.reset();
    const files: OutputFile[] = await renderHtml(book, { ...counting.context, kept });
    const keptFiles = files.filter((f) => f.kept !== undefined);
    expect(keptFiles.map((f) => f.path).sort()).toEqual([...onDisk].sort());
    for (const f of keptFiles) expect(f.data).toBe('');
    expect(counting.reused.filter((u) => u === 'html-page')).toHaveLength(book.children.length - 2);
    for (const f of files.filter((f) => f.kept === undefined)) expect(String(f.data)).toBe(first.get(f.path));
    // A page whose entry is gone from the cache is made again, the same.
    for (const key of [...counting.store.keys()].filter((k) => k.startsWith('html-page\u0000'))) counting.store.delete(key);
    counting.reset();
    expect(await render(book, counting.context)).toEqual(first);
    expect(counting.computed.filter((u) => u === 'html-page')).toHaveLength(book.children.length);
    expect(counting.computed.filter((u) => u === 'html-article')).toHaveLength(0);
  });

  it('raises the messages of a reused unit again, in the same order', async () => {
    const broken = sampleIr();
    broken.children[0]!.data.related.push({ articleId: 'nope', score: 1, sharedTerms: [], sharedDocuments: [] });
    broken.data.glossary[0]!.occurrences.push({ articleId: 'a1', nodeId: 'a1-gone', blockId: 'a1-p1' });
    const counting = countingContext();
    await render(broken, counting.context);
    const first = counting.messages.map((m) => `${m.ruleId} ${m.message}`);
    expect(first).toHaveLength(2);
    counting.reset();
    await render(broken, counting.context);
    expect(counting.computed).toEqual([]);
    expect(counting.messages.map((m) => `${m.ruleId} ${m.message}`)).toEqual(first);
  });

  it('reuses a Traditional edition’s units too, with the same bytes as a render without cache', async () => {
    const hant = toEdition(book, 'hant');
    const counting = countingContext();
    const first = await render(hant, counting.context);
    counting.reset();
    expect(await render(hant, counting.context)).toEqual(first);
    expect(counting.computed).toEqual([]);
    expect(await render(hant, uncached())).toEqual(first);
  });
});

describe('HTML through build() with a cache folder', () => {
  it('rebuilds an unchanged book from the cache, and after an edit gives what a clean build gives', async () => {
    const corpus = join(work, 'build-corpus');
    await twelveArticles(corpus);
    const cache = join(work, 'cache');
    const first = await build(buildOptions('html', corpus, join(work, 'out-1'), cache));
    expect(first.work.units.computed).toBeGreaterThan(12);

    // Another output folder: the renderer runs (no manifest there) but every unit comes from the cache.
    const again = await build(buildOptions('html', corpus, join(work, 'out-2'), cache));
    expect(again.work.rendered).toEqual(['html']);
    expect(again.work.units.computed).toBe(0);
    // Not every unit is even looked at: a run of the search index is reused without its articles' parts.
    expect(again.work.units.reused).toBeGreaterThan(12);
    // Nor are the articles' children read: the build keeps them as text, the renderer takes what it shows from units.
    expect(again.work.cachedArticlesParsed).toBe(0);
    for (const path of first.outputs.filter((p) => p.startsWith('html/'))) {
      expect(await readFile(join(work, 'out-2', path)), path).toEqual(await readFile(join(work, 'out-1', path)));
    }

    const name = (await readdir(corpus)).filter((f) => f.endsWith('.txt')).sort()[6]!;
    const text = await readFile(join(corpus, name), 'utf8');
    const stop = text.indexOf('。', Math.floor(text.length / 2));
    await writeFile(join(corpus, name), `${text.slice(0, stop)}，这是修改后加上的一句话${text.slice(stop)}`);
    // A twin of out-1 and of the cache, without out-1's manifest: the same rebuild, but nothing on disk vouched for.
    await cp(join(work, 'out-1'), join(work, 'out-twin'), { recursive: true, preserveTimestamps: true });
    await rm(join(work, 'out-twin', MANIFEST));
    await cp(cache, join(work, 'cache-twin'), { recursive: true });
    const twin = await build(buildOptions('html', corpus, join(work, 'out-twin'), join(work, 'cache-twin')));
    const edited = await build(buildOptions('html', corpus, join(work, 'out-1'), cache));
    expect(edited.work.units.computed).toBeGreaterThan(0);
    expect(edited.work.units.computed).toBeLessThanOrEqual(8);
    // The eleven unchanged articles' pages are on disk as out-1's manifest recorded them: kept, not even
    // read from the cache, where the twin read them.
    expect(edited.work.units.computed).toBe(twin.work.units.computed);
    expect(edited.work.units.reused).toBe(twin.work.units.reused - 11);
    // The edited article's run of the search index is made again from its articles; no other article is read.
    expect(edited.work.cachedArticlesParsed).toBeGreaterThan(0);
    expect(edited.work.cachedArticlesParsed).toBeLessThan(11);
    const clean = await build(buildOptions('html', corpus, join(work, 'out-clean'), null));
    for (const path of clean.outputs.filter((p) => p.startsWith('html/'))) {
      expect(await readFile(join(work, 'out-1', path), 'utf8'), path).toBe(await readFile(join(work, 'out-clean', path), 'utf8'));
    }
  }, 180_000);
});
