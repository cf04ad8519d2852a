import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_BUILD_ERRORS, EXIT_OK, EXIT_USAGE, main } from '../pipeline/cli.js';

const REPO = resolve(import.meta.dirname, '..');
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'compendium-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

describe('compendium CLI', () => {
  it('prints help with status 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(EXIT_OK);
    expect(out).toContain('build');
    expect(out).toContain('watch');
    expect(out).toContain('Exit status');
    const build = await run(['build', '--help']);
    expect(build.out).toMatch(/--strict\s+stop at the first error/);
    expect(build.out).toContain('--max-file-size');
    expect(build.out).toContain('Exit status');
  });

  it('ends quietly with status 0 when the reader of its output goes away (`--help | head -1`)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'bin', 'compendium.ts'), '--help'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the help is written: the write fails with EPIPE.
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(err).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(EXIT_OK);
  });

  it('rejects an unknown option, format or script with status 2', async () => {
    expect((await run(['build', '--bogus'])).code).toBe(EXIT_USAGE);
    const format = await run(['build', '--formats', 'docx']);
    expect(format.code).toBe(EXIT_USAGE);
    expect(format.err).toContain('docx');
    expect((await run(['build', '--script', 'latin'])).code).toBe(EXIT_USAGE);
    expect((await run(['build', '--corpus', join(work, 'missing')])).code).toBe(EXIT_USAGE);
  });

  it('builds ir.json and report.json into --out with status 0', async () => {
    const out = join(work, 'out');
    const { code } = await run(['build', '--corpus', join(REPO, 'corpus'), '--out', out, '--formats', '', '--quiet', '--no-cache']);
    expect(code).toBe(EXIT_OK);
    const ir = JSON.parse(await readFile(join(out, 'ir.json'), 'utf8'));
    expect(ir.type).toBe('root');
    expect(typeof ir.irVersion).toBe('number');
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.files.length).toBe(ir.children.length);
  });

  it('exits 1 naming file and line when the book YAML is broken, and leaves the corpus untouched', async () => {
    const corpus = join(work, 'broken');
    await cp(join(REPO, 'corpus'), corpus, { recursive: true });
    await writeFile(join(corpus, 'compendium.yaml'), 'title: 书\norder: [a.txt\n');
    const before = await readFile(join(corpus, 'compendium.yaml'));
    const { code, err } = await run(['build', '--corpus', corpus, '--out', join(work, 'broken-out'), '--formats', '', '--quiet', '--no-cache']);
    expect(code).toBe(EXIT_BUILD_ERRORS);
    expect(err).toMatch(/compendium\.yaml:\d+:\d+: error/);
    expect(await readFile(join(corpus, 'compendium.yaml'))).toEqual(before);
  });

  it('reports an output folder it cannot create in one line, with no stack trace', async () => {
    const blocker = join(work, 'a-file');
    await writeFile(blocker, 'not a folder');
    const { code, err } = await run(['build', '--corpus', join(REPO, 'corpus'), '--out', join(blocker, 'out'), '--formats', '', '--quiet', '--no-cache']);
    expect(code).toBe(EXIT_BUILD_ERRORS);
    expect(err).toMatch(/^compendium: cannot mkdir .*a-file\/out: ENOTDIR\n$/);
  });

  it('builds a corpus folder with no YAML file', async () => {
    const corpus = join(work, 'bare');
    await cp(join(REPO, 'corpus'), corpus, { recursive: true });
    await rm(join(corpus, 'compendium.yaml'));
    await rm(join(corpus, 'glossary.yaml'), { force: true });
    const { code } = await run(['build', '--corpus', corpus, '--out', join(work, 'bare-out'), '--formats', '', '--quiet', '--no-cache']);
    expect(code).toBe(EXIT_OK);
  });
});
