/**
 * What the renderers' unit tests share: a book of twelve real articles (the seeds and the development
 * articles, not their re-encoded variants), build options for one format, and an edit of one sentence.
 */
import { cp, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildOptions } from '../../pipeline/build.js';
import { visit, type Article } from '../../pipeline/ir.js';
import { uncachedContext, type RenderContext } from '../../pipeline/render/index.js';
import { testBuildOptions } from '../build-options.js';
import { PROJECT, TEMPLATES } from './html/helpers.js';

export const EPOCH = 1_700_000_000;

export async function twelveArticles(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const folder of [join(PROJECT, 'corpus'), join(PROJECT, 'tests/fixtures/devset/raw')]) {
    for (const name of await readdir(folder)) if (/^[^.]+\.(txt|yaml)$/.test(name)) await cp(join(folder, name), join(dir, name));
  }
}

export function buildOptions(format: BuildOptions['formats'][number], corpusDir: string, outDir: string, cacheDir: string | null): BuildOptions {
  return testBuildOptions(corpusDir, outDir, { formats: [format], templatesDir: TEMPLATES, sourceDateEpoch: EPOCH, cacheDir });
}

export const uncached = (): RenderContext => uncachedContext({ templatesDir: TEMPLATES, sourceDateEpoch: EPOCH, pageSize: 'A5', impose: null });

/** Change the text of one sentence in the middle of an article (ids stay, as they would not in the pipeline: the output must change anyway). */
export function editSentence(article: Article): void {
  const texts: Array<{ value: string }> = [];
  visit(article, (node) => void (node.type === 'text' && texts.push(node)));
  texts[Math.floor(texts.length / 2)]!.value += '（修改后加上的话）';
}
