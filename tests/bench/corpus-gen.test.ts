/** The benchmark corpora (bench/lib/corpus-gen.ts) and the Markdown export Pandoc is timed on (bench/lib/markdown.ts). */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/lib/corpus-gen.js';
import { toMarkdown } from '../../bench/lib/markdown.js';
import { build } from '../../pipeline/build.js';
import { toText, type Node } from '../../pipeline/ir.js';
import { REPO, testBuildOptions } from '../build-options.js';

const COUNT = 50;
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-corpus-gen-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('generated corpora', () => {
  it('are the same every time, and every article differs from the others', async () => {
    const a = await generateCorpus(REPO, COUNT, join(work, 'a'));
    await generateCorpus(REPO, COUNT, join(work, 'b'));
    expect(a.files).toHaveLength(COUNT);
    const texts = new Set<string>();
    for (const name of await readdir(join(work, 'a'))) {
      const bytes = await readFile(join(work, 'a', name));
      expect(bytes.equals(await readFile(join(work, 'b', name))), name).toBe(true);
      texts.add(bytes.toString('base64'));
    }
    expect(texts.size).toBe(COUNT + 2); // every article, compendium.yaml, glossary.yaml
  });

  it('build without errors: varied titles, links to the glossary, mixed encodings', async () => {
    const result = await build(testBuildOptions(join(work, 'a'), join(work, 'out'), { formats: [], sourceDateEpoch: 0 }));
    expect(result.errors).toBe(0);
    const articles = result.root.children;
    expect(articles).toHaveLength(COUNT);
    expect(new Set(articles.map((a) => a.data.title)).size).toBeGreaterThan(COUNT * 0.8);
    expect(new Set(articles.map((a) => a.data.encoding))).toEqual(new Set(['utf-8', 'gb18030']));
    expect(result.root.data.glossary.filter((g) => g.occurrences.length > 0).length).toBeGreaterThan(5);
    // The glossary's `see:` references were pointed at generated articles: none names a missing one.
    expect(result.report.messages.filter((m) => m.ruleId.includes('see'))).toEqual([]);

    // The Markdown export holds every title and paragraph of the IR, its text unchanged but for escapes.
    const markdown = toMarkdown(result.root).replace(/\\(.)/g, '$1').replace(/\*\*/g, '');
    for (const article of articles) {
      expect(markdown).toContain(`# ${article.data.title}`);
      for (const block of article.children) expect(markdown).toContain(toText(block as Node));
    }
  });
});
