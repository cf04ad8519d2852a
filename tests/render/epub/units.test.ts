/**
 * The EPUB renderer's units in the build cache: chapters deflated ahead of time give exactly the bytes
 * the library's zip would; an unchanged book computes no unit and gives the same EPUB; a changed article
 * remakes only its chapter (and what shows its title); and through `build()` with a real cache folder, a
 * rebuild after an edit gives the EPUB a clean build gives.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../pipeline/build.js';
import { toEdition } from '../../../pipeline/edition.js';
import type { Root } from '../../../pipeline/ir.js';
import { renderEpub } from '../../../pipeline/render/epub/index.js';
import { packageMeta } from '../../../pipeline/render/epub/metadata.js';
import { packageEpub, packDocument, type EpubDocument } from '../../../pipeline/render/epub/package.js';
import type { RenderContext } from '../../../pipeline/render/index.js';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { buildOptions, editSentence, EPOCH, twelveArticles, uncached } from '../units-book.js';
import { countingContext, removeAll, tempDir, TEMPLATES } from '../html/helpers.js';
import { unpack } from './helpers.js';

async function render(root: Root, context: RenderContext): Promise<Buffer> {
  const [file] = await renderEpub(root, context);
  return Buffer.from(file!.data);
}

let work: string;
let book: Root;

beforeAll(async () => {
  work = await tempDir('epub-units');
  await twelveArticles(join(work, 'corpus'));
  book = (await build({ ...buildOptions('epub', join(work, 'corpus'), join(work, 'ir'), null), formats: [] })).root;
  expect(book.children.length).toBe(12);
}, 120_000);

afterAll(async () => {
  await removeAll(work);
});

describe('packed documents', () => {
  it('give the EPUB the library makes of documents it renders and deflates itself: the same files, each with the same bytes', async () => {
    const template = await readFile(join(TEMPLATES, 'epub', 'chapter.xhtml.ejs'), 'utf8');
    const root = sampleIr();
    const bodies: EpubDocument[] = [
      { id: 'cover', filename: 'cover.xhtml', title: '封面', body: '<body><p>封面 &amp; “引号”</p></body>', beforeToc: true },
      { id: 'chapter-a1', filename: 'chapter-a1.xhtml', title: root.children[0]!.data.title, body: `<body><section><h1>${root.children[0]!.data.title}</h1><p>${'正文。'.repeat(5000)}</p></section></body>`, beforeToc: false },
      { id: 'chapter-a2', filename: 'chapter-a2.xhtml', title: '', body: '<body></body>', beforeToc: false },
    ];
    const packed = bodies.map((doc) => ({ ...doc, body: packDocument(template, 'zh-CN', { ...doc, body: doc.body as string }) }));
    const input = {
      meta: packageMeta(root, EPOCH, { glossary: false, index: false }),
      navTitle: '目录',
      navBody: '<body><nav epub:type="toc" id="toc"><ol><li><a href="chapter-a1.xhtml">一</a></li></ol></nav></body>',
      ncx: { points: [], depth: 1 },
      css: 'p { text-indent: 2em; }',
      coverSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      templatesDir: TEMPLATES,
      sourceDateEpoch: EPOCH,
    };
    const plain = await packageEpub({ ...input, documents: bodies });
    const ready = await packageEpub({ ...input, documents: packed });
    // Deflated by another deflate, so the zips differ, but not what they hold, nor its order.
    const [a, b] = [unpack(plain), unpack(ready)];
    expect(b.names).toEqual(a.names);
    const files = [unzipSync(plain), unzipSync(ready)];
    for (const name of a.names) expect(Buffer.from(files[1]![name]!).equals(Buffer.from(files[0]![name]!)), name).toBe(true);
    expect(b.text('OEBPS/chapter-a1.xhtml')).toContain('正文。正文。');
    // Packed the same way twice, the bytes are the same.
    expect(Buffer.from(await packageEpub({ ...input, documents: packed })).equals(Buffer.from(ready))).toBe(true);
  });

  it('pack a body given as bytes as they pack it given as text, whatever the template does with it', async () => {
    const template = await readFile(join(TEMPLATES, 'epub', 'chapter.xhtml.ejs'), 'utf8');
    const doc = { id: 'glossary', filename: 'glossary.xhtml', title: '术语表', beforeToc: false };
    const body = '<body><dl><dt>党建</dt><dd>“引号” &amp; 正文</dd></dl></body>';
    const same = (t: string): void => {
      const text = packDocument(t, 'zh-CN', { ...doc, body });
      expect(packDocument(t, 'zh-CN', { ...doc, body: Buffer.from(body, 'utf8') })).toEqual(text);
    };
    same(template);
    // Templates that show the body twice, transform it or print its length are rendered with the body itself.
    same(template.replace('<%- body %>', '<%- body %><!-- <%- body %> -->'));
    same(template.replace('<%- body %>', '<%- body.replace("正文", "本文") %>'));
    same(template.replace('<%- body %>', '<%- body %><!-- <%= body.length %> -->'));
    expect(packDocument(template, 'zh-CN', { ...doc, body: Buffer.from(body, 'utf8') }).size).toBe(Buffer.byteLength(template.replace('<%- body %>', body).replace(/<%= lang %>/g, 'zh-CN').replace('<%= title %>', '术语表')));
  });
});

describe('EPUB units reused from the cache', () => {
  it('an unchanged book computes no unit and gives the same bytes as a render without cache', async () => {
    const counting = countingContext();
    const first = await render(book, counting.context);
    expect(counting.computed.filter((u) => u === 'epub-chapter')).toHaveLength(12);
    counting.reset();
    const second = await render(book, counting.context);
    expect(counting.computed).toEqual([]);
    expect(counting.reused.length).toBeGreaterThan(12);
    expect(second.equals(first)).toBe(true);
    expect((await render(book, uncached())).equals(first)).toBe(true);
  });

  it('a changed sentence remakes that article’s chapter only', async () => {
    const counting = countingContext();
    await render(book, counting.context);
    const edited = structuredClone(book);
    editSentence(edited.children[6]!);
    counting.reset();
    const bytes = await render(edited, counting.context);
    expect(counting.computed.sort()).toEqual(['article-facts', 'epub-chapter']);
    expect(bytes.equals(await render(edited, uncached()))).toBe(true);
    expect([...unpack(bytes).xhtml.keys()].some((name) => unpack(bytes).text(`OEBPS/${name}`).includes('（修改后加上的话）'))).toBe(true);
  });

  it('a changed title remakes the chapters that show it and the documents that list it', async () => {
    const counting = countingContext();
    await render(book, counting.context);
    const edited = structuredClone(book);
    const target = edited.children[6]!;
    target.data.title = `${target.data.title}（修订）`;
    counting.reset();
    const bytes = await render(edited, counting.context);
    const listing = edited.children.filter((a) => a.id === target.id || a.data.related.slice(0, 3).some((r) => r.articleId === target.id));
    expect(counting.computed.filter((u) => u === 'epub-chapter')).toHaveLength(listing.length);
    expect(listing.length).toBeLessThan(edited.children.length);
    // The glossary's back-links name the article by its title.
    expect(counting.computed).toContain('epub-document');
    expect(bytes.equals(await render(edited, uncached()))).toBe(true);
  });

  it('raises the messages of a reused chapter again', async () => {
    const broken = sampleIr();
    const sentence = broken.children[0]!.children.find((b) => b.type === 'paragraph')!.children[0]!;
    sentence.children.push({ type: 'term', id: 'a1-x', value: '未知', data: { termId: 'nope', first: true }, position: { start: { line: 9, column: 3 }, end: { line: 9, column: 5 } } });
    const counting = countingContext();
    await render(broken, counting.context);
    const first = counting.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`);
    expect(first).toHaveLength(1);
    counting.reset();
    await render(broken, counting.context);
    expect(counting.computed).toEqual([]);
    expect(counting.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)).toEqual(first);
  });

  it('reuses a Traditional edition’s units too, with the same bytes as a render without cache', async () => {
    const hant = toEdition(book, 'hant');
    const counting = countingContext();
    const first = await render(hant, counting.context);
    counting.reset();
    expect((await render(hant, counting.context)).equals(first)).toBe(true);
    expect(counting.computed).toEqual([]);
    expect((await render(hant, uncached())).equals(first)).toBe(true);
  });
});

describe('EPUB through build() with a cache folder', () => {
  it('rebuilds an unchanged book from the cache, and after an edit gives what a clean build gives', async () => {
    const corpus = join(work, 'build-corpus');
    await twelveArticles(corpus);
    const cache = join(work, 'cache');
    const first = await build(buildOptions('epub', corpus, join(work, 'out-1'), cache));
    expect(first.work.units.computed).toBeGreaterThan(12);

    const again = await build(buildOptions('epub', corpus, join(work, 'out-2'), cache));
    expect(again.work.rendered).toEqual(['epub']);
    expect(again.work.units.computed).toBe(0);
    // Nor are the articles' children read: the build keeps them as text, the renderer takes what it shows from units.
    expect(again.work.cachedArticlesParsed).toBe(0);
    expect(await readFile(join(work, 'out-2', 'compendium.epub'))).toEqual(await readFile(join(work, 'out-1', 'compendium.epub')));

    const name = (await readdir(corpus)).filter((f) => f.endsWith('.txt')).sort()[6]!;
    const text = await readFile(join(corpus, name), 'utf8');
    const stop = text.indexOf('。', Math.floor(text.length / 2));
    await writeFile(join(corpus, name), `${text.slice(0, stop)}，这是修改后加上的一句话${text.slice(stop)}`);
    const edited = await build(buildOptions('epub', corpus, join(work, 'out-1'), cache));
    expect(edited.work.units.computed).toBeGreaterThan(0);
    expect(edited.work.units.computed).toBeLessThanOrEqual(6);
    expect(edited.work.cachedArticlesParsed).toBe(0);
    await build(buildOptions('epub', corpus, join(work, 'out-clean'), null));
    const rebuilt = await readFile(join(work, 'out-1', 'compendium.epub'));
    expect(rebuilt.equals(await readFile(join(work, 'out-clean', 'compendium.epub')))).toBe(true);
    expect(rebuilt.equals(await readFile(join(work, 'out-2', 'compendium.epub')))).toBe(false);
  }, 180_000);
});
