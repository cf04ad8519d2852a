/**
 * The HTML bundle in Debian's Chromium, served by a tiny localhost server: pages load cleanly, every
 * internal link and anchor resolves, search finds exactly the articles that contain a query (also from a
 * Traditional query, and from file://), term definitions show on focus, hover and tap, and hostile corpus
 * text stays text. Screenshots go to tests/.output/html/.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../pipeline/build.js';
import { toText, type Root } from '../../../pipeline/ir.js';
import { renderHtml } from '../../../pipeline/render/html/index.js';
import { writeAtomic } from '../../../pipeline/output.js';
import { toSimplified, toTraditional } from '../../../pipeline/script.js';
import { generateCorpus } from '../../../bench/lib/corpus-gen.js';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { buildHtml, htmlPages, launch, OUTPUT, PROJECT, removeAll, serve, tempDir, TEMPLATES } from './helpers.js';
import { uncachedContext } from '../../../pipeline/render/index.js';

const HOSTILE_TITLE = '"><svg onload=alert(1)>书名';
const HOSTILE_BODY = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

let work: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let corpus: BuildResult;
let hant: BuildResult;
let xss: BuildResult;
/** A book long enough for its search index to come in several parts. */
let long: BuildResult;

/** Articles whose title, subtitle or text contains `needle` (the definition the search must meet). */
function articlesContaining(root: Root, needle: string): string[] {
  return root.children
    .filter((a) => [a.data.title, a.data.subtitle ?? '', ...a.children.map((b) => toText(b))].some((t) => t.includes(needle)))
    .map((a) => a.id);
}

async function hostileCorpus(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'compendium.yaml'), `title: '${HOSTILE_TITLE}'\nsubtitle: 测试 & <b>粗体</b>\n`);
  const body = [
    `测试文章${HOSTILE_BODY[0]}标题`,
    '',
    '来源：测试网    时间：2024-01-02',
    '',
    `  第一段文字，包含${HOSTILE_BODY[0]}这样的内容，还有“外交”二字。`,
    '',
    `  第二段文字${HOSTILE_BODY[1]}结束。`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'hostile.txt'), body);
}

interface Problems {
  messages: string[];
}

/** Open a page and collect every console error, page error, failed request and HTTP error it causes. */
async function open(page: Page, url: string, waitUntil: 'load' | 'networkidle' = 'load'): Promise<Problems> {
  const problems: Problems = { messages: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.messages.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.messages.push(`page error: ${e.message}`));
  // A request cut off because the test navigated on (the favicon, fetched after load) is not the page's fault.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.messages.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.messages.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    problems.messages.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url, { waitUntil });
  return problems;
}

async function searchResults(page: Page): Promise<string[]> {
  await page.waitForFunction(() => document.getElementById('SearchStatus')?.textContent !== '');
  return page.$$eval('#SearchResults > li > a.result-title', (links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
}

function pageFiles(result: BuildResult, ids: string[]): string[] {
  return ids.map((id) => `${result.root.children.find((a) => a.id === id)!.id}.html`).sort();
}

beforeAll(async () => {
  work = await tempDir('html-browser');
  corpus = await buildHtml(join(PROJECT, 'corpus'), join(work, 'corpus'));
  hant = await buildHtml(join(PROJECT, 'corpus'), join(work, 'hant'), 'hant');
  await hostileCorpus(join(work, 'xss-src'));
  xss = await buildHtml(join(work, 'xss-src'), join(work, 'xss'));
  await generateCorpus(PROJECT, 70, join(work, 'long-src'));
  long = await buildHtml(join(work, 'long-src'), join(work, 'long'));
  for (const file of await renderHtml(sampleIr(), uncachedContext({ templatesDir: TEMPLATES, sourceDateEpoch: 0, pageSize: 'A5', impose: null }))) {
    await writeAtomic(join(work, 'sample', ...file.path.split('/')), file.data);
  }
  server = await serve(work);
  browser = await launch();
  await mkdir(OUTPUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeAll(work);
});

describe('HTML bundle in Chromium', () => {
  it('loads every page with no console error, page error or failed request', async () => {
    const page = await browser.newPage();
    for (const bundle of ['corpus', 'hant', 'sample']) {
      for (const file of await htmlPages(join(work, bundle, 'html'))) {
        page.removeAllListeners();
        // Wait for the network to settle: the favicon is fetched after load.
        const problems = await open(page, `${server.url}/${bundle}/html/${file}`, 'networkidle');
        expect(problems.messages, `${bundle}/${file}`).toEqual([]);
      }
    }
    await page.close();
  });

  it('resolves every internal link and anchor', async () => {
    const page = await browser.newPage();
    for (const bundle of ['corpus', 'sample']) {
      const base = `${server.url}/${bundle}/html/`;
      const files = await htmlPages(join(work, bundle, 'html'));
      const assets = (await readdir(join(work, bundle, 'html', 'assets'))).map((f) => `assets/${f}`);
      const ids = new Map<string, Set<string>>();
      const links: Array<{ from: string; href: string }> = [];
      for (const file of files) {
        await page.goto(base + file);
        const found = await page.evaluate(() => ({
          ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
          links: [...document.querySelectorAll('a[href], link[href], script[src]')].map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src),
        }));
        ids.set(file, new Set(found.ids));
        for (const href of found.links) links.push({ from: file, href });
      }
      expect(links.length).toBeGreaterThan(files.length * 5);
      const broken: string[] = [];
      for (const { from, href } of links) {
        const url = new URL(href);
        if (!url.href.startsWith(base)) {
          broken.push(`${from} → ${href} (leaves the bundle)`);
          continue;
        }
        const target = decodeURIComponent(url.pathname.slice(new URL(base).pathname.length)) || 'index.html';
        if (!files.includes(target) && !assets.includes(target)) broken.push(`${from} → ${href} (no such file)`);
        else if (url.hash && !ids.get(target)?.has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${from} → ${href} (no such anchor)`);
      }
      expect(broken, bundle).toEqual([]);
    }
    await page.close();
  });

  it('searches 外交: lists exactly the articles that contain it, with highlighted snippets that link to anchors', async () => {
    const expected = articlesContaining(corpus.root, '外交');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(corpus.root.children.length);
    const page = await browser.newPage();
    const problems = await open(page, `${server.url}/corpus/html/search.html?q=${encodeURIComponent('外交')}`);
    expect((await searchResults(page)).sort()).toEqual(pageFiles(corpus, expected));
    const marks = await page.$$eval('#SearchResults mark', (m) => m.map((e) => e.textContent));
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(['外交']));
    // A snippet link lands on a paragraph that contains the word.
    const snippet = await page.$eval('#SearchResults .snippets a', (a) => (a as HTMLAnchorElement).href);
    await page.goto(snippet);
    const target = await page.evaluate(() => document.getElementById(decodeURIComponent(location.hash.slice(1)))?.textContent ?? '');
    expect(target).toContain('外交');
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('searches as one types, and finds nothing for a word the book does not have', async () => {
    const page = await browser.newPage();
    await open(page, `${server.url}/corpus/html/search.html`);
    await page.fill('#PageSearch', '党建');
    await page.waitForFunction(() => document.querySelectorAll('#SearchResults > li').length > 0);
    expect((await searchResults(page)).sort()).toEqual(pageFiles(corpus, articlesContaining(corpus.root, '党建')));
    expect(page.url()).toContain(`q=${encodeURIComponent('党建')}`);
    await page.fill('#PageSearch', '量子计算机');
    await page.waitForFunction(() => document.querySelectorAll('#SearchResults > li').length === 0);
    expect(await page.textContent('#SearchStatus')).toContain('没有找到');
    await page.close();
  });

  it('finds Simplified text from a Traditional query (黨建 → 党建)', async () => {
    const query = toTraditional('党建');
    expect(query).not.toBe('党建');
    const expected = articlesContaining(corpus.root, '党建');
    expect(expected.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    await open(page, `${server.url}/corpus/html/search.html?q=${encodeURIComponent(query)}`);
    expect((await searchResults(page)).sort()).toEqual(pageFiles(corpus, expected));
    await page.close();
  });

  it('searches a Traditional edition (zh-TW) from both scripts', async () => {
    const page = await browser.newPage();
    await open(page, `${server.url}/hant/html/index.html`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-TW');
    const expected = pageFiles(hant, articlesContaining(hant.root, '党建'));
    for (const query of ['党建', toTraditional('党建')]) {
      await page.goto(`${server.url}/hant/html/search.html?q=${encodeURIComponent(query)}`);
      expect((await searchResults(page)).sort(), query).toEqual(expected);
    }
    const marks = await page.$$eval('#SearchResults mark', (m) => m.map((e) => e.textContent));
    expect(marks.every((m) => toSimplified(m ?? '') === '党建' && m !== '党建')).toBe(true);
    await page.close();
  });

  it('searches an index in several parts as one: exactly the articles that contain the query, across the parts', async () => {
    const page = await browser.newPage();
    const problems = await open(page, `${server.url}/long/html/search.html?q=${encodeURIComponent('党建')}`);
    const found = await searchResults(page);
    expect(await page.evaluate(() => (window as unknown as { compendiumSearch: { parts: unknown[] } }).compendiumSearch.parts.length)).toBeGreaterThan(2);
    const expected = pageFiles(long, articlesContaining(long.root, '党建'));
    expect(expected.length).toBeGreaterThan(20);
    expect(found.sort()).toEqual(expected);
    // The last article's own words find it: block numbers carry on across the parts.
    const last = long.root.children.at(-1)!;
    const words = toText(last.children.find((b) => b.type === 'paragraph')!).slice(0, 8);
    await page.goto(`${server.url}/long/html/search.html?q=${encodeURIComponent(words)}`);
    expect(await searchResults(page)).toContain(`${last.id}.html`);
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('searches from file:// too (the index is a script, not a fetch)', async () => {
    const page = await browser.newPage();
    const url = pathToFileURL(join(work, 'corpus', 'html', 'search.html')).href + `?q=${encodeURIComponent('外交')}`;
    const problems = await open(page, url);
    expect((await searchResults(page)).sort()).toEqual(pageFiles(corpus, articlesContaining(corpus.root, '外交')));
    expect(problems.messages).toEqual([]);
    await page.close();
  });

  it('the search box of every page leads to the results, from a server and from file://', async () => {
    const expected = pageFiles(corpus, articlesContaining(corpus.root, '外交'));
    const page = await browser.newPage();
    for (const url of [`${server.url}/corpus/html/glossary.html`, pathToFileURL(join(work, 'corpus', 'html', 'index.html')).href]) {
      const problems = await open(page, url);
      await page.fill('#SiteSearch', '外交');
      await Promise.all([page.waitForURL(/search\.html\?q=/), page.press('#SiteSearch', 'Enter')]);
      expect((await searchResults(page)).sort(), url).toEqual(expected);
      expect(await page.inputValue('#PageSearch')).toBe('外交');
      expect(problems.messages, url).toEqual([]);
      page.removeAllListeners();
    }
    await page.close();
  });

  it('shows a term definition on keyboard focus and hover, hides it on Escape', async () => {
    const root = sampleIr();
    const definition = root.data.glossary.find((g) => g.id === 'g-lgwh')!.definition;
    const page = await browser.newPage();
    await open(page, `${server.url}/sample/html/a1.html`);
    const tip = page.locator('[id="a1-p1.1.t2-tip"]');
    expect(await tip.isVisible()).toBe(false);
    // Reach the term with the keyboard, as a reader would.
    for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.id)) !== 'a1-p1.1.t2'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('a1-p1.1.t2');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toBe(definition);
    expect(await page.getAttribute('[id="a1-p1.1.t2"]', 'aria-describedby')).toBe('a1-p1.1.t2-tip');
    await page.screenshot({ path: join(OUTPUT, 'term-focus.png') });
    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);
    await page.goto(`${server.url}/sample/html/a2.html`);
    await page.hover('[id="a2-p1.1.t4"]');
    expect(await page.locator('[id="a2-p1.1.t4-tip"]').isVisible()).toBe(true);
    await page.close();
  });

  it('shows the glossary definition of a term of the real corpus on focus', async () => {
    const glossary = corpus.root.data.glossary;
    expect(glossary.length).toBeGreaterThan(0);
    const entry = glossary.find((g) => g.occurrences.length > 0)!;
    const occurrence = entry.occurrences[0]!;
    const page = await browser.newPage();
    await open(page, `${server.url}/corpus/html/${occurrence.articleId}.html`);
    const link = page.locator(`[id="${occurrence.nodeId}"]`);
    await link.focus();
    const tip = page.locator(`[id="${await link.getAttribute('aria-describedby')}"]`);
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toBe(entry.definition);
    await Promise.all([page.waitForURL(new RegExp(`glossary\\.html#${entry.id}$`)), page.keyboard.press('Enter')]);
    expect(await page.locator(`[id="${entry.id}"]`).isVisible()).toBe(true);
    await page.close();
  });

  it('shows a term definition on tap, and follows the link on a second tap', async () => {
    const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await open(page, `${server.url}/sample/html/a1.html`);
    const url = page.url();
    await page.tap('[id="a1-p1.1.t2"]');
    expect(await page.locator('[id="a1-p1.1.t2-tip"]').isVisible()).toBe(true);
    expect(page.url()).toBe(url);
    const box = (await page.locator('[id="a1-p1.1.t2-tip"]').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(OUTPUT, 'term-tap-phone.png') });
    await Promise.all([page.waitForURL(/glossary\.html#g-lgwh$/), page.tap('[id="a1-p1.1.t2"]')]);
    await context.close();
  });

  it('keeps hostile corpus text as text and runs none of it', async () => {
    const article = xss.root.children[0]!;
    const hostileBlock = article.children.find((b) => toText(b).includes('alert(1)'));
    expect(hostileBlock).toBeDefined();
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const file of await htmlPages(join(work, 'xss', 'html'))) {
      const problems = await open(page, `${server.url}/xss/html/${file}`);
      page.removeAllListeners('console');
      expect(problems.messages.filter((m) => !m.startsWith('dialog')), file).toEqual([]);
      // Only the bundle's own scripts, no element made from corpus text.
      const scripts = await page.$$eval('script', (s) => s.map((e) => e.getAttribute('src')));
      expect(scripts.every((src) => src !== null && src.startsWith('assets/'))).toBe(true);
      expect(await page.$$('img, svg, b')).toHaveLength(0);
      expect(await page.title()).toContain(HOSTILE_TITLE);
    }
    await page.goto(`${server.url}/xss/html/${article.id}.html`);
    expect(await page.textContent(`[id="${hostileBlock!.id}"]`)).toContain(toText(hostileBlock!));
    expect(await page.textContent('h1')).toBe(article.data.title);
    // The sample IR bypasses normalize, so its hostile text is raw ASCII markup.
    await page.goto(`${server.url}/sample/html/a1.html`);
    const raw = await page.textContent('[id="a1-p2"]');
    for (const s of HOSTILE_BODY) expect(raw).toContain(s);
    await page.goto(`${server.url}/xss/html/search.html?q=${encodeURIComponent('alert')}`);
    await page.waitForFunction(() => document.querySelectorAll('#SearchResults > li').length > 0);
    expect(await page.$$('#SearchResults img, #SearchResults script')).toHaveLength(0);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('saves screenshots of the index and an article page (desktop, phone, dark)', async () => {
    const first = corpus.root.children.find((a) => a.children.some((b) => b.type === 'heading')) ?? corpus.root.children[0]!;
    const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
    await page.goto(`${server.url}/corpus/html/index.html`);
    await page.screenshot({ path: join(OUTPUT, 'index.png'), fullPage: true });
    await page.goto(`${server.url}/corpus/html/${first.id}.html`);
    await page.screenshot({ path: join(OUTPUT, 'article.png') });
    await page.screenshot({ path: join(OUTPUT, 'article-full.png'), fullPage: true });
    await page.goto(`${server.url}/sample/html/a1.html`);
    await page.screenshot({ path: join(OUTPUT, 'sample-article.png'), fullPage: true });
    await page.goto(`${server.url}/sample/html/glossary.html`);
    await page.screenshot({ path: join(OUTPUT, 'glossary.png'), fullPage: true });
    await page.goto(`${server.url}/corpus/html/search.html?q=${encodeURIComponent('外交')}`);
    await searchResults(page);
    await page.screenshot({ path: join(OUTPUT, 'search.png'), fullPage: true });
    await page.close();
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await phone.goto(`${server.url}/corpus/html/${first.id}.html`);
    await phone.screenshot({ path: join(OUTPUT, 'article-phone.png') });
    await phone.emulateMedia({ colorScheme: 'dark' });
    await phone.screenshot({ path: join(OUTPUT, 'article-phone-dark.png') });
    await phone.close();
    for (const name of ['index.png', 'article.png']) expect((await readdir(OUTPUT)).includes(name)).toBe(true);
  });
});
