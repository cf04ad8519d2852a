/**
 * `compendium build --timings FILE` (for the benchmarks): the time of each stage and renderer, the
 * process time and peak memory go to that file, never into the outputs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, main } from '../pipeline/cli.js';
import { Timings } from '../pipeline/timings.js';

const REPO = resolve(import.meta.dirname, '..');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-timings-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('build timings', () => {
  it('adds up the time of each stage, in the order the stages first ran', () => {
    const t = new Timings();
    t.add('normalize', 2.4);
    t.add('enrich', 1);
    t.add('normalize', 1.4);
    expect(t.time('segment', () => 7)).toBe(7);
    expect(Object.keys(t.toJSON())).toEqual(['normalize', 'enrich', 'segment']);
    expect(t.toJSON().normalize).toBe(4);
  });

  it('writes stages, process time and peak memory to the --timings file, and nothing into report.json', async () => {
    const args = (out: string, extra: string[]): string[] => ['build', '--corpus', join(REPO, 'corpus'), '--out', out, '--formats', 'html', '--no-cache', '--quiet', ...extra];
    expect(await main(args(join(work, 'a'), ['--timings', join(work, 'timings.json')]), { out: () => {}, err: () => {} })).toBe(EXIT_OK);
    const timings = JSON.parse(await readFile(join(work, 'timings.json'), 'utf8')) as { stages: Record<string, number>; processMs: number; maxRssBytes: number };
    expect(Object.keys(timings.stages)).toEqual(expect.arrayContaining(['read', 'normalize', 'segment', 'enrich', 'render html', 'write']));
    expect(timings.processMs).toBeGreaterThan(0);
    expect(timings.maxRssBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(await main(args(join(work, 'b'), []), { out: () => {}, err: () => {} })).toBe(EXIT_OK);
    expect(await readFile(join(work, 'a', 'report.json'), 'utf8')).toBe(await readFile(join(work, 'b', 'report.json'), 'utf8'));
  });
});
