/**
 * The EPUB of the real corpus, built once by the whole pipeline: EPUBCheck, the nav, language, notes and
 * chapter titles in the unpacked file, reproducibility, the Traditional edition, and a look at a chapter
 * the way a reading system's web view lays it out.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { select, selectAll } from 'hast-util-select';
import { toText as hastText } from 'hast-util-to-text';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../../pipeline/build.js';
import { toText, visit, type Root } from '../../../pipeline/ir.js';
import { byType, epubcheck, idsOf, nonAsciiReferences, resolveHref, unpack, type Unpacked } from './helpers.js';

const REPO = resolve(import.meta.dirname, '../../..');
const EPOCH = 1700000000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let work: string;
let corpus: string;
let root: Root;
let bytes: Uint8Array;
let epub: Unpacked;

function options(out: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    corpusDir: corpus,
    outDir: out,
    formats: ['epub'],
    script: 'hans',
    strict: false,
    templatesDir: join(REPO, 'templates'),
    sourceDateEpoch: EPOCH,
    pageSize: 'A5',
    impose: null,
    cacheDir: null,
    ...extra,
  };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-epub-'));
  corpus = join(work, 'corpus');
  await cp(join(REPO, 'corpus'), corpus, { recursive: true });
  const result = await build(options(join(work, 'out')));
  expect(result.outputs).toContain('compendium.epub');
  root = result.root;
  bytes = new Uint8Array(await readFile(join(work, 'out', 'compendium.epub')));
  epub = unpack(bytes);
}, 240_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('EPUB of the corpus', () => {
  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const result = await epubcheck(join(work, 'out', 'compendium.epub'));
    expect(result.messages.map((m) => `${m.severity} ${m.ID} ${m.message} ${JSON.stringify(m.locations?.[0])}`)).toEqual([]);
    expect([result.nFatal, result.nError, result.nWarning]).toEqual([0, 0, 0]);
  }, 240_000);

  it('has every article in the nav, in reading order, with its sections', () => {
    expect(root.children.length).toBeGreaterThan(0);
    const toc = byType(epub.xhtml.get('toc.xhtml')!, 'toc')[0]!;
    const items = selectAll(':scope > ol > li', toc);
    for (const [i, article] of root.children.entries()) {
      const item = items[i]!;
      const link = select(':scope > a', item)!;
      expect(hastText(link)).toBe(article.data.title);
      const file = String(link.properties.href);
      expect(epub.xhtml.has(file)).toBe(true);
      const sections = article.children.filter((b) => b.type === 'heading' && b.depth === 1);
      expect(selectAll(':scope > ol > li > a', item).map((a) => hastText(a))).toEqual(sections.map((s) => toText(s).trim()));
    }
  });

  it('titles each chapter with its article title', () => {
    const toc = byType(epub.xhtml.get('toc.xhtml')!, 'toc')[0]!;
    const files = selectAll(':scope > ol > li > a', toc).map((a) => String(a.properties.href));
    for (const [i, article] of root.children.entries()) {
      const doc = epub.xhtml.get(files[i]!)!;
      expect(hastText(select('title', doc)!)).toBe(article.data.title);
    }
  });

  it('declares the language in the package and in every document', () => {
    expect(root.data.lang).toBe('zh-CN');
    const opf = epub.text('OEBPS/content.opf');
    expect(opf).toMatch(/<package [^>]*xml:lang="zh-CN"/);
    expect(opf).toContain('<dc:language>zh-CN</dc:language>');
    expect(opf).toContain(`<dc:identifier id="book-id">${root.data.book.identifier}</dc:identifier>`);
    for (const tree of epub.xhtml.values()) expect(select('html', tree)!.properties.xmlLang).toBe('zh-CN');
  });

  it('makes each article’s first use of a term a noteref whose footnote exists and links back', () => {
    const toc = byType(epub.xhtml.get('toc.xhtml')!, 'toc')[0]!;
    const files = selectAll(':scope > ol > li > a', toc).map((a) => String(a.properties.href));
    let total = 0;
    for (const [i, article] of root.children.entries()) {
      const firsts = new Set<string>();
      visit(article, (node) => {
        if (node.type === 'term' && node.data.first) firsts.add(node.id);
      });
      const doc = epub.xhtml.get(files[i]!)!;
      const ids = idsOf(doc);
      const refs = byType(doc, 'noteref');
      expect(refs.length).toBe(firsts.size);
      for (const ref of refs) {
        const target = String(ref.properties.href).slice(1);
        const note = select(`[id="${target}"]`, doc);
        expect(note?.tagName).toBe('aside');
        expect(String(note?.properties['epub:type'])).toBe('footnote');
        const back = String(select('a[role="doc-backlink"]', note!)!.properties.href).slice(1);
        expect(ids.has(back)).toBe(true);
        total++;
      }
    }
    const terms = root.data.glossary.reduce((n, g) => n + g.occurrences.length, 0);
    if (terms > 0) expect(total).toBeGreaterThan(0);
  });

  it('resolves every internal link', () => {
    const ids = new Map([...epub.xhtml].map(([file, tree]) => [file, idsOf(tree)]));
    for (const [file, tree] of epub.xhtml) {
      for (const a of selectAll('a[href]', tree)) {
        const [target, id] = resolveHref(file, String(a.properties.href));
        expect(ids.has(target), `${file} → ${String(a.properties.href)}`).toBe(true);
        if (id !== null) expect(ids.get(target)!.has(id), `${file} → ${String(a.properties.href)}`).toBe(true);
      }
    }
  });

  it('holds CJK text as characters, not numeric references', () => {
    for (const name of epub.names.filter((n) => /\.(xhtml|opf|ncx)$/.test(n))) expect(nonAsciiReferences(epub.text(name)), name).toEqual([]);
    const toc = byType(epub.xhtml.get('toc.xhtml')!, 'toc')[0]!;
    const file = String(select(':scope > ol > li > a', toc)!.properties.href);
    const paragraph = root.children[0]!.children.find((b) => b.type === 'paragraph')!;
    expect(epub.text(`OEBPS/${file}`)).toContain(toText(paragraph).slice(0, 12));
  });

  it('is byte-identical when built again from the same sources and SOURCE_DATE_EPOCH', async () => {
    await build(options(join(work, 'again')));
    const again = new Uint8Array(await readFile(join(work, 'again', 'compendium.epub')));
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  }, 240_000);

  it('changes when one article changes', async () => {
    const changed = join(work, 'corpus-changed');
    await cp(corpus, changed, { recursive: true });
    const file = (await readdir(changed)).filter((f) => f.endsWith('.txt')).sort()[0]!;
    // Into the body (after its first paragraph): text after the page footer is not part of the article.
    const text = await readFile(join(changed, file), 'utf8');
    const at = text.indexOf('。\n') + 2;
    await writeFile(join(changed, file), `${text.slice(0, at)}\n这是为检验重建而补充的一段文字。\n${text.slice(at)}`);
    await build({ ...options(join(work, 'changed')), corpusDir: changed });
    const other = new Uint8Array(await readFile(join(work, 'changed', 'compendium.epub')));
    expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(false);
  }, 240_000);

  it('lays a chapter out for reading: justified, 2em indent, roomy lines (headless Chromium)', async () => {
    const dir = join(work, 'unpacked');
    await mkdir(dir, { recursive: true });
    for (const name of epub.names.filter((n) => n.startsWith('OEBPS/') && !n.endsWith('/'))) {
      await writeFile(join(dir, name.slice('OEBPS/'.length)), epub.text(name));
    }
    const toc = byType(epub.xhtml.get('toc.xhtml')!, 'toc')[0]!;
    const file = String(select(':scope > ol > li > a', toc)!.properties.href);
    const profile = await mkdtemp(join(tmpdir(), 'compendium-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 480, height: 800 } });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, file)}`);
      const style = await page.evaluate(() => {
        const p = [...document.querySelectorAll('section[role="doc-chapter"] > p')].find((e) => !e.className) as HTMLElement | undefined;
        if (!p) return null;
        const s = getComputedStyle(p);
        return { indent: parseFloat(s.textIndent), size: parseFloat(s.fontSize), align: s.textAlign, lineHeight: parseFloat(s.lineHeight) };
      });
      expect(style).not.toBeNull();
      expect(style!.indent).toBeCloseTo(2 * style!.size, 1);
      expect(style!.align).toBe('justify');
      expect(style!.lineHeight / style!.size).toBeGreaterThanOrEqual(1.6);
      await mkdir(join(REPO, 'tests/.output'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'tests/.output/epub-chapter.png') });
    } finally {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('EPUB of the Traditional edition (--script hant)', () => {
  it('is zh-TW in the package and the documents, and passes EPUBCheck', async () => {
    const out = join(work, 'hant');
    await build(options(out, { script: 'hant' }));
    const hant = unpack(new Uint8Array(await readFile(join(out, 'compendium.epub'))));
    const opf = hant.text('OEBPS/content.opf');
    expect(opf).toMatch(/<package [^>]*xml:lang="zh-TW"/);
    expect(opf).toContain('<dc:language>zh-TW</dc:language>');
    for (const tree of hant.xhtml.values()) expect(select('html', tree)!.properties.xmlLang).toBe('zh-TW');
    expect(hastText(select('h1', hant.xhtml.get('toc.xhtml')!)!)).toBe('目錄');
    const result = await epubcheck(join(out, 'compendium.epub'));
    expect([result.nFatal, result.nError, result.nWarning]).toEqual([0, 0, 0]);
  }, 240_000);
});
