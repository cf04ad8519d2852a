/**
 * Speed and scale (issue: a benchmark against Pandoc): corpora of 5, 200 and 1,000 articles generated
 * from the seeds and the development set (bench/lib/corpus-gen.ts), each built by the CLI as a user runs
 * it — cold (no cache), all three publications — the quickest of a few runs kept. The build's own
 * `--timings` file gives the time of each stage and renderer and the process's peak memory. Pandoc,
 * where installed, makes HTML, EPUB and (with XeLaTeX) PDF from a Markdown export of the same IR.
 * Writes the table to BENCHMARKS.md (only when every size was run).
 *
 *   BENCH_SIZES=5,200 BENCH_RUNS=1 node --import tsx bench/run.ts scale     a quicker look
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Root } from '../pipeline/ir.js';
import { generateCorpus } from './lib/corpus-gen.js';
import { toMarkdown } from './lib/markdown.js';
import { readTimings, runBuildOk } from './lib/cli.js';
import type { Benchmark, BenchResult } from './run.js';

const DEFAULT_SIZES = [5, 200, 1000];

interface OurRun {
  wallMs: number;
  stages: Record<string, number>;
  maxRssBytes: number;
}

interface PandocRun {
  html: number | null;
  epub: number | null;
  pdf: number | null;
  maxRssBytes: number | null;
  note: string;
}

interface Row {
  articles: number;
  chars: number;
  best: OurRun;
  pdfOnly: OurRun;
  runs: number[];
  sizes: { pdf: number; epub: number; html: number };
  pandoc: PandocRun | null;
  /** The machine's 1-minute load average when the size started (other work slows every number). */
  load: number;
}

function numberList(value: string | undefined, fallback: number[]): number[] {
  const list = (value ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return list.length > 0 ? list : fallback;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** One cold build by the CLI, timed from the spawn to the exit; the stages from its --timings file. */
async function buildOnce(repo: string, corpus: string, work: string, formats: string): Promise<OurRun> {
  const out = join(work, 'out');
  const timings = join(work, 'timings.json');
  await rm(out, { recursive: true, force: true });
  const run = runBuildOk(repo, ['--corpus', corpus, '--out', out, '--formats', formats, '--no-cache', '--quiet', '--timings', timings]);
  const wallMs = run.seconds * 1000;
  const t = await readTimings(timings);
  return { wallMs, stages: t.stages, maxRssBytes: t.maxRssBytes };
}

async function sizeOf(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}

/** Run a command timed, with its peak memory from GNU time where there is one. */
function timed(command: string, args: string[], cwd: string): { ms: number; maxRssBytes: number | null; ok: boolean; err: string } {
  const gnuTime = existsSync('/usr/bin/time');
  const rssFile = join(cwd, 'rss.txt');
  const started = process.hrtime.bigint();
  const run = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let maxRssBytes: number | null = null;
  if (gnuTime && existsSync(rssFile)) {
    const kb = Number(spawnSync('tail', ['-n', '1', rssFile], { encoding: 'utf8' }).stdout.trim());
    if (Number.isFinite(kb)) maxRssBytes = kb * 1024;
  }
  return { ms, maxRssBytes, ok: run.status === 0, err: (run.stderr ?? '').slice(-1500) };
}

/** Pandoc on a Markdown export of our IR: HTML (standalone), EPUB, and PDF through XeLaTeX with a CJK font. */
async function pandocRun(irFile: string, work: string, log: (line: string) => void): Promise<PandocRun | null> {
  if (!onPath('pandoc')) return null;
  const dir = join(work, 'pandoc');
  await mkdir(dir, { recursive: true });
  const root = JSON.parse(await readFile(irFile, 'utf8')) as Root;
  await writeFile(join(dir, 'book.md'), toMarkdown(root));
  const common = ['book.md', '--from', 'markdown', '--toc'];
  const lang = ['--metadata', `lang=${root.data.lang}`];
  const html = timed('pandoc', [...common, ...lang, '--standalone', '-o', 'book.html'], dir);
  const epub = timed('pandoc', [...common, ...lang, '-o', 'book.epub'], dir);
  let pdf: ReturnType<typeof timed> | null = null;
  let note = 'pandoc ' + spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]!.split(' ')[1];
  if (onPath('xelatex')) {
    pdf = timed('pandoc', [...common, '--pdf-engine=xelatex', '-V', 'CJKmainfont=Noto Serif CJK SC', '-V', 'geometry:a5paper', '-V', 'documentclass=book', '-o', 'book.pdf'], dir);
    if (!pdf.ok) log(`  pandoc PDF failed: ${pdf.err.split('\n').slice(-5).join(' | ')}`);
  } else note += '; XeLaTeX not installed: no PDF';
  for (const [what, r] of [['HTML', html], ['EPUB', epub]] as const) if (!r.ok) log(`  pandoc ${what} failed: ${r.err.split('\n').slice(-3).join(' | ')}`);
  const rss = [html, epub, pdf].map((r) => r?.maxRssBytes ?? 0);
  return {
    html: html.ok ? html.ms : null,
    epub: epub.ok ? epub.ms : null,
    pdf: pdf?.ok ? pdf.ms : null,
    maxRssBytes: Math.max(...rss) || null,
    note,
  };
}

const seconds = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '–' : (ms / 1000).toFixed(2));
const mib = (bytes: number | null): string => (bytes === null ? '–' : (bytes / 2 ** 20).toFixed(0));
const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

function ourTotal(row: Row): number {
  return row.best.wallMs;
}

function pandocTotal(p: PandocRun | null): number | null {
  return p && p.html !== null && p.epub !== null && p.pdf !== null ? p.html + p.epub + p.pdf : null;
}

function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the start), Node ${process.version}, ${process.platform}`;
}

function markdownTable(rows: Row[], runs: number, checks: BenchResult['checks']): string {
  const stage = (r: Row, name: string): string => seconds(r.best.stages[name]);
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`make bench\` (\`bench/scale.ts\`) on ${new Date().toISOString().slice(0, 10)}: ${machine()}.`,
    '',
    `Corpora of N raw pages generated from the seed articles and the development set (\`bench/lib/corpus-gen.ts\`: each page`,
    'keeps a host page\'s menus and footer, gets its own title, and a body whose paragraphs are shuffled and partly taken from',
    'other pages), with the project glossary. Each build is `compendium build --no-cache` (cold: no build cache, empty output',
    `folder), all three publications, run as a separate process; times are wall-clock seconds, the quickest of ${runs} runs`,
    '(the machine is shared, so single runs are noisy). Stages come from the build\'s own `--timings` file; "total" is the',
    'whole process, start-up included; the renderers overlap (the PDF has a thread of its own), so the stages add up to',
    'more than the total. Peak RSS is the process\'s maximum resident memory (both threads).',
    `Load average (1 min) when each size started: ${rows.map((r) => `${r.articles} articles ${r.load.toFixed(1)}`).join(', ')} — on ${cpus().length} cores.`,
    '',
    '| articles | chars | total s | read | normalize | segment | enrich | pdf | epub | html | write | PDF-only build s | peak RSS MiB | PDF MB | EPUB MB | HTML MB |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.articles} | ${r.chars} | **${seconds(ourTotal(r))}** | ${stage(r, 'read')} | ${stage(r, 'normalize')} | ${stage(r, 'segment')} | ${stage(r, 'enrich')} | ${stage(r, 'render pdf')} | ${stage(r, 'render epub')} | ${stage(r, 'render html')} | ${stage(r, 'write')} | ${seconds(r.pdfOnly.wallMs)} | ${mib(r.best.maxRssBytes)} | ${mb(r.sizes.pdf)} | ${mb(r.sizes.epub)} | ${mb(r.sizes.html)} |`,
    ),
    '',
    '## Pandoc on the same text',
    '',
    'Pandoc reads a Markdown export of the IR each build made (`bench/lib/markdown.ts`: the same titles, headings, paragraphs',
    'and glossary) and writes a standalone HTML page, an EPUB and a PDF through XeLaTeX (`Noto Serif CJK SC`, A5, with a table',
    'of contents), one run each. Ratios are Pandoc\'s time over ours (higher is better for us): all three outputs against our',
    'whole build, and the PDF against our PDF-only build.',
    '',
    '| articles | pandoc HTML s | pandoc EPUB s | pandoc PDF s | pandoc total s | pandoc peak RSS MiB | total ratio | PDF ratio |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => {
      const p = r.pandoc;
      if (!p) return `| ${r.articles} | not installed | | | | | | |`;
      const total = pandocTotal(p);
      return `| ${r.articles} | ${seconds(p.html)} | ${seconds(p.epub)} | ${seconds(p.pdf)} | ${seconds(total)} | ${mib(p.maxRssBytes)} | ${total === null ? '–' : (total / ourTotal(r)).toFixed(1) + '×'} | ${p.pdf === null ? '–' : (p.pdf / r.pdfOnly.wallMs).toFixed(1) + '×'} |`;
    }),
    '',
    rows.find((r) => r.pandoc)?.pandoc?.note ?? 'Pandoc was not installed on this machine: no comparison.',
    '',
    '## Targets',
    '',
    ...checks.map((c) => `- ${c.ok ? 'met' : '**missed**'}: ${c.what}`),
    '',
  ];
  return lines.join('\n');
}

function targetChecks(rows: Row[]): BenchResult['checks'] {
  const at = (n: number): Row | undefined => rows.find((r) => r.articles === n);
  const checks: BenchResult['checks'] = [];
  const five = at(5);
  const twoHundred = at(200);
  const thousand = at(1000);
  if (five) checks.push({ what: `5 articles, three outputs, cold, process start included: ${seconds(ourTotal(five))} s (< 1.5 s)`, ok: ourTotal(five) < 1500 });
  if (thousand) {
    checks.push({ what: `1,000 articles: ${seconds(ourTotal(thousand))} s (< 30 s)`, ok: ourTotal(thousand) < 30_000 });
    checks.push({ what: `1,000 articles: peak RSS ${mib(thousand.best.maxRssBytes)} MiB (< 1,536 MiB)`, ok: thousand.best.maxRssBytes < 1.5 * 2 ** 30 });
    const total = pandocTotal(thousand.pandoc);
    if (total !== null) checks.push({ what: `1,000 articles: ${(total / ourTotal(thousand)).toFixed(1)}× faster than Pandoc's three outputs (≥ 4×)`, ok: total / ourTotal(thousand) >= 4 });
    const pdf = thousand.pandoc?.pdf ?? null;
    if (pdf !== null) checks.push({ what: `1,000 articles: PDF ${(pdf / thousand.pdfOnly.wallMs).toFixed(1)}× faster than Pandoc + XeLaTeX (≥ 5×)`, ok: pdf / thousand.pdfOnly.wallMs >= 5 });
  }
  if (twoHundred && thousand) {
    // Five times the articles: linear is 5× the time; up to 6× passes.
    const ratio = ourTotal(thousand) / ourTotal(twoHundred);
    checks.push({ what: `linear: the 1,000-article build takes ${ratio.toFixed(2)}× the 200-article build (5× is linear; ≤ 6×)`, ok: ratio <= 6 });
  }
  return checks;
}

export const benchmark: Benchmark = {
  name: 'scale',
  async run({ root: repo, log }): Promise<BenchResult> {
    const sizes = numberList(process.env.BENCH_SIZES, DEFAULT_SIZES);
    const runs = numberList(process.env.BENCH_RUNS, [2])[0]!;
    const rows: Row[] = [];
    for (const articles of sizes) {
      const load = loadavg()[0]!;
      const work = await mkdtemp(join(tmpdir(), `compendium-scale-${articles}-`));
      try {
        const corpus = join(work, 'corpus');
        const made = await generateCorpus(repo, articles, corpus);
        const all: OurRun[] = [];
        for (let i = 0; i < runs; i++) all.push(await buildOnce(repo, corpus, work, 'pdf,epub,html'));
        const best = all.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
        const out = join(work, 'out');
        const sizesOut = { pdf: await sizeOf(join(out, 'compendium.pdf')), epub: await sizeOf(join(out, 'compendium.epub')), html: await sizeOf(join(out, 'html')) };
        const pandoc = await pandocRun(join(out, 'ir.json'), work, log);
        const pdfRuns: OurRun[] = [];
        for (let i = 0; i < runs; i++) pdfRuns.push(await buildOnce(repo, corpus, work, 'pdf'));
        const pdfOnly = pdfRuns.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
        const row: Row = { articles, chars: made.chars, best, pdfOnly, runs: all.map((r) => Math.round(r.wallMs)), sizes: sizesOut, pandoc, load };
        rows.push(row);
        const s = best.stages;
        log(
          `  ${String(articles).padStart(5)} articles  total ${seconds(best.wallMs).padStart(6)} s (runs ${row.runs.map((ms) => seconds(ms)).join(', ')})  normalize ${seconds(s.normalize)}  segment ${seconds(s.segment)}  enrich ${seconds(s.enrich)}  pdf ${seconds(s['render pdf'])}  epub ${seconds(s['render epub'])}  html ${seconds(s['render html'])}  peak ${mib(best.maxRssBytes)} MiB  pdf-only ${seconds(pdfOnly.wallMs)} s`,
        );
        if (pandoc) {
          const total = pandocTotal(pandoc);
          log(`  ${''.padStart(5)} pandoc: html ${seconds(pandoc.html)} s, epub ${seconds(pandoc.epub)} s, pdf ${seconds(pandoc.pdf)} s, peak ${mib(pandoc.maxRssBytes)} MiB${total === null ? '' : `; ratio ${(total / best.wallMs).toFixed(1)}× (all), ${pandoc.pdf === null ? '–' : (pandoc.pdf / pdfOnly.wallMs).toFixed(1)}× (PDF)`}`);
        } else log('         pandoc not installed: comparison skipped');
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    }
    const checks = targetChecks(rows);
    if (DEFAULT_SIZES.every((n) => sizes.includes(n))) {
      await writeFile(join(repo, 'BENCHMARKS.md'), markdownTable(rows, runs, checks));
      log('  written to BENCHMARKS.md');
    }
    return { checks, data: { runs, rows } };
  },
};
