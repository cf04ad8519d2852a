/** Atomic writes (pipeline/output.ts): the whole file or the previous one, never a temporary left behind. */
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptFiles, sha256, writeAtomicSync, writeOutputs } from '../pipeline/output.js';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'compendium-output-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeAtomicSync', () => {
  it('writes the pieces one after the other over the previous file, leaving only the file', async () => {
    const path = join(dir, 'sub', 'ir.json');
    await mkdir(join(dir, 'sub'));
    await writeFile(path, 'old');
    writeAtomicSync(path, ['{', Buffer.from('"标题": "学习"'), '}\n']);
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

describe('kept files', () => {
  it('are those the previous build wrote with that content and nobody touched since; writing them keeps their stamp', async () => {
    const before = { key: 'k', files: await writeOutputs(dir, [{ path: 'html/a.html', data: '甲' }, { path: 'html/b.html', data: '乙' }], undefined) };
    const kept = keptFiles(dir, before);
    expect(kept('html/a.html', sha256('甲'))).toBe(true);
    expect(kept('html/a.html', sha256('丙'))).toBe(false);
    expect(kept('html/c.html', sha256('甲'))).toBe(false);
    expect(keptFiles(dir, undefined)('html/a.html', sha256('甲'))).toBe(false);
    const stamps = await writeOutputs(dir, [{ path: 'html/a.html', data: '', kept: sha256('甲') }], before);
    expect(stamps['html/a.html']).toEqual(before.files['html/a.html']);
    expect(await readFile(join(dir, 'html/a.html'), 'utf8')).toBe('甲');
    // Edited since, it is no longer kept.
    await writeFile(join(dir, 'html/b.html'), '丁');
    expect(kept('html/b.html', sha256('乙'))).toBe(false);
    // Claimed kept against a manifest that does not say so: the build stops rather than lose the file.
    await expect(writeOutputs(dir, [{ path: 'html/c.html', data: '', kept: sha256('甲') }], before)).rejects.toThrow('was kept');
  });
});
