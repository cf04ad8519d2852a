/**
 * The book's layout on awkward input: an empty book, an empty article, an unknown node, an unknown term,
 * a word wider than the measure, a very long title; and page-reference settling.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../pipeline/diagnostics.js';
import type { Article, Root } from '../../../pipeline/ir.js';
import { uncachedContext, type RenderContext } from '../../../pipeline/render/index.js';
import { prepareBook, renderPdf } from '../../../pipeline/render/pdf/index.js';
import type { LineItem } from '../../../pipeline/render/pdf/layout/types.js';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { pageTexts, run, squash } from './pdf-tools.js';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'compendium-pdf-book-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function context(messages: Diagnostic[], pageSize = 'A5'): RenderContext {
  return uncachedContext({ templatesDir: join(process.cwd(), 'templates'), sourceDateEpoch: 0, pageSize, impose: 'booklet' }, (d) => messages.push(d));
}

async function renderChecked(root: Root, name: string, messages: Diagnostic[] = []): Promise<string> {
  const files = await renderPdf(root, context(messages));
  expect(files.map((f) => f.path)).toEqual(['compendium.pdf', 'compendium-booklet.pdf']);
  const file = join(tmp, name);
  await writeFile(file, files[0]!.data);
  await writeFile(file.replace(/\.pdf$/, '-booklet.pdf'), files[1]!.data);
  for (const f of [file, file.replace(/\.pdf$/, '-booklet.pdf')]) {
    const check = run('qpdf', ['--check', f]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  }
  return file;
}

function emptyArticle(id: string, title: string): Article {
  const a = sampleIr().children[1]!;
  return { ...a, id, data: { ...a.data, title, subtitle: null, related: [] }, children: [] };
}

describe('the book layout on awkward input', () => {
  it('makes a valid booklet of a book with no articles', async () => {
    const root = sampleIr();
    root.children = [];
    root.data.glossary = [];
    root.data.documents = [];
    root.data.events = [];
    const file = await renderChecked(root, 'empty.pdf');
    expect(squash(pageTexts(file).join(''))).toContain('目录');
  });

  it('sets an article with no body, an unknown node and an unknown term, and says what it left out', async () => {
    const root = sampleIr();
    root.children.push(emptyArticle('a3', '空白文章'));
    const p = root.children[0]!.children[0]!;
    if (p.type !== 'paragraph') throw new Error('fixture changed');
    p.children.push({ type: 'sentence', id: 'a1-p1.9', children: [{ type: 'term', id: 'a1-p1.9.t1', value: '未知术语', data: { termId: 'g-none', first: true } }] });
    (root.children[0]!.children as unknown[]).push({ type: 'figure', id: 'a1-f1', position: { start: { line: 9, column: 1 }, end: { line: 9, column: 5 } } });
    const messages: Diagnostic[] = [];
    const file = await renderChecked(root, 'odd.pdf', messages);
    const text = squash(pageTexts(file).join(''));
    expect(text).toContain('空白文章');
    expect(text).toContain('未知术语');
    expect(messages).toContainEqual(expect.objectContaining({ severity: 'warning', ruleId: 'node-unknown', file: 'a1.txt', line: 9 }));
    expect(messages).toContainEqual(expect.objectContaining({ severity: 'warning', ruleId: 'term-unknown', file: 'a1.txt' }));
  });

  it('breaks a word wider than the measure and a very long title without running past the margin', async () => {
    const root = sampleIr();
    const url = 'https://example.org/' + 'very-long-path-segment/'.repeat(8) + 'index.html';
    root.children[0]!.data.title = '关于'.repeat(60) + '的通知';
    const p = root.children[1]!.children[0]!;
    if (p.type !== 'paragraph') throw new Error('fixture changed');
    p.children.push({ type: 'sentence', id: 'a2-p1.9', children: [{ type: 'text', id: 'a2-p1.9.t1', value: `详见${url}。` }] });
    const book = await prepareBook(root, context([]));
    for (const page of book.layout.pages) {
      for (const item of page.items) {
        if (item.type !== 'line') continue;
        const line = (item as LineItem).line;
        expect(item.x + line.right, line.text).toBeLessThanOrEqual(book.geometry.width - Math.min(book.geometry.inner, book.geometry.outer) + 0.01);
      }
    }
    const file = await renderChecked(root, 'long.pdf');
    expect(squash(pageTexts(file).join(''))).toContain(url);
  });

  it('settles page references in a few passes and prints them, laying out the glossary and index only with real page numbers', async () => {
    const sections: string[] = [];
    const base = context([]);
    const counting: RenderContext = {
      ...base,
      memo: (unit, inputs, compute) => {
        if (unit === 'pdf-section') sections.push(JSON.stringify(inputs));
        return base.memo(unit, inputs, compute);
      },
    };
    const book = await prepareBook(sampleIr(), counting);
    // A sizing pass (articles and related lists), then one with the glossary and the index that settles.
    expect(book.layout.passes).toBe(2);
    // Contents, glossary and index, each laid out once: none with guessed page numbers first.
    expect(sections).toHaveLength(3);
    expect(new Set(sections).size).toBe(3);
    const lines = book.layout.pages.flatMap((p) => p.items.filter((i): i is LineItem => i.type === 'line'));
    // No first-pass placeholder left: contents numbers and glossary references are real page numbers.
    expect(lines.filter((l) => l.role === 'toc' && /^\d+$/.test(l.line.text)).map((l) => l.line.text)).not.toContain('00');
    expect(lines.filter((l) => /见第/.test(l.line.text)).map((l) => l.line.text)).toEqual(['见第 1、3 页', '见第 3 页']);
  });

  it('sets other page sizes with the measure a whole number of characters', async () => {
    for (const size of ['A4', 'B6', '130x184mm']) {
      const book = await prepareBook(sampleIr(), context([], size));
      const em = 10.5;
      expect(book.geometry.measure / em).toBeCloseTo(Math.round(book.geometry.measure / em), 6);
      expect(book.geometry.inner).toBeGreaterThan(book.geometry.outer - em); // the binding side is not the narrow one
    }
  });
});
