/**
 * The PDF renderer's units in the build cache: an unchanged book is rendered again without laying out
 * any article, a book with one article changed lays out that article only, and either way the file is
 * byte for byte the one an uncached render makes.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../../pipeline/build.js';
import { toEdition } from '../../../pipeline/edition.js';
import type { Root } from '../../../pipeline/ir.js';
import { contentDigest, contentDigestsOfOneBuild, digestsOfOneBuild, uncachedContext, type RenderContext, type RenderOptions } from '../../../pipeline/render/index.js';
import { ARTICLE_UNIT } from '../../../pipeline/render/pdf/article-layout.js';
import { SECTION_PART_UNIT } from '../../../pipeline/render/pdf/book.js';
import { PDF_FILE, renderPdf } from '../../../pipeline/render/pdf/index.js';
import { sampleIr } from '../../fixtures/sample-ir.js';

const EPOCH = 1717200000;
let tmp: string;
let corpus: string;

const options = (out: string, cacheDir: string | null, corpusDir = corpus): BuildOptions => ({
  corpusDir,
  outDir: out,
  formats: ['pdf'],
  script: 'hans',
  strict: false,
  templatesDir: join(process.cwd(), 'templates'),
  sourceDateEpoch: EPOCH,
  pageSize: 'A5',
  impose: null,
  cacheDir,
});

const renderOptions: RenderOptions = { templatesDir: join(process.cwd(), 'templates'), sourceDateEpoch: EPOCH, pageSize: 'A5', impose: null };

/** A context over an in-memory store that keeps values as JSON, as the build cache does, and counts units by name. */
function countingContext(store: Map<string, string>): RenderContext & { computed: string[]; reused: string[] } {
  const computed: string[] = [];
  const reused: string[] = [];
  return {
    options: renderOptions,
    report: () => {},
    digest: digestsOfOneBuild(),
    contentDigest: contentDigestsOfOneBuild(),
    computed,
    reused,
    async memo(unit, inputs, compute) {
      const key = `${unit}\u0000${JSON.stringify(inputs)}`;
      const hit = store.get(key);
      if (hit !== undefined) {
        reused.push(unit);
        return JSON.parse(hit);
      }
      const value = await compute();
      computed.push(unit);
      store.set(key, JSON.stringify(value));
      return value;
    },
  };
}

/** Change the text of one paragraph of the article in `file`: a clause added to a long line. */
async function editArticle(file: string): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  let k = Math.floor(lines.length / 3);
  for (let i = k; i < (2 * lines.length) / 3; i++) if (lines[i]!.length > lines[k]!.length) k = i;
  expect(lines[k]).toContain('。');
  lines[k] = lines[k]!.replace('。', '，这一点需要特别说明。');
  await writeFile(file, lines.join('\n'));
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'compendium-pdf-cache-'));
  corpus = join(tmp, 'corpus');
  await cp(join(process.cwd(), 'corpus'), corpus, { recursive: true });
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the PDF renderer with the build cache', () => {
  it('renders an unchanged book again from the cache, computing no unit, into the same bytes', async () => {
    const cache = join(tmp, 'cache');
    const first = await build(options(join(tmp, 'a'), cache));
    expect(first.work.rendered).toEqual(['pdf']);
    expect(first.work.units.computed).toBeGreaterThan(first.root.children.length);
    // Another output folder: the renderer runs again (no manifest there), its units come from the cache.
    const second = await build(options(join(tmp, 'b'), cache));
    expect(second.work.rendered).toEqual(['pdf']);
    expect(second.work.units).toEqual({ computed: 0, reused: first.work.units.computed, readAhead: 0 });
    const uncached = await build(options(join(tmp, 'c'), null));
    const bytes = await readFile(join(tmp, 'a', PDF_FILE));
    expect(bytes.equals(await readFile(join(tmp, 'b', PDF_FILE)))).toBe(true);
    expect(bytes.equals(await readFile(join(tmp, 'c', PDF_FILE)))).toBe(true);
  }, 300_000);

  it('lays out only the changed article when one article changed, without reading the others’ children, into the bytes of an uncached render', async () => {
    const before = (await build({ ...options(join(tmp, 'ir-before'), null), formats: [] })).root;
    const changedCorpus = join(tmp, 'changed');
    await cp(corpus, changedCorpus, { recursive: true });
    const names = (await readdir(changedCorpus)).filter((n) => n.endsWith('.txt')).sort();
    await editArticle(join(changedCorpus, names[1]!));
    const after = (await build({ ...options(join(tmp, 'ir-after'), null, changedCorpus), formats: [] })).root;
    const edition = (root: Root): Root => toEdition(root, 'hans');

    const store = new Map<string, string>();
    const cold = countingContext(store);
    await renderPdf(edition(before), cold);
    expect(cold.computed.filter((u) => u === ARTICLE_UNIT)).toHaveLength(before.children.length);

    // The unchanged articles' children are never read (a render thread keeps them as text): their
    // digests are known, and reading their children is recorded.
    const warm = countingContext(store);
    const changed = edition(after);
    const digests = new WeakMap<object, string>();
    const read: string[] = [];
    for (const article of changed.children) {
      const digest = contentDigest(article);
      digests.set(article, digest);
      if (before.children.some((b) => b.id === article.id && contentDigest(b) === digest)) {
        const children = article.children;
        Object.defineProperty(article, 'children', { get: () => (read.push(article.id), children), enumerable: true });
      }
    }
    warm.contentDigest = contentDigestsOfOneBuild(digests);
    const [file] = await renderPdf(changed, warm);
    expect(read).toEqual([]);
    expect(warm.computed.filter((u) => u === ARTICLE_UNIT)).toHaveLength(1);
    expect(warm.reused.filter((u) => u === ARTICLE_UNIT)).toHaveLength(after.children.length - 1);
    const [uncached] = await renderPdf(edition(after), uncachedContext(renderOptions));
    expect(Buffer.from(file!.data).equals(Buffer.from(uncached!.data))).toBe(true);
  }, 300_000);

  it('sets again only the part of the glossary that changed (the parts before and after it from the cache), into the bytes of an uncached render', async () => {
    const root = toEdition((await build({ ...options(join(tmp, 'ir-glossary'), null), formats: [] })).root, 'hans');
    const store = new Map<string, string>();
    const cold = countingContext(store);
    await renderPdf(root, cold);
    const parts = cold.computed.filter((u) => u === SECTION_PART_UNIT).length;
    expect(parts).toBeGreaterThan(4);

    // One definition in the middle of the glossary, a character changed: its lines and everything after
    // them stay where they were.
    const entries = [...root.data.glossary].sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1));
    const entry = entries.find((e, i) => i > entries.length / 2 && (e.definition?.length ?? 0) > 10)!;
    const changed: Root = structuredClone(root);
    const definition = changed.data.glossary.find((e) => e.id === entry.id)!;
    definition.definition = `${definition.definition!.slice(0, -2)}者${definition.definition!.slice(-1)}`;
    const warm = countingContext(store);
    const [file] = await renderPdf(changed, warm);
    expect(warm.computed.filter((u) => u === SECTION_PART_UNIT)).toHaveLength(1);
    expect(warm.reused.filter((u) => u === SECTION_PART_UNIT)).toHaveLength(parts - 1);
    const [uncached] = await renderPdf(changed, uncachedContext(renderOptions));
    expect(Buffer.from(file!.data).equals(Buffer.from(uncached!.data))).toBe(true);
  }, 300_000);

  it('keeps the shaped texts, the marks’ squeezes and the pages’ deflated streams in tables: a second render reads them back, adds nothing, and makes the same bytes', async () => {
    const tables = new Map<string, string>();
    const writes: string[] = [];
    const withTables = (): RenderContext => ({
      ...uncachedContext(renderOptions),
      tables: {
        read: async (name) => JSON.parse(tables.get(name) ?? '{}'),
        write: async (name, _inputs, entries) => {
          writes.push(name);
          tables.set(name, JSON.stringify(entries));
        },
      },
    });
    const root = toEdition(sampleIr(), 'hans');
    const [first] = await renderPdf(root, withTables());
    expect(writes.sort()).toEqual(['pdf-deflated-streams', 'pdf-shapes', 'pdf-squeezes']);
    expect(Object.keys(JSON.parse(tables.get('pdf-deflated-streams')!)).length).toBeGreaterThan(0);
    expect(Object.keys(JSON.parse(tables.get('pdf-squeezes')!)).length).toBeGreaterThan(0);
    writes.length = 0;
    const [second] = await renderPdf(root, withTables());
    expect(writes).toEqual([]);
    expect(Buffer.from(second!.data).equals(Buffer.from(first!.data))).toBe(true);
  }, 120_000);
});

