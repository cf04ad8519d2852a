/**
 * The EPUB renderer on the hand-made sample IR (every node kind, hostile text): structure, links, notes,
 * metadata and reproducibility, checked by unpacking the file, and validity by EPUBCheck.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { select, selectAll } from 'hast-util-select';
import { toText as hastText } from 'hast-util-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../pipeline/diagnostics.js';
import { toEdition } from '../../../pipeline/edition.js';
import type { Root } from '../../../pipeline/ir.js';
import { renderEpub } from '../../../pipeline/render/epub/index.js';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { byType, epubcheck, idsOf, nonAsciiReferences, resolveHref, unpack, type Unpacked } from './helpers.js';
import { uncachedContext } from '../../../pipeline/render/index.js';

const TEMPLATES = resolve(import.meta.dirname, '../../../templates');
const EPOCH = 1700000000;

async function render(root: Root, epoch = EPOCH): Promise<{ bytes: Uint8Array; messages: Diagnostic[] }> {
  const messages: Diagnostic[] = [];
  const files = await renderEpub(root, uncachedContext({ templatesDir: TEMPLATES, sourceDateEpoch: epoch, pageSize: 'A5', impose: null }, (d) => messages.push(d)));
  expect(files.map((f) => f.path)).toEqual(['compendium.epub']);
  return { bytes: files[0]!.data as Uint8Array, messages };
}

let work: string;
let bytes: Uint8Array;
let epub: Unpacked;
let messages: Diagnostic[];
const root = sampleIr();
// One entry names an article of the book that explains it, one names an article that is not in it.
root.data.glossary.find((g) => g.id === 'g-shyk')!.seeArticle = 'a2';
root.data.glossary.find((g) => g.id === 'g-lgwh')!.seeArticle = 'a9';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-epub-sample-'));
  ({ bytes, messages } = await render(root));
  epub = unpack(bytes);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('EPUB from the sample IR', () => {
  it('passes EPUBCheck with no errors and no warnings, hostile text included', async () => {
    const file = join(work, 'sample.epub');
    await writeFile(file, bytes);
    const result = await epubcheck(file);
    expect(result.messages.map((m) => `${m.severity} ${m.ID} ${m.message} ${JSON.stringify(m.locations?.[0])}`)).toEqual([]);
    expect(result.nFatal + result.nError + result.nWarning).toBe(0);
    expect(messages).toEqual([]);
  }, 240_000);

  it('starts with an uncompressed mimetype entry, as the OCF container requires', () => {
    expect(epub.names[0]).toBe('mimetype');
    expect(epub.text('mimetype')).toBe('application/epub+zip');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0); // stored
    expect(view.getUint16(28, true)).toBe(0); // no extra field
  });

  it('is byte-identical for the same IR and epoch, and stamps the epoch on every zip entry', async () => {
    const again = await render(structuredClone(root));
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
    const later = await render(structuredClone(root), EPOCH + 86_400);
    expect(Buffer.from(later.bytes).equals(Buffer.from(bytes))).toBe(false);
    expect(unpack(later.bytes).text('OEBPS/content.opf')).toContain('<meta property="dcterms:modified">2023-11-15T22:13:20Z</meta>');
    // DOS date of the first local header: 2023-11-14 (UTC)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const dosDate = view.getUint16(12, true);
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 15, dosDate & 31]).toEqual([2023, 11, 14]);
  });

  it('writes the package metadata: language, stable identifier, creators, dates, accessibility', () => {
    const opf = epub.text('OEBPS/content.opf');
    expect(opf).toMatch(/<package [^>]*xml:lang="zh-CN"/);
    expect(opf).toContain('<dc:language>zh-CN</dc:language>');
    expect(opf).toContain(`<dc:identifier id="book-id">${root.data.book.identifier}</dc:identifier>`);
    expect(opf).toContain('<dc:title id="title">机关党建学习文选 &amp; &lt;测试&gt;</dc:title>');
    expect(opf).toContain('<dc:title id="subtitle">强化政治机关意识</dc:title>');
    expect(opf).toMatch(/<dc:creator id="creator-1">学习小组<\/dc:creator>\s*<meta refines="#creator-1" property="role" scheme="marc:relators">com<\/meta>/);
    expect(opf).toContain('<dc:contributor id="contributor-1">交流中心党委书记、主任鄢东</dc:contributor>');
    expect(opf).toContain('<dc:date>2024-01-01</dc:date>');
    expect(opf).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>');
    for (const property of ['accessMode', 'accessModeSufficient', 'accessibilityFeature', 'accessibilityHazard', 'accessibilitySummary']) {
      expect(opf).toContain(`<meta property="schema:${property}">`);
    }
    expect(opf).toMatch(/<item id="cover-image" href="cover.svg" media-type="image\/svg\+xml" properties="cover-image"\/>/);
    expect(opf).not.toMatch(/xml:lang="en"/);
  });

  it('lists the articles with their sections in the nav, plus landmarks that resolve', () => {
    const nav = epub.xhtml.get('toc.xhtml')!;
    const toc = byType(nav, 'toc')[0]!;
    const top = selectAll(':scope > ol > li', toc);
    expect(top.map((li) => hastText(select('a', li)!))).toEqual([...root.children.map((a) => a.data.title), '术语表', '引用文献索引']);
    expect(select('a', top[0]!)!.properties.href).toBe('chapter-a1.xhtml');
    const sections = selectAll(':scope > ol > li', top[0]!);
    expect(sections.map((li) => hastText(select('a', li)!))).toEqual(['一、抓政治引领，把“两个维护”落到实处']);
    expect(select('a', sections[0]!)!.properties.href).toBe('chapter-a1.xhtml#a1-h1');
    expect(selectAll('ol > li > a', sections[0]!).map((a) => hastText(a))).toEqual(['（一）具有深刻的理论逻辑。']);
    const marks = byType(nav, 'landmarks')[0]!;
    const types = selectAll('a', marks).map((a) => String(a.properties['epub:type']));
    expect(types).toEqual(['cover', 'titlepage', 'toc', 'bodymatter', 'glossary', 'index']);
  });

  it('names each chapter file after its article and titles it with the article title', () => {
    for (const article of root.children) {
      const doc = epub.xhtml.get(`chapter-${article.id}.xhtml`);
      expect(doc, article.id).toBeDefined();
      expect(hastText(select('title', doc!)!)).toBe(article.data.title);
      expect(hastText(select('h1', doc!)!)).toBe(article.data.title);
    }
  });

  it('links the first occurrence of a term in each article to a footnote that links back', () => {
    const a1 = epub.xhtml.get('chapter-a1.xhtml')!;
    const refs = byType(a1, 'noteref');
    expect(refs.map((r) => [r.properties.id, r.properties.href, hastText(r)])).toEqual([['a1-p1.1.t2', '#fn-g-lgwh', '两个维护']]);
    // the later occurrence (in a heading) stays text but keeps its id for the glossary's back-links
    expect(select('h2 span.term', a1)!.properties.id).toBe('a1-h1.t2');
    const notes = byType(a1, 'footnote');
    expect(notes.map((n) => [n.tagName, n.properties.id])).toEqual([['aside', 'fn-g-lgwh']]);
    expect(select('a[role="doc-backlink"]', notes[0]!)!.properties.href).toBe('#a1-p1.1.t2');
    expect(hastText(notes[0]!)).toContain('坚决维护党中央权威和集中统一领导');

    const a2 = epub.xhtml.get('chapter-a2.xhtml')!;
    expect(byType(a2, 'noteref').map((r) => r.properties.href)).toEqual(['#fn-g-lgwh', '#fn-g-shyk']);
    expect(byType(a2, 'footnote').map((n) => n.properties.id)).toEqual(['fn-g-lgwh', 'fn-g-shyk']);
  });

  it('resolves every internal link in every document', () => {
    const ids = new Map([...epub.xhtml].map(([file, tree]) => [file, idsOf(tree)]));
    let checked = 0;
    for (const [file, tree] of epub.xhtml) {
      for (const a of selectAll('a[href]', tree)) {
        const [target, id] = resolveHref(file, String(a.properties.href));
        expect(ids.has(target), `${file} → ${String(a.properties.href)}`).toBe(true);
        if (id !== null) expect(ids.get(target)!.has(id), `${file} → ${String(a.properties.href)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('keeps the glossary in IR order with back-links to every occurrence', () => {
    const glossary = epub.xhtml.get('glossary.xhtml')!;
    expect(byType(glossary, 'glossterm').map((dt) => [dt.properties.id, hastText(dt)])).toEqual(root.data.glossary.map((g) => [g.id, g.term]));
    const lgwh = root.data.glossary.find((g) => g.id === 'g-lgwh')!;
    const dd = byType(glossary, 'glossdef')[root.data.glossary.indexOf(lgwh)]!;
    expect(selectAll('a.backlink', dd).map((a) => a.properties.href)).toEqual(['chapter-a1.xhtml#a1-p1.1.t2', 'chapter-a1.xhtml#a1-h1.t2', 'chapter-a2.xhtml#a2-p1.1.t2']);
    expect(hastText(dd)).toContain('又作：“两个维护”');
    expect(select('.see-article', dd)).toBeUndefined();
    const shyk = byType(glossary, 'glossdef')[root.data.glossary.findIndex((g) => g.id === 'g-shyk')]!;
    expect(select('.see-article a', shyk)!.properties.href).toBe('chapter-a2.xhtml');
    expect(hastText(select('.see-article', shyk)!)).toBe('参见：让每个党支部都成为党旗高高飘扬的战斗堡垒');
  });

  it('indexes the cited documents and events with links to the citing passages', () => {
    const index = epub.xhtml.get('documents.xhtml')!;
    const entries = byType(index, 'index-entry');
    expect(entries.map((e) => hastText(byType({ type: 'root', children: [e] }, 'index-term')[0]!))).toEqual(['《习近平外交思想学习纲要》']);
    expect(byType({ type: 'root', children: [entries[0]!] }, 'index-locator').map((a) => a.properties.href)).toEqual(['chapter-a1.xhtml#a1-p1']);
    expect(hastText(select('#events', index)!)).toContain('2019年7月9日 中央和国家机关党的建设工作会议');
  });

  it('writes the characters themselves, never numeric references, and keeps hostile text as text', () => {
    for (const name of epub.names.filter((n) => /\.(xhtml|opf|ncx)$/.test(n))) {
      expect(nonAsciiReferences(epub.text(name)), name).toEqual([]);
    }
    const a1 = epub.xhtml.get('chapter-a1.xhtml')!;
    expect(selectAll('script, img', a1)).toEqual([]);
    expect(hastText(select('#a1-p2', a1)!)).toContain('测试<script>alert(1)</script>与"><img src=x onerror=alert(1)>和 A&B。');
    expect(epub.text('OEBPS/chapter-a1.xhtml')).toContain('外交部党委认真学习贯彻');
  });

  it('has a cover image from the title, and a title page', () => {
    const svg = epub.text('OEBPS/cover.svg');
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>封面：机关党建学习文选 &amp; &lt;测试&gt;</title>');
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(3);
    const cover = epub.xhtml.get('cover.xhtml')!;
    expect(select('img', cover)!.properties).toMatchObject({ src: 'cover.svg', alt: '封面：机关党建学习文选 & <测试>' });
    const title = epub.xhtml.get('titlepage.xhtml')!;
    expect(hastText(select('h1', title)!)).toBe('机关党建学习文选 & <测试>');
    expect(hastText(title)).toContain('学习小组 编');
    expect(hastText(title)).toContain('2024年1月1日');
  });

  it('reports a node type it does not know, and still renders its text', async () => {
    const odd = sampleIr();
    odd.children[1]!.children.push({ type: 'figure', id: 'a2-f1', value: '图注文字' } as never);
    const result = await render(odd);
    expect(result.messages.map((m) => [m.severity, m.ruleId, m.file])).toEqual([['warning', 'unknown-node', 'a2.txt']]);
    expect(unpack(result.bytes).text('OEBPS/chapter-a2.xhtml')).toContain('图注文字');
  });
});

describe('the Traditional edition', () => {
  it('declares zh-TW in the package and every document, and converts the EPUB’s own words', async () => {
    const { bytes: hant } = await render(toEdition(sampleIr(), 'hant'));
    const book = unpack(hant);
    const opf = book.text('OEBPS/content.opf');
    expect(opf).toMatch(/<package [^>]*xml:lang="zh-TW"/);
    expect(opf).toContain('<dc:language>zh-TW</dc:language>');
    expect(opf).toContain('機關黨建學習文選');
    for (const [file, tree] of book.xhtml) {
      const html = select('html', tree)!;
      expect([file, html.properties.xmlLang, html.properties.lang]).toEqual([file, 'zh-TW', 'zh-TW']);
    }
    expect(hastText(select('h1', book.xhtml.get('toc.xhtml')!)!)).toBe('目錄');
    expect(hastText(select('h1', book.xhtml.get('glossary.xhtml')!)!)).toBe('術語表');
  });
});

describe('books at the edges', () => {
  it('stay valid with no articles at all, with an untitled, empty article, or with no date anywhere', async () => {
    const empty = sampleIr();
    empty.children = [];
    empty.data = { ...empty.data, glossary: [], documents: [], events: [] };
    const untitled = sampleIr();
    untitled.children[1]!.data.title = '  ';
    untitled.children[1]!.children = [];
    const undated = sampleIr();
    undated.data.book.date = null;
    for (const article of undated.children) article.data.date = null;
    undated.data.events = [];
    const books = await Promise.all([render(empty), render(untitled), render(undated, 0)]);
    const files = await Promise.all(
      books.map(async (book, i) => {
        const file = join(work, `edge-${i}.epub`);
        await writeFile(file, book.bytes);
        return file;
      }),
    );
    const results = await Promise.all(files.map((f) => epubcheck(f)));
    for (const result of results) expect(result.messages.map((m) => `${m.ID} ${m.message}`)).toEqual([]);
    // The emptied article's terms are gone, not the glossary's record of them: those links are left out, with a warning.
    expect(books[1]!.messages.map((m) => m.ruleId)).toContain('occurrence-missing-anchor');
    expect(books[0]!.messages.map((m) => m.ruleId)).not.toContain('occurrence-missing-anchor');
    const toc = byType(unpack(books[0]!.bytes).xhtml.get('toc.xhtml')!, 'toc')[0]!;
    expect(selectAll('li > a', toc).map((a) => a.properties.href)).toEqual(['titlepage.xhtml']);
    // an untitled article is named by its source file wherever a title is shown
    const second = unpack(books[1]!.bytes).xhtml.get('chapter-a2.xhtml')!;
    expect(hastText(select('title', second)!)).toBe('a2.txt');
    // no publication date is made up: the package has none, and is stamped with the epoch it was given
    const opf = unpack(books[2]!.bytes).text('OEBPS/content.opf');
    expect(opf).not.toContain('<dc:date>');
    expect(opf).toContain('<meta property="dcterms:modified">1970-01-01T00:00:00Z</meta>');
  }, 240_000);
});
