/**
 * Nothing is lost: every Han character of every source (the seeds and the development set) is in its
 * article or in the report's discarded lines — see `lostHan` (han.ts) for the precise statement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVSET_DIR, devsetFiles } from '../devset/score.js';
import { lostHan as missing } from './han.js';
import { seedBytes, seedFiles } from './helpers.js';

describe('nothing is lost', () => {
  it.each(seedFiles())('every Han character of seed %s is in the IR or in the discarded lines', (file) => {
    expect(missing(file, seedBytes(file))).toEqual([]);
  });

  it.each(devsetFiles())('every Han character of development article %s is in the IR or in the discarded lines', (file) => {
    expect(missing(file, readFileSync(join(DEVSET_DIR, 'raw', file)))).toEqual([]);
  });
});
