import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../pipeline/build.js';
import { watchCorpus, type WatchHandle } from '../pipeline/watch.js';
import { REPO, testBuildOptions } from './build-options.js';

let work: string;
let handle: WatchHandle | null = null;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-watch-'));
});
afterAll(async () => {
  await handle?.close();
  await rm(work, { recursive: true, force: true });
});

describe('compendium watch', () => {
  it('rebuilds on a change, keeps the last good outputs when a rebuild fails, and recovers', async () => {
    const corpus = join(work, 'corpus');
    const out = join(work, 'out');
    await cp(join(REPO, 'corpus'), corpus, { recursive: true });
    const builds: Array<{ result: BuildResult | null; changed: string[] }> = [];
    let waiter: (() => void) | null = null;
    const nextBuild = (): Promise<void> => new Promise((done) => (waiter = done));
    handle = watchCorpus(
      testBuildOptions(corpus, out, { formats: ['html'], cacheDir: join(work, 'cache') }),
      {
        onBuild(result, _error, changed) {
          builds.push({ result, changed });
          waiter?.();
        },
      },
      50,
    );
    await handle.ready;
    expect(builds).toHaveLength(1);
    expect(builds[0]!.result!.errors).toBe(0);

    // An edited article: one rebuild, which processes that article only.
    const article = '000_2a49c86fe2ee1f65.txt';
    const text = await readFile(join(corpus, article), 'utf8');
    let built = nextBuild();
    await writeFile(join(corpus, article), text.replace('全面贯彻党中央决策部署', '全面贯彻落实党中央决策部署'));
    await built;
    expect(builds.at(-1)!.result!.work.articlesProcessed).toEqual([article]);
    const goodIr = await readFile(join(out, 'ir.json'), 'utf8');
    const goodPage = await readFile(join(out, 'html', 'index.html'), 'utf8');
    expect(goodIr).toContain('全面贯彻落实党中央决策部署');

    // A broken glossary fails the rebuild; the last good outputs stay as they were.
    const glossary = await readFile(join(corpus, 'glossary.yaml'), 'utf8');
    built = nextBuild();
    await writeFile(join(corpus, 'glossary.yaml'), `${glossary}\n  - term: [unclosed\n`);
    await built;
    expect(builds.at(-1)!.result!.errors).toBeGreaterThan(0);
    expect(await readFile(join(out, 'html', 'index.html'), 'utf8')).toBe(goodPage);
    expect(await readFile(join(out, 'ir.json'), 'utf8')).toBe(goodIr);

    // Fixing it rebuilds cleanly again.
    built = nextBuild();
    await writeFile(join(corpus, 'glossary.yaml'), glossary);
    await built;
    expect(builds.at(-1)!.result!.errors).toBe(0);
  });
});
