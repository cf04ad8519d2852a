/**
 * The hostile corpus (tests/fixtures/hostile/corpus.ts) built once by the CLI into PDF, EPUB and HTML:
 * every case's diagnostic (rule, file, line, column) is in report.json and on the terminal, every good
 * article is built, the corpus folder is byte for byte unchanged, and the publications pass EPUBCheck
 * and the Nu HTML checker (the browser test is in browser.test.ts).
 */
import { execFile, execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../pipeline/diagnostics.js';
import { formatDiagnostic } from '../../pipeline/diagnostics.js';
import type { Root } from '../../pipeline/ir.js';
import type { BuildReport } from '../../pipeline/report.js';
import { allMessages } from '../../pipeline/report.js';
import { toText } from '../../pipeline/ir.js';
import { BROKEN_BOOK_YAML, HOSTILE_BOOK_TITLE, HUGE_FILE, INJECTED, hostileCases, type HostileCase } from '../fixtures/hostile/corpus.js';
import { epubcheck } from '../render/epub/helpers.js';
import { pageTexts } from '../render/pdf/pdf-tools.js';
import { launch, PROJECT, serve } from '../render/html/helpers.js';
import { unzipSync } from 'fflate';
import type { Nodes as XastNodes } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildHostile, copyRegular, hashTree, type HostileBuild } from './helpers.js';

let hostile: HostileBuild;
let report: BuildReport;
let ir: Root;
const messages = (): Diagnostic[] => allMessages(report);

beforeAll(async () => {
  hostile = await buildHostile('hostile-build', ['pdf', 'epub', 'html']);
  report = JSON.parse(await readFile(join(hostile.out, 'report.json'), 'utf8')) as BuildReport;
  ir = JSON.parse(await readFile(join(hostile.out, 'ir.json'), 'utf8')) as Root;
});
afterAll(async () => {
  await rm(hostile.work, { recursive: true, force: true });
});

const articleFiles = (): string[] => ir.children.map((a) => a.data.sourceFile);

describe('the hostile corpus', () => {
  it('exits with status 1, no stack trace, and the corpus folder is unchanged', async () => {
    expect(hostile.code).toBe(1);
    expect(hostile.corpusUnchanged).toBe(true);
    expect(hostile.err).not.toMatch(/\n\s+at /);
    expect(hostile.err).not.toMatch(/internal error/);
    // Nothing from file names or text drives the terminal: one message a line, no escape sequences.
    expect(hostile.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(hostile.err).toContain('line\\u{a}break\\u{1b}[2J.txt: error Unexpected empty file');
    expect(await hashTree(hostile.corpus)).toBe(hostile.corpusHash);
  });

  it('builds every seed article and every good hostile one: IR, HTML page, EPUB chapter, PDF', async () => {
    const seeds = await hostile.seedFiles();
    const good = hostileCases().filter((c) => c.expected.built).map((c) => c.file);
    expect(seeds.length).toBeGreaterThanOrEqual(5);
    expect(articleFiles().sort()).toEqual([...seeds, ...good].sort());
    // Each its own id (names differing in capitals or spacing too) and its own page with its own title.
    expect(new Set(ir.children.map((a) => a.id)).size).toBe(ir.children.length);
    for (const article of ir.children) {
      const page = await readFile(join(hostile.out, 'html', `${article.id}.html`), 'utf8');
      expect(page, article.data.sourceFile).toContain(`id="${article.children[0]!.id}"`);
    }
    const epub = await readFile(join(hostile.out, 'compendium.epub'));
    expect(epub.length).toBeGreaterThan(10_000);
    const pdfText = pageTexts(join(hostile.out, 'compendium.pdf')).join('').replace(/\s+/g, '');
    for (const article of ir.children) expect(pdfText, article.data.sourceFile).toContain(article.data.title.replace(/\s+/g, '').slice(0, 6));
  });

  it.each(casesNamed())('%s: its diagnostic, in the report and on the terminal', (_name, c) => {
    const mine = messages().filter((d) => d.file === c.file && (d.severity === 'error' || d.severity === 'warning'));
    if (c.expected.ruleId === null) {
      expect(mine.filter((d) => d.severity === 'error')).toEqual([]);
      expect(mine.filter((d) => !['title-missing'].includes(d.ruleId))).toEqual([]);
    } else {
      const d = mine.find((m) => m.ruleId === c.expected.ruleId);
      expect(d, JSON.stringify(mine)).toBeDefined();
      expect(d!.severity).toBe(c.expected.severity);
      if (c.expected.line !== undefined) expect(d!.line).toBe(c.expected.line);
      if (c.expected.column !== undefined) expect(d!.column).toBe(c.expected.column);
      expect(d!.message).toMatch(/^Unexpected .+, expected .+/);
      expect(hostile.err).toContain(formatDiagnostic(d!));
    }
    if (c.file.endsWith('.txt')) expect(articleFiles().includes(c.file)).toBe(c.expected.built);
  });

  it('leaves the text of the hostile articles intact: markup as text, controls and bidi characters removed', () => {
    const text = (file: string): string => JSON.stringify(ir.children.find((a) => a.data.sourceFile === file));
    const markup = text('markup.txt');
    for (const s of INJECTED) expect(markup).toContain(JSON.stringify(s).slice(1, -1));
    expect(text('controls.txt')).toContain('这一段含有控制[31m字符和空字节');
    expect(text('bidi.txt')).toContain('这一段含有倒序显示和隔离字符');
    expect(text('mixed.txt')).toContain('这一段却是用GBK编码保存的文字');
    expect(text('long-paragraph.txt').length).toBeGreaterThan(200_000);
    expect(JSON.stringify(ir)).not.toContain('语料库之外');
  });

  it('the PDF text layer holds the injected markup as text, as the IR has it', () => {
    const text = pageTexts(join(hostile.out, 'compendium.pdf')).join('').replace(/\s+/g, '');
    const markup = ir.children.find((a) => a.data.sourceFile === 'markup.txt')!;
    const paragraph = markup.children.map((b) => toText(b)).find((t) => t.includes(INJECTED[1]!))!;
    expect(text).toContain(paragraph.replace(/\s+/g, ''));
  });

  it('carries the hostile book title as text into the IR, the HTML titles, the EPUB metadata and the PDF metadata', async () => {
    expect(ir.data.book.title).toBe(HOSTILE_BOOK_TITLE);
    const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', join(hostile.out, 'compendium.pdf')], { encoding: 'utf8' });
    expect(/^Title:\s+(.*)$/m.exec(info)?.[1]).toBe(HOSTILE_BOOK_TITLE);
    const opf = Object.entries(unzipSync(await readFile(join(hostile.out, 'compendium.epub')))).find(([name]) => name.endsWith('.opf'))!;
    // Parsed as XML: the title is text there, whatever escaping made it so.
    const titles: string[] = [];
    const walk = (node: XastNodes): void => {
      if (node.type === 'element' && node.name === 'dc:title') titles.push(node.children.map((c) => (c.type === 'text' ? c.value : '')).join(''));
      if ('children' in node) node.children.forEach((c) => walk(c as XastNodes));
    };
    walk(fromXml(new TextDecoder().decode(opf[1])));
    expect(titles).toContain(HOSTILE_BOOK_TITLE);
  });

  it('passes EPUBCheck', async () => {
    const result = await epubcheck(join(hostile.out, 'compendium.epub'));
    expect(result.messages.filter((m) => m.severity === 'ERROR' || m.severity === 'FATAL')).toEqual([]);
    expect(result.nFatal + result.nError).toBe(0);
  });

  it('passes the Nu HTML checker on every page', async () => {
    const vnu = join(PROJECT, 'node_modules/vnu-jar/build/dist/vnu.jar');
    const files = (await readdir(join(hostile.out, 'html'))).filter((f) => f.endsWith('.html')).map((f) => join(hostile.out, 'html', f));
    const run = await promisify(execFile)('java', ['-jar', vnu, '--format', 'json', ...files], { maxBuffer: 256 * 1024 * 1024 }).catch((e: { stdout: string; stderr: string }) => e);
    const found = JSON.parse(run.stderr || run.stdout) as { messages: Array<{ type: string; subType?: string; url: string; message: string }> };
    const errors = found.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
    expect(errors.map((m) => `${m.url.split('/').at(-1)}: ${m.message}`)).toEqual([]);
  });
});

describe('the hostile publications in Chromium', () => {
  it('run none of the injected markup: no dialog, no element made from corpus text, in HTML pages, search and EPUB chapters', async () => {
    // The EPUB unpacked beside the HTML bundle, so its XHTML chapters open as application/xhtml+xml.
    const epubDir = join(hostile.out, 'epub-unpacked');
    for (const [name, data] of Object.entries(unzipSync(await readFile(join(hostile.out, 'compendium.epub'))))) {
      if (name.endsWith('/')) continue;
      await mkdir(dirname(join(epubDir, name)), { recursive: true });
      await writeFile(join(epubDir, name), data);
    }
    const server = await serve(hostile.out);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const errors: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const htmlPages = (await readdir(join(hostile.out, 'html'))).filter((f) => f.endsWith('.html'));
      const chapters = (await readdir(join(epubDir, 'OEBPS'))).filter((f) => f.endsWith('.xhtml'));
      expect(chapters.length).toBeGreaterThan(5);
      for (const url of [...htmlPages.map((f) => `html/${f}`), ...chapters.map((f) => `epub-unpacked/OEBPS/${f}`)]) {
        await page.goto(`${server.url}/${url}`, { waitUntil: 'load' });
        const scripts = await page.$$eval('script', (list) => list.map((e) => e.getAttribute('src')));
        expect(scripts.every((src) => src !== null && src.startsWith('assets/')), url).toBe(true);
        expect(await page.$$('img[onerror], [onload], [onerror]'), url).toHaveLength(0);
      }
      const markup = ir.children.find((a) => a.data.sourceFile === 'markup.txt')!;
      await page.goto(`${server.url}/html/${markup.id}.html`);
      expect(await page.textContent('main')).toContain(INJECTED[0]);
      expect(await page.title()).toContain(HOSTILE_BOOK_TITLE);
      await page.goto(`${server.url}/html/search.html?q=${encodeURIComponent('onerror')}`);
      await page.waitForFunction(() => document.querySelectorAll('#SearchResults > li').length > 0);
      expect(await page.$$('#SearchResults img, #SearchResults script')).toHaveLength(0);
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('--strict', () => {
  const strictReport = async (out: string): Promise<BuildReport> => JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as BuildReport;

  it('stops after reading the folder when it has errors: report.json only, no IR, exit 1, corpus unchanged', async () => {
    const out = join(hostile.work, 'strict-out');
    const { code, err, corpusUnchanged } = await hostile.run(['--strict', '--out', out, '--formats', '']);
    expect(code).toBe(1);
    expect(corpusUnchanged).toBe(true);
    const report = await strictReport(out);
    expect(report.files).toEqual([]);
    const errors = allMessages(report).filter((d) => d.severity === 'error');
    expect(errors.at(-1)!.ruleId).toBe('strict-stop');
    expect(errors.slice(0, -1).every((d) => d.source === 'corpus')).toBe(true);
    expect(err).toContain('[build/strict-stop]');
    await expect(readFile(join(out, 'ir.json'))).rejects.toThrow();
    expect(await hashTree(hostile.corpus)).toBe(hostile.corpusHash);
  });

  it('stops at the first article with an error: the articles after it are not processed', async () => {
    const corpus = join(hostile.work, 'strict-corpus');
    await copyRegular(hostile.corpus, corpus, (name) => !/^(huge|dropped|glossary|compendium)/.test(name));
    const out = join(hostile.work, 'strict-article-out');
    const { code, corpusUnchanged } = await hostile.run(['--strict', '--corpus', corpus, '--out', out, '--formats', '']);
    expect(code).toBe(1);
    expect(corpusUnchanged).toBe(true);
    const report = await strictReport(out);
    const errors = allMessages(report).filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.ruleId)).toEqual(['encoding-invalid-bytes', 'strict-stop']);
    expect(report.files.at(-1)!.file).toBe(errors[0]!.file);
    expect(report.files.length).toBeLessThan((await readdir(corpus)).length);
    await expect(readFile(join(out, 'ir.json'))).rejects.toThrow();
  });

  it('exits 1 on warnings alone', async () => {
    const corpus = join(hostile.work, 'strict-warning-corpus');
    await copyRegular(hostile.corpus, corpus, (name) => /^(0\d\d_[0-9a-f]+|bidi)\.txt$/.test(name));
    await writeFile(join(corpus, 'glossary.yaml'), 'entries: []\n');
    await writeFile(join(corpus, 'compendium.yaml'), 'title: 书名\n');
    const out = join(hostile.work, 'strict-warning-out');
    const { code, corpusUnchanged } = await hostile.run(['--strict', '--corpus', corpus, '--out', out, '--formats', '']);
    expect(code).toBe(1);
    expect(corpusUnchanged).toBe(true);
    expect(allMessages(await strictReport(out)).filter((d) => d.severity === 'error')).toEqual([]);
    expect(await hostile.run(['--corpus', corpus, '--out', out, '--formats', ''])).toMatchObject({ code: 0, corpusUnchanged: true });
  });
});

describe('a YAML syntax error in compendium.yaml', () => {
  it('names file, line and column, and keeps the previous outputs as they were', async () => {
    const corpus = join(hostile.work, 'yaml-corpus');
    const out = join(hostile.work, 'yaml-out');
    await copyRegular(hostile.corpus, corpus);
    await cp(hostile.out, out, { recursive: true });
    await writeFile(join(corpus, 'compendium.yaml'), BROKEN_BOOK_YAML);
    const publications = (file: string): boolean => file !== 'report.json' && !file.startsWith('.');
    const before = await hashTree(out, publications);
    const { code, err, corpusUnchanged } = await hostile.run(['--corpus', corpus, '--out', out, '--formats', 'html']);
    expect(code).toBe(1);
    expect(corpusUnchanged).toBe(true);
    expect(err).toMatch(/compendium\.yaml:\d+:\d+: error Unexpected YAML/);
    expect(err).toContain('[build/outputs-kept]');
    expect(await hashTree(out, publications)).toBe(before);
  });
});

describe('the 10 MB single-line file', () => {
  it('is left out before it is read: the build stays under 400 MB of memory', async () => {
    const before = await hashTree(hostile.hugeOnly);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(PROJECT, 'tests/fixtures/hostile/measure-build.ts'), 'build', '--corpus', hostile.hugeOnly, '--out', join(hostile.work, 'huge-out'), '--formats', 'html', '--no-cache'], { cwd: PROJECT });
    const { code, maxRssKb } = JSON.parse(stdout) as { code: number; maxRssKb: number };
    expect(code).toBe(1);
    expect(maxRssKb / 1024).toBeLessThan(400);
    const huge = JSON.parse(await readFile(join(hostile.work, 'huge-out', 'report.json'), 'utf8')) as BuildReport;
    expect(allMessages(huge).find((d) => d.file === HUGE_FILE)).toMatchObject({ ruleId: 'file-too-large', severity: 'error' });
    expect(await hashTree(hostile.hugeOnly)).toBe(before);
  });

  it('the limit is set by --max-file-size', async () => {
    const { code, err, corpusUnchanged } = await hostile.run(['--corpus', hostile.hugeOnly, '--out', join(hostile.work, 'limit-out'), '--formats', '', '--max-file-size', '1K']);
    expect(code).toBe(1);
    expect(corpusUnchanged).toBe(true);
    expect(err).toMatch(/: error Unexpected file of [\d.]+ KiB, expected at most 1 KiB per article/);
    expect((await hostile.run(['--max-file-size', 'lots'])).code).toBe(2);
  });
});

function casesNamed(): Array<[string, HostileCase]> {
  return hostileCases().map((c) => [c.name, c]);
}
