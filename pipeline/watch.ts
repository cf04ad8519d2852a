/**
 * `compendium watch`: rebuild when the corpus (articles, compendium.yaml, glossary.yaml) or the
 * templates change. Changes are debounced; a change during a build queues one more build after it.
 * Each rebuild prints one summary line; a failing rebuild prints its errors and, since every output is
 * written atomically and book-level errors render nothing, the last good outputs stay in place.
 */
import { basename, sep } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { build, type BuildOptions, type BuildResult } from './build.js';

export interface WatchHandle {
  /** Resolves after the first build; each later build resolves `next`. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchEvents {
  onBuild(result: BuildResult | null, error: unknown, changed: string[]): void;
}

export function watchCorpus(options: BuildOptions, events: WatchEvents, debounceMs = 250): WatchHandle {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let pending: string[] = [];
  let closed = false;

  const run = async (changed: string[]): Promise<void> => {
    running = true;
    try {
      events.onBuild(await build(options), null, changed);
    } catch (error) {
      events.onBuild(null, error, changed);
    } finally {
      running = false;
    }
    if (pending.length > 0 && !closed) schedule();
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (running) return;
      const changed = pending;
      pending = [];
      void run(changed);
    }, debounceMs);
  };

  const watcher = chokidarWatch([options.corpusDir, options.templatesDir], {
    ignoreInitial: true,
    // Outputs, caches and editors' hidden or temporary files are not sources.
    ignored: (path) => path.startsWith(options.outDir + sep) || basename(path).startsWith('.') || path.endsWith('.partial'),
    awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
  });
  watcher.on('all', (_event, path) => {
    pending.push(path);
    schedule();
  });
  const watching = new Promise<void>((resolve) => watcher.on('ready', () => resolve()));
  return {
    ready: watching.then(() => run([])),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
