/** Atomic writes (pipeline/output.ts): the whole file or the previous one, never a temporary left behind. */
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomicSync } from '../pipeline/output.js';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'compendium-output-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeAtomicSync', () => {
  it('writes the pieces one after the other over the previous file, leaving only the file', async () => {
    const path = join(dir, 'sub', 'ir.json');
    await mkdir(join(dir, 'sub'));
    await writeFile(path, 'old');
    writeAtomicSync(path, ['{', '"标题": "学习"', '}\n']);
    expect(await readFile(path, 'utf8')).toBe('{"标题": "学习"}\n');
    expect(await readdir(join(dir, 'sub'))).toEqual(['ir.json']);
  });

  it('leaves the previous file whole and no temporary when the pieces fail part-way', async () => {
    const path = join(dir, 'ir.json');
    await writeFile(path, 'previous');
    function* failing(): Generator<string> {
      yield 'partial';
      throw new Error('stopped');
    }
    expect(() => writeAtomicSync(path, failing())).toThrow('stopped');
    expect(await readFile(path, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['ir.json']);
  });
});
