/**
 * The PDF booklet checked with real tools: pdffonts, qpdf, pdftotext, pdfinfo, pdftoppm. The corpus is
 * built twice (for the byte-identity check) once for the whole file; the sample IR is rendered directly.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../../pipeline/build.js';
import type { Diagnostic } from '../../../pipeline/diagnostics.js';
import { toEdition } from '../../../pipeline/edition.js';
import { toText, type Root } from '../../../pipeline/ir.js';
import { uncachedContext, type RenderContext } from '../../../pipeline/render/index.js';
import { BOOKLET_FILE, PDF_FILE, prepareBook, renderPdf, type PreparedBook } from '../../../pipeline/render/pdf/index.js';
import { prohibitedAtLineEnd, prohibitedAtLineStart } from '../../../pipeline/render/pdf/layout/chars.js';
import type { LineItem } from '../../../pipeline/render/pdf/layout/types.js';
import { inPinyinOrder } from '../../../pipeline/render/pdf/sections/glossary.js';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { documentId, outline, pageLabels, pageTexts, pdffonts, pdfInfo, qpdfJson, run, squash, type OutlineItem } from './pdf-tools.js';

const EPOCH = 1717200000; // 2024-06-01
const OUTPUT = join(process.cwd(), 'tests', '.output', 'pdf');

let tmp: string;
let first: BuildResult;
let pdf: string;
let booklet: string;
let secondPdf: Buffer;
let secondBooklet: Buffer;
let prepared: PreparedBook;
let samplePdf: string;
const messages: Diagnostic[] = [];

function context(report: (d: Diagnostic) => void = () => {}): RenderContext {
  return uncachedContext({ templatesDir: join(process.cwd(), 'templates'), sourceDateEpoch: EPOCH, pageSize: 'A5', impose: null }, report);
}

async function buildInto(out: string): Promise<BuildResult> {
  return build({
    corpusDir: join(process.cwd(), 'corpus'),
    outDir: out,
    formats: ['pdf'],
    script: 'hans',
    strict: false,
    templatesDir: join(process.cwd(), 'templates'),
    sourceDateEpoch: EPOCH,
    pageSize: 'A5',
    impose: 'booklet',
    cacheDir: null,
    onMessage: (d) => messages.push(d),
  });
}

async function renderTo(root: Root, file: string): Promise<Buffer> {
  const [out] = await renderPdf(root, context());
  await writeFile(file, out!.data);
  return Buffer.from(out!.data);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'compendium-pdf-'));
  first = await buildInto(join(tmp, 'a'));
  pdf = join(tmp, 'a', PDF_FILE);
  booklet = join(tmp, 'a', BOOKLET_FILE);
  await buildInto(join(tmp, 'b'));
  secondPdf = await readFile(join(tmp, 'b', PDF_FILE));
  secondBooklet = await readFile(join(tmp, 'b', BOOKLET_FILE));
  prepared = await prepareBook(toEdition(first.root, 'hans'), context());
  samplePdf = join(tmp, 'sample.pdf');
  await renderTo(sampleIr(), samplePdf);
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Page texts inside the text block only (no running heads or folios). */
function bodyTexts(file: string): string[] {
  const g = prepared.geometry;
  return pageTexts(file, { y: g.top - 2, height: g.textHeight + 4, width: g.width });
}

function lineItems(book: PreparedBook): Array<LineItem & { page: number }> {
  return book.layout.pages.flatMap((p) => p.items.filter((i): i is LineItem => i.type === 'line').map((i) => ({ ...i, page: p.index })));
}

describe('the PDF booklet', () => {
  it('builds without render errors and writes the reading copy and the booklet', () => {
    expect(messages.filter((d) => d.severity === 'error' && d.source.startsWith('render'))).toEqual([]);
    expect(first.outputs).toContain(PDF_FILE);
    expect(first.outputs).toContain(BOOKLET_FILE);
  });

  it('embeds every font as a subset with a ToUnicode map', () => {
    for (const file of [pdf, booklet, samplePdf]) {
      const fonts = pdffonts(file);
      expect(fonts.length).toBeGreaterThanOrEqual(2);
      for (const f of fonts) {
        expect(f, `${file}: ${f.name}`).toMatchObject({ embedded: true, subset: true, unicode: true });
        expect(f.name).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC-/);
      }
    }
  });

  it('passes qpdf --check', () => {
    for (const file of [pdf, booklet, samplePdf]) {
      const r = run('qpdf', ['--check', file]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/No syntax or stream encoding errors found/);
    }
  });

  it('gives back the text of every paragraph and heading of the IR', () => {
    const text = squash(bodyTexts(pdf).join(''));
    // Characters the fonts lack print as empty boxes and are reported; they cannot come back as text.
    const unprintable = new Set(messages.filter((d) => d.ruleId === 'glyph-missing').map((d) => String.fromCodePoint(parseInt(/U\+([0-9A-F]+)/.exec(d.message)![1]!, 16))));
    const printable = (s: string): string => [...s].filter((ch) => !unprintable.has(ch)).join('');
    const missing: string[] = [];
    let count = 0;
    for (const article of first.root.children) {
      for (const block of article.children) {
        if (block.type === 'separator') continue;
        count++;
        const expected = printable(squash(toText(block)));
        if (!text.includes(expected)) missing.push(`${article.data.sourceFile}: ${expected.slice(0, 40)}`);
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('breaks no line against the kinsoku rules and justifies at least 98% of body lines to the margin', () => {
    const lines = lineItems(prepared);
    const violations: string[] = [];
    let bodyLines = 0;
    let flush = 0;
    for (const item of lines) {
      const line = item.line;
      const chars = [...line.text];
      if (chars.length === 0) continue;
      // A break happened before every line that does not start its paragraph, after every non-final one.
      if (line.start > 0 && prohibitedAtLineStart(chars[0]!)) violations.push(`line start: ${line.text}`);
      if (!line.final && prohibitedAtLineEnd(chars.at(-1)!)) violations.push(`line end: ${line.text}`);
      if (/—$/.test(line.text) && !/——$/.test(line.text)) violations.push(`split dash: ${line.text}`);
      if (item.role === 'body' && !line.final) {
        bodyLines++;
        if (Math.abs(line.right - line.measure) < 0.01) flush++;
      }
    }
    expect(violations).toEqual([]);
    expect(bodyLines).toBeGreaterThan(300);
    expect(flush / bodyLines).toBeGreaterThanOrEqual(0.98);
  });

  it('never leaves a paragraph ending with one character alone on its last line, nor a heading at a page foot', () => {
    const lines = lineItems(prepared);
    const lonely = lines.filter((i) => i.role === 'body' && i.line.final && i.line.start > 0 && squash(i.line.text).replace(/[，。、；：？！”’）》」』…—]/g, '').length <= 1);
    expect(lonely.map((i) => i.line.text)).toEqual([]);
    for (const page of prepared.layout.pages) {
      const items = page.items.filter((i): i is LineItem => i.type === 'line' && i.struct !== null);
      const last = items.at(-1);
      if (last) expect(last.role, `page ${page.index + 1} ends with a heading: ${last.line.text}`).not.toBe('heading');
    }
  });

  it('prints contents page numbers equal to the pages where the articles start, each on a right-hand page', () => {
    const info = pdfInfo(pdf);
    const pages = Number(info.Pages);
    const labels = pageLabels(pdf, pages);
    const items = outline(pdf);
    const texts = bodyTexts(pdf);
    const contentsStart = texts.findIndex((t) => squash(t).startsWith('目录'));
    expect(contentsStart).toBeGreaterThan(0);
    const articles = first.root.children;
    expect(items.length).toBeGreaterThanOrEqual(articles.length);
    const firstArticlePage = items[0]!.page;
    const contentsText = squash(texts.slice(contentsStart, firstArticlePage - 1).join(''));
    for (const [i, article] of articles.entries()) {
      const item = items[i]!;
      const title = squash(article.data.title);
      expect(squash(item.title)).toBe(title);
      expect(item.page % 2, `${article.data.title} starts on a left-hand page`).toBe(1);
      expect(squash(texts[item.page - 1]!).startsWith(title), `page ${item.page} does not start with ${title}`).toBe(true);
      expect(contentsText).toContain(title + labels[item.page - 1]);
      for (const kid of item.kids) expect(squash(texts[kid.page - 1]!)).toContain(squash(kid.title));
    }
  });

  it('points every glossary “see page N” at a page that holds the term', async () => {
    const checked = (file: string, root: Root): number => {
      const texts = bodyTexts(file);
      const labels = pageLabels(file, texts.length);
      const items = outline(file);
      const glossaryItem = items.find((i: OutlineItem) => i.title === '术语表');
      if (root.data.glossary.length === 0) return 0;
      expect(glossaryItem).toBeDefined();
      const indexItem = items.find((i: OutlineItem) => i.title === '索引');
      const glossaryText = squash(texts.slice(glossaryItem!.page - 1, indexItem ? indexItem.page - 1 : texts.length).join(''));
      let n = 0;
      let from = 0;
      for (const entry of inPinyinOrder(root.data.glossary)) {
        // The entry's head is the term with its category, after the entry before it.
        const escape = (t: string): string => squash(t).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const head = new RegExp(`${escape(entry.term)}(?:又作[^〔]*)?${entry.category ? `〔${escape(entry.category)}〕` : ''}`, 'g');
        head.lastIndex = from;
        const at = head.exec(glossaryText)?.index ?? -1;
        expect(at, entry.term).toBeGreaterThanOrEqual(0);
        from = at + 1;
        if (entry.occurrences.length === 0) continue;
        const m = /见第([\d、]+)页/.exec(glossaryText.slice(at));
        expect(m, `no page references after ${entry.term}`).not.toBeNull();
        for (const page of m![1]!.split('、')) {
          const index = labels.indexOf(page);
          expect(index, `label ${page}`).toBeGreaterThanOrEqual(0);
          const pageText = squash(texts[index]! + (texts[index + 1] ?? '').slice(0, 20));
          const forms = [entry.term, ...entry.aliases].map(squash);
          expect(forms.some((f) => pageText.includes(f)), `page ${page} does not hold ${entry.term}`).toBe(true);
          n++;
        }
      }
      return n;
    };
    expect(checked(samplePdf, sampleIr())).toBeGreaterThanOrEqual(3);
    expect(checked(pdf, first.root)).toBeGreaterThan(first.root.data.glossary.length);
  });

  it('lists the index entries with the pages they occur on', () => {
    const texts = bodyTexts(samplePdf);
    const labels = pageLabels(samplePdf, texts.length);
    const indexItem = outline(samplePdf).find((i) => i.title === '索引')!;
    const indexText = squash(texts.slice(indexItem.page - 1).join(''));
    const doc = sampleIr().data.documents[0]!;
    const m = new RegExp(`《${doc.title}》([\\d，]+)`).exec(indexText);
    expect(m).not.toBeNull();
    for (const page of m![1]!.split('，')) expect(squash(texts[labels.indexOf(page)]!)).toContain(doc.title);
  });

  it('is byte-identical when built twice with the same SOURCE_DATE_EPOCH', async () => {
    expect((await readFile(pdf)).equals(secondPdf)).toBe(true);
    expect((await readFile(booklet)).equals(secondBooklet)).toBe(true);
  });

  it('gives two different books different document /IDs', async () => {
    const corpusId = documentId(await readFile(pdf));
    const sampleId = documentId(await readFile(samplePdf));
    const changed = sampleIr();
    changed.children[0]!.data.date = '2022-07-08';
    const changedId = documentId(await renderTo(changed, join(tmp, 'changed.pdf')));
    expect(new Set([corpusId, sampleId, changedId]).size).toBe(3);
    expect(documentId(await readFile(booklet))).not.toBe(corpusId);
  });

  it('imposes the pages two-up on A4 landscape in saddle-stitch order', () => {
    const pages = Number(pdfInfo(pdf).Pages);
    const info = pdfInfo(booklet);
    expect(Number(info.Pages)).toBe(Math.ceil(pages / 4) * 2);
    expect(info['Page size']).toMatch(/^841\.89 x 595\.276 pts \(A4\)/);
    // Front of the first sheet: the last page (blank or back matter) on the left, the cover on the right.
    const half = { y: 0, height: 595, width: 421 };
    const right = pageTexts(booklet, { ...half }).length;
    expect(right).toBe(Number(info.Pages));
    const cover = squash(pageTexts(pdf)[0]!);
    const sheetRight = squash(run('pdftotext', ['-raw', '-f', '1', '-l', '1', '-x', '421', '-y', '0', '-W', '421', '-H', '595', booklet, '-']).stdout);
    expect(sheetRight).toBe(cover);
    // Back of the first sheet: page 2 on the left, page N-1 on the right.
    const page2 = squash(pageTexts(pdf)[1] ?? '');
    const sheetBackLeft = squash(run('pdftotext', ['-raw', '-f', '2', '-l', '2', '-x', '0', '-y', '0', '-W', '420', '-H', '595', booklet, '-']).stdout);
    expect(sheetBackLeft).toBe(page2);
  });

  it('carries metadata from the IR and SOURCE_DATE_EPOCH, /Lang, a tagged structure and escaped XMP', async () => {
    const info = pdfInfo(samplePdf);
    expect(info.Title).toBe('机关党建学习文选 & <测试>');
    expect(info.Author).toBe('学习小组');
    expect(info.Subject).toBe('强化政治机关意识');
    expect(info.CreationDate).toBe('2024-06-01T00:00:00Z');
    expect(info.Tagged).toBe('yes');
    const raw = (await readFile(samplePdf)).toString('latin1');
    const xmp = Buffer.from(/<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(raw)![0], 'latin1').toString('utf8');
    expect(xmp).toContain('机关党建学习文选 &amp; &lt;测试&gt;');
    expect(xmp).not.toContain('& <测试>');
    expect(xmp).toContain('<xmp:CreateDate>2024-06-01T00:00:00Z</xmp:CreateDate>');
    const json = qpdfJson(samplePdf, ['qpdf']) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const objects = json.qpdf[1];
    const catalog = Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog')!.value!;
    expect(catalog['/Lang']).toBe('u:zh-CN');
    const tree = objects[`obj:${catalog['/StructTreeRoot']}`]!.value!;
    const kids = ([] as unknown[]).concat(tree['/K']);
    expect(kids).toHaveLength(1);
    expect(objects[`obj:${kids[0]}`]!.value!['/S']).toBe('/Document');
  });

  it('tags each article’s title H1 in its Art, the contents’ title H1 in the TOC, a related list a Div of Ps', () => {
    const lines = run('pdfinfo', ['-struct-text', pdf]).stdout.split('\n');
    const below = (element: RegExp): string[] => lines.flatMap((l, i) => (element.test(l) ? [lines[i + 1] ?? ''] : []));
    const articles = below(/^ {2}Art\b/);
    expect(articles).toHaveLength(first.root.children.length);
    for (const next of articles) expect(next).toMatch(/^ {4}H1\b/);
    expect(below(/^ {2}TOC\b/)).toEqual([expect.stringMatching(/^ {4}H1\b/)]);
    const related = below(/^ {4}Div\b/);
    expect(related.length).toBeGreaterThan(0);
    for (const next of related) expect(next).toMatch(/^ {6}P\b/);
  });

  it('says zh-TW in /Lang for the Traditional edition', async () => {
    const file = join(tmp, 'hant.pdf');
    await renderTo(toEdition(sampleIr(), 'hant'), file);
    const json = qpdfJson(file, ['qpdf']) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const catalog = Object.values(json.qpdf[1]).find((o) => o.value?.['/Type'] === '/Catalog')!.value!;
    expect(catalog['/Lang']).toBe('u:zh-TW');
    expect(squash(pageTexts(file).join(''))).toContain('術語表');
  });

  it('reports an unknown page size as an error naming the style file', async () => {
    const reported: Diagnostic[] = [];
    const files = await renderPdf(sampleIr(), uncachedContext({ ...context().options, pageSize: 'A17' }, (d) => reported.push(d)));
    expect(files).toEqual([]);
    expect(reported).toMatchObject([{ severity: 'error', ruleId: 'page-size-unknown' }]);
    expect(reported[0]!.file).toMatch(/style\.yaml$/);
  });

  it('renders the pages a reader looks at first to PNG (tests/.output/pdf)', async () => {
    await mkdir(OUTPUT, { recursive: true });
    const items = outline(pdf);
    const sampleItems = outline(samplePdf);
    const shots: Array<[string, string, number]> = [
      ['cover', pdf, 1],
      ['contents', pdf, bodyTexts(pdf).findIndex((t) => squash(t).startsWith('目录')) + 1],
      ['article', pdf, items[0]!.page],
      ['article-next', pdf, items[0]!.page + 1],
      ['glossary', items.find((i) => i.title === '术语表') ? pdf : samplePdf, (items.find((i) => i.title === '术语表') ?? sampleItems.find((i) => i.title === '术语表')!).page],
      ['index', items.find((i) => i.title === '索引') ? pdf : samplePdf, (items.find((i) => i.title === '索引') ?? sampleItems.find((i) => i.title === '索引')!).page],
      ['sheet-1-front', booklet, 1],
      ['sheet-2-front', booklet, 3],
    ];
    for (const [name, file, page] of shots) {
      const r = run('pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', String(page), '-l', String(page), file, join(OUTPUT, name)]);
      expect(r.status, r.stderr).toBe(0);
      expect((await readFile(join(OUTPUT, `${name}.png`))).length).toBeGreaterThan(5000);
    }
  });
});
