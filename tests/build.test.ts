import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../pipeline/build.js';
import { REPO, testBuildOptions } from './build-options.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-build-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function corpusCopy(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(join(REPO, 'corpus'), dir, { recursive: true });
  return dir;
}

function options(corpusDir: string, outDir: string, cacheDir: string | null): BuildOptions {
  return testBuildOptions(corpusDir, outDir, { formats: [], sourceDateEpoch: 1700000000, cacheDir });
}

describe('incremental build', () => {
  it('reuses every cached stage on a second build with no change', async () => {
    const corpus = await corpusCopy('noop');
    const first = await build(options(corpus, join(work, 'noop-out'), join(work, 'noop-cache')));
    expect(first.work.articlesProcessed).toHaveLength(first.report.files.length);
    expect(first.work.enrich).toBe('ran');
    const second = await build(options(corpus, join(work, 'noop-out'), join(work, 'noop-cache')));
    expect(second.work.articlesProcessed).toEqual([]);
    expect(second.work.articlesReused).toBe(first.report.files.length);
    expect(second.work.enrich).toBe('reused');
    expect(second.work.rendered).toEqual([]);
    expect(JSON.stringify(second.root)).toBe(JSON.stringify(first.root));
  });

  it('is up to date on a second build when the folder holds a stray file (a warning, not an error)', async () => {
    const corpus = await corpusCopy('stray');
    await writeFile(join(corpus, 'scan.pdf'), '%PDF-1.4\n');
    const first = await build(options(corpus, join(work, 'stray-out'), join(work, 'stray-cache')));
    expect(first.report.messages.map((d) => d.ruleId)).toContain('file-ignored');
    const second = await build(options(corpus, join(work, 'stray-out'), join(work, 'stray-cache')));
    expect(second.work.upToDate).toBe(true);
  });

  it('re-runs normalize and segment for the touched article only', async () => {
    const corpus = await corpusCopy('touch');
    const cache = join(work, 'touch-cache');
    const first = await build(options(corpus, join(work, 'touch-out'), cache));
    const target = first.report.files[1]!.file;
    await writeFile(join(corpus, target), Buffer.concat([await readFile(join(corpus, target)), Buffer.from('\n新增的一段文字，用来测试增量构建。\n')]));
    const second = await build(options(corpus, join(work, 'touch-out'), cache));
    expect(second.work.articlesProcessed).toEqual([target]);
    expect(second.work.enrich).toBe('ran');
    // The other articles' file reports come back from the cache whole (what they record read when asked for).
    const kept = second.report.files.filter((f) => f.file !== target);
    expect(kept).toEqual(first.report.files.filter((f) => f.file !== target));
    expect(kept.some((f) => f.repairs.length > 0 || f.discarded.length > 0)).toBe(true);
    expect(JSON.parse(await readFile(join(work, 'touch-out', 'report.json'), 'utf8')).files.filter((f: { file: string }) => f.file !== target)).toEqual(JSON.parse(JSON.stringify(kept)));
  });

  it("links the touched article's terms only, giving the IR a build without cache gives; a glossary edit links them all", async () => {
    const corpus = await corpusCopy('link');
    const cache = join(work, 'link-cache');
    const first = await build(options(corpus, join(work, 'link-out'), cache));
    expect(first.work.articlesLinked).toHaveLength(first.report.files.length);
    const target = first.report.files[2]!.file;
    // A sentence with glossary terms in it, so the edit moves occurrences.
    await writeFile(join(corpus, target), Buffer.concat([await readFile(join(corpus, target)), Buffer.from('\n要坚持全面从严治党，做到“两个维护”。\n')]));
    const second = await build(options(corpus, join(work, 'link-out'), cache));
    expect(second.work.articlesLinked).toEqual([target]);
    // The other articles' children stayed text: written to ir.json as the cache kept them, never parsed.
    expect(second.work.cachedArticlesParsed).toBe(0);
    const fresh = await build(options(corpus, join(work, 'link-fresh'), null));
    expect(JSON.stringify(second.root)).toBe(JSON.stringify(fresh.root));
    // ir.json too, though the rebuild wrote the reused articles' children from the text the cache kept.
    expect((await readFile(join(work, 'link-out', 'ir.json'))).equals(await readFile(join(work, 'link-fresh', 'ir.json')))).toBe(true);
    // An article whose children's text is gone from the cache is prepared again, to the same IR.
    await rm(join(cache, 'linked-children'), { recursive: true, force: true });
    const again = await build(options(corpus, join(work, 'link-again'), cache));
    expect(again.work.articlesLinked).toHaveLength(first.report.files.length);
    expect(JSON.stringify(again.root)).toBe(JSON.stringify(fresh.root));
    const glossary = join(corpus, 'glossary.yaml');
    await writeFile(glossary, (await readFile(glossary, 'utf8')) + '\n');
    const third = await build(options(corpus, join(work, 'link-out'), cache));
    expect(third.work.articlesProcessed).toEqual([]);
    expect(third.work.articlesLinked).toHaveLength(first.report.files.length);
  });

  it('reads the IR back and only renders again when just a template changed', async () => {
    const corpus = await corpusCopy('template');
    const templates = join(work, 'template-templates');
    await cp(join(REPO, 'templates'), templates, { recursive: true });
    const run = () => build({ ...options(corpus, join(work, 'template-out'), join(work, 'template-cache')), formats: ['html'], templatesDir: templates });
    const first = await run();
    expect(first.work.rendered).toEqual(['html']);
    const css = join(templates, 'html', 'style.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n/* a user's tweak */\n`);
    const second = await run();
    expect(second.work.articlesProcessed).toEqual([]);
    expect(second.work.enrich).toBe('reused');
    expect(second.work.rendered).toEqual(['html']);
    expect(JSON.stringify(second.root)).toBe(JSON.stringify(first.root));
    expect(await readFile(join(work, 'template-out', 'html', 'assets', 'style.css'), 'utf8')).toContain("a user's tweak");
  });

  it('takes what unchanged YAML files say from the cache, and reads a changed one again', async () => {
    const corpus = await corpusCopy('book-yaml');
    const [out, cache] = [join(work, 'book-yaml-out'), join(work, 'book-yaml-cache')];
    const titled = async (yaml: string): Promise<Awaited<ReturnType<typeof build>>> => {
      await writeFile(join(corpus, 'compendium.yaml'), yaml);
      return build(options(corpus, out, cache));
    };
    /** The kept readings (the cache's `parsed` entries), each with its modification time: rewritten when made again. */
    const kept = async (): Promise<Map<string, number>> => {
      const dir = join(cache, 'parsed');
      const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json'));
      return new Map(await Promise.all(files.map(async (f) => [f, (await stat(join(dir, f))).mtimeMs] as [string, number])));
    };
    expect((await titled('title: 甲书\n')).root.data.book.title).toBe('甲书');
    // compendium.yaml's reading and the glossary's.
    const first = await kept();
    expect(first.size).toBe(2);
    expect((await titled('title: 乙书\n')).root.data.book.title).toBe('乙书');
    // Back to the first text: its kept reading, and the same IR as a build without cache.
    const again = await titled('title: 甲书\n');
    expect(again.root.data.book.title).toBe('甲书');
    // The glossary read once for the three builds, and the first book text's reading taken back, not made again.
    const after = await kept();
    expect(after.size).toBe(3);
    for (const [file, time] of first) expect(after.get(file), file).toBe(time);
    expect(JSON.stringify(again.root)).toBe(JSON.stringify((await build(options(corpus, join(work, 'book-yaml-clean'), null))).root));
    // A kept reading brings its messages back: the same error, at the same place, every build.
    const broken = 'title: 甲书\norder: [a.txt\n';
    const errors = async (): Promise<string[]> => (await titled(broken)).report.messages.filter((d) => d.ruleId === 'yaml-syntax').map((d) => `${d.file}:${d.line}:${d.column}`);
    const reported = await errors();
    expect(reported).toHaveLength(1);
    expect(await errors()).toEqual(reported);
  });

  it('runs everything with --no-cache', async () => {
    const corpus = await corpusCopy('nocache');
    await build(options(corpus, join(work, 'nocache-out'), join(work, 'nocache-cache')));
    const again = await build(options(corpus, join(work, 'nocache-out'), null));
    expect(again.work.articlesReused).toBe(0);
    expect(again.work.enrich).toBe('ran');
  });

  it('adding a file adds an article after the listed ones; removing it removes it', async () => {
    const corpus = await corpusCopy('add');
    const cache = join(work, 'add-cache');
    const before = await build(options(corpus, join(work, 'add-out'), cache));
    await writeFile(join(corpus, 'zzz_new.txt'), '新文章的标题\n\n来源:测试网 时间:2024-01-02 10:00:00\n\n这是新文章的第一段，讲述了一件事情。这是第二句话。\n');
    const added = await build(options(corpus, join(work, 'add-out'), cache));
    expect(added.root.children).toHaveLength(before.root.children.length + 1);
    expect(added.root.children.at(-1)!.data.sourceFile).toBe('zzz_new.txt');
    await rm(join(corpus, 'zzz_new.txt'));
    const removed = await build(options(corpus, join(work, 'add-out'), cache));
    expect(removed.root.children.map((a) => a.id)).toEqual(before.root.children.map((a) => a.id));
    const ir = JSON.parse(await readFile(join(work, 'add-out', 'ir.json'), 'utf8'));
    expect(ir.children.some((a: { data: { sourceFile: string } }) => a.data.sourceFile === 'zzz_new.txt')).toBe(false);
  });

  it('one undecodable article is an error naming the file; the others are still built', async () => {
    const corpus = await corpusCopy('bad');
    await writeFile(join(corpus, 'bad.txt'), Buffer.from([0x41, 0x0a, 0xff, 0xfe, 0xfd, 0x80, 0x0a]));
    const result = await build(options(corpus, join(work, 'bad-out'), null));
    expect(result.errors).toBeGreaterThan(0);
    const bad = result.report.files.find((f) => f.file === 'bad.txt')!;
    expect(bad.messages[0]).toMatchObject({ file: 'bad.txt', severity: 'error', line: 2 });
    expect(result.root.children.length).toBe(result.report.files.length - 1);
  });
});
