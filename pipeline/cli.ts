/**
 * The command line: argument parsing, progress, printing messages, exit codes — nothing else.
 * Exit status: 0 built, 1 build errors (or warnings with --strict), 2 usage error. A user's mistake is
 * one line naming what is wrong, never a stack trace.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { build, type BuildOptions, type BuildResult } from './build.js';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from './corpus.js';
import { formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { silentProgress, terminalProgress } from './progress.js';
import { FORMATS, type Format } from './render/index.js';
import { Timings } from './timings.js';
import type { RenderThread } from './render/thread.js';

export const EXIT_OK = 0;
export const EXIT_BUILD_ERRORS = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

const EXIT_HELP = `Exit status: 0 built; 1 errors (a bad article is left out with an error and every other one is built;
with --strict the build stops at the first error, and warnings count too); 2 usage error.`;

/** The package root (where package.json and templates/ are), from either pipeline/ or build/pipeline/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the pipeline');
    dir = up;
  }
  return dir;
}

interface BuildFlags {
  corpus: string;
  out: string;
  formats: string;
  script: string;
  strict?: boolean;
  quiet?: boolean;
  pageSize: string;
  impose?: string;
  templates?: string;
  /** commander's negatable --no-cache sets this to false. */
  cache: boolean;
  cacheDir: string;
  timings?: string;
  maxFileSize?: string;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `4M`, `512KiB`, `1048576` → bytes (binary multiples). */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) throw new UsageError(`Unexpected --max-file-size \`${value}\`, expected a size such as 4M, 512K or 1048576`);
  return Math.round(Number(m[1]) * unit);
}

export function parseFormats(value: string): Format[] {
  const list = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const f of list) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`Unexpected format \`${f}\`, expected a comma-separated list of ${FORMATS.join(', ')}`);
  }
  return [...new Set(list)] as Format[];
}

export function parseSourceDateEpoch(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`Unexpected SOURCE_DATE_EPOCH \`${value}\`, expected whole seconds since 1970`);
  return Number(value);
}

export function buildOptionsFrom(flags: BuildFlags, env: NodeJS.ProcessEnv, cwd: string): BuildOptions {
  if (flags.script !== 'hans' && flags.script !== 'hant') throw new UsageError(`Unexpected --script \`${flags.script}\`, expected hans or hant`);
  if (flags.impose !== undefined && flags.impose !== 'booklet') throw new UsageError(`Unexpected --impose \`${flags.impose}\`, expected booklet`);
  const corpusDir = resolve(cwd, flags.corpus);
  if (!existsSync(corpusDir)) throw new UsageError(`Unexpected --corpus \`${flags.corpus}\`, expected an existing folder`);
  return {
    corpusDir,
    outDir: resolve(cwd, flags.out),
    formats: parseFormats(flags.formats),
    script: flags.script,
    strict: flags.strict === true,
    templatesDir: resolve(cwd, flags.templates ?? join(packageRoot(), 'templates')),
    sourceDateEpoch: parseSourceDateEpoch(env.SOURCE_DATE_EPOCH),
    pageSize: flags.pageSize,
    impose: flags.impose === 'booklet' ? 'booklet' : null,
    cacheDir: flags.cache ? resolve(cwd, flags.cacheDir) : null,
    maxFileBytes: flags.maxFileSize === undefined ? undefined : parseSize(flags.maxFileSize),
  };
}

/** One line: what was built, what was reused, how many messages. */
export function summarize(result: BuildResult, outDir: string): string {
  const w = result.work;
  const counts = `${result.errors} error(s), ${result.warnings} warning(s)`;
  if (w.upToDate || (w.articlesProcessed.length === 0 && w.enrich === 'reused' && w.rendered.length === 0)) {
    return `no changes: ${w.articlesReused} article(s), ${['the IR', ...w.renderReused].join(', ')} up to date; nothing parsed or rendered (${counts})`;
  }
  const parts = [
    `${w.articlesProcessed.length} article(s) processed${w.articlesReused ? `, ${w.articlesReused} reused` : ''}`,
    `enrich ${w.enrich}`,
    w.rendered.length ? `rendered ${w.rendered.join(', ')}${w.units.reused ? ` (${w.units.reused} of ${w.units.reused + w.units.computed} units reused)` : ''}` : '',
    w.renderReused.length ? `${w.renderReused.join(', ')} up to date` : '',
  ].filter((p) => p !== '');
  if (!result.outputs.includes('ir.json')) return `stopped: only report.json written to ${outDir}, previous outputs kept (${counts})`;
  return `built ${result.root.children.length} article(s) → ${outDir}: ${parts.join('; ')} (${counts})`;
}

function addBuildOptions(command: Command): Command {
  return command
    .option('--corpus <dir>', 'corpus folder (article .txt files, compendium.yaml, glossary.yaml)', 'corpus')
    .option('--out <dir>', 'output folder', 'dist')
    .option('--formats <list>', `publications to make, comma-separated: ${FORMATS.join(',')}`, FORMATS.join(','))
    .addOption(new Option('--script <script>', 'script of the publications: hans (Simplified, zh-CN) or hant (Traditional, zh-TW)').default('hans'))
    .option('--strict', 'stop at the first error (writing only report.json, keeping the previous outputs) and exit with status 1 on warnings too')
    .option('--quiet', 'print errors only, no progress')
    .option('--page-size <size>', 'PDF page size (A5, A4, B5, …)', 'A5')
    .option('--impose <mode>', 'PDF imposition: booklet (A5 pages two-up on A4, saddle-stitch order)')
    .option('--templates <dir>', 'templates folder (default: the package templates/)')
    .option('--cache-dir <dir>', 'build cache folder', '.cache/compendium')
    .option('--max-file-size <size>', `largest article file read (larger ones are left out with an error), e.g. 4M, 512K (default ${formatBytes(DEFAULT_MAX_FILE_BYTES)})`)
    .option('--no-cache', 'ignore the build cache: run every stage')
    .option('--timings <file>', 'write the wall time of each stage, the process time and peak memory as JSON (benchmarks)')
    .addHelpText('after', `\n${EXIT_HELP}`);
}

/** Stage times, time since the process started and its peak resident memory (for benchmarks). */
async function writeTimings(file: string, timings: Timings): Promise<void> {
  const stages = timings.toJSON();
  await writeFile(file, JSON.stringify({ stages, processMs: Math.round(performance.now()), maxRssBytes: process.resourceUsage().maxRSS * 1024 }, null, 1) + '\n');
}

function program(run: (code: number) => void, io: { out: (s: string) => void; err: (s: string) => void }, prestarted: RenderThread | null = null): Command {
  const cmd = new Command('compendium')
    .description('Turn a folder of raw Chinese articles into a PDF booklet, an EPUB and an HTML site, from one IR.')
    .exitOverride()
    .addHelpText('after', `\n${EXIT_HELP}`)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  addBuildOptions(cmd.command('build').description('build OUT/ir.json, OUT/report.json and the publications from the corpus')).action(
    async (flags: BuildFlags) => {
      const options = buildOptionsFrom(flags, process.env, process.cwd());
      const quiet = flags.quiet === true;
      const print = (d: Diagnostic): void => {
        if (!quiet || d.severity === 'error') io.err(formatDiagnostic(d) + '\n');
      };
      const timings = new Timings();
      const result = await build({ ...options, progress: quiet ? silentProgress : terminalProgress(), onMessage: print, timings, prestartedThread: prestarted });
      if (!quiet) io.err(summarize(result, options.outDir) + '\n');
      if (flags.timings !== undefined) await writeTimings(resolve(process.cwd(), flags.timings), timings);
      run(result.errors > 0 || (options.strict && result.warnings > 0) ? EXIT_BUILD_ERRORS : EXIT_OK);
    },
  );

  addBuildOptions(cmd.command('watch').description('build, then rebuild whenever the corpus, glossary, YAML or templates change (Ctrl-C stops)')).action(
    async (flags: BuildFlags) => {
      const options = buildOptionsFrom(flags, process.env, process.cwd());
      const quiet = flags.quiet === true;
      // Loaded for this command only: its file watcher is nothing a build needs.
      const { watchCorpus } = await import('./watch.js');
      const handle = watchCorpus(
        { ...options, onMessage: (d) => (!quiet || d.severity === 'error') && io.err(formatDiagnostic(d) + '\n') },
        {
          onBuild(result, error, changed) {
            const stamp = changed.length ? `${changed.length} change(s): ` : '';
            // summarize says when nothing but report.json was written (the last good outputs stay).
            if (result) io.err(`${stamp}${summarize(result, options.outDir)}\n`);
            else io.err(`${stamp}rebuild failed, last good outputs kept: ${(error as Error).message}\n`);
          },
        },
      );
      await handle.ready;
      io.err(`watching ${options.corpusDir} and ${options.templatesDir} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => void handle.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      run(EXIT_OK);
    },
  );
  return cmd;
}

/**
 * A reader that stops early (`compendium --help | head -1`) closes the pipe: the rest of the output has
 * nowhere to go, which is no error of the program's, so it ends quietly instead of with a stack trace.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT_OK);
  });
}

/**
 * Run the CLI; resolves to the exit status instead of exiting, so tests can call it. `prestarted`: the
 * PDF's thread, started with the process for a build (see prestartRenderThread); the build takes it or
 * ends it, and it is ended here if no build ran.
 */
export async function main(argv: string[], io = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) }, prestarted: RenderThread | null = null): Promise<number> {
  let code = EXIT_OK;
  const cmd = program((c) => (code = c), io, prestarted);
  try {
    if (argv.length === 0) {
      cmd.outputHelp();
      return EXIT_USAGE;
    }
    await cmd.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.err(`compendium: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // A missing or unwritable folder is the user's to fix: one line. Anything else is a bug: the stack helps.
    const errno = error as NodeJS.ErrnoException;
    if (typeof errno.code === 'string' && typeof errno.syscall === 'string') {
      io.err(`compendium: cannot ${errno.syscall} ${errno.path ?? ''}: ${errno.code}\n`.replace(' :', ':'));
    } else {
      io.err(`compendium: internal error, please report it: ${(error as Error).stack ?? String(error)}\n`);
    }
    return EXIT_BUILD_ERRORS;
  } finally {
    prestarted?.close();
  }
}
