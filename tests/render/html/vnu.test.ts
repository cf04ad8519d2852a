/**
 * The Nu HTML checker (vnu-jar, run with the machine's Java) over every page of the bundle: the seed corpus
 * in both editions, and the hand-made sample IR with its hostile text. No errors allowed; the only warning
 * tolerated comes from the corpus text itself (private-use characters left in a source). The same build
 * also serves to check that building again gives byte-identical files.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../pipeline/render/html/index.js';
import { writeAtomic } from '../../../pipeline/output.js';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { buildHtml, htmlPages, PROJECT, removeAll, tempDir, TEMPLATES } from './helpers.js';
import { uncachedContext } from '../../../pipeline/render/index.js';

const VNU = join(PROJECT, 'node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

let work: string;
let pages: string[];

beforeAll(async () => {
  work = await tempDir('html-vnu');
  await buildHtml(join(PROJECT, 'corpus'), join(work, 'hans'));
  await buildHtml(join(PROJECT, 'corpus'), join(work, 'hant'), 'hant');
  for (const file of await renderHtml(sampleIr(), uncachedContext({ templatesDir: TEMPLATES, sourceDateEpoch: 0, pageSize: 'A5', impose: null }))) {
    await writeAtomic(join(work, 'sample', ...file.path.split('/')), file.data);
  }
  pages = [];
  for (const bundle of ['hans', 'hant', 'sample']) {
    const dir = join(work, bundle, 'html');
    for (const page of await htmlPages(dir)) pages.push(join(dir, page));
  }
});

async function allFiles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name).slice(dir.length), await readFile(join(entry.parentPath, entry.name)));
  }
  return out;
}

afterAll(async () => {
  await removeAll(work);
});

describe('HTML bundle: Nu HTML checker and reproducibility', () => {
  it('reports no errors on any page of the bundle', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(3 * 6);
    const svg = join(work, 'sample', 'html', 'assets', 'icon.svg');
    // vnu exits non-zero when it finds errors; the JSON report is what we read either way.
    const run = await promisify(execFile)('java', ['-jar', VNU, '--format', 'json', '--also-check-svg', ...pages, svg], { maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string; stderr: string }) => e);
    const report = JSON.parse(run.stderr || run.stdout) as { messages: VnuMessage[] };
    const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
    expect(errors.map((m) => `${m.url.split('/').slice(-3).join('/')}:${m.lastLine ?? '?'} ${m.message}`)).toEqual([]);
    const warnings = report.messages.filter((m) => m.type === 'info' && m.subType === 'warning' && !/Private Use Area/.test(m.message));
    expect(warnings.map((m) => `${m.url.split('/').slice(-3).join('/')}: ${m.message}`)).toEqual([]);
  });

  it('is deterministic: building the same corpus again gives byte-identical files', async () => {
    await buildHtml(join(PROJECT, 'corpus'), join(work, 'again'));
    const first = await allFiles(join(work, 'hans', 'html'));
    const second = await allFiles(join(work, 'again', 'html'));
    expect(first.size).toBeGreaterThan(10);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [path, bytes] of first) expect(second.get(path)!.equals(bytes), path).toBe(true);
  });
});
