/** Build options as the tests use them: the project's templates, a fixed epoch, A5, no cache — each test says what differs. */
import { join, resolve } from 'node:path';
import type { BuildOptions } from '../pipeline/build.js';

export const REPO = resolve(import.meta.dirname, '..');
export const TEST_EPOCH = 1717200000;

export function testBuildOptions(corpusDir: string, outDir: string, overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    corpusDir,
    outDir,
    formats: ['pdf', 'epub', 'html'],
    script: 'hans',
    strict: false,
    templatesDir: join(REPO, 'templates'),
    sourceDateEpoch: TEST_EPOCH,
    pageSize: 'A5',
    impose: null,
    cacheDir: null,
    ...overrides,
  };
}
