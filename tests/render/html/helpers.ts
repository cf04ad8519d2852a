/**
 * Shared by the HTML tests: build a corpus into a temp folder, serve a folder on localhost, launch Chromium,
 * render with a cache that counts what it reuses.
 */
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build, type BuildResult } from '../../../pipeline/build.js';
import type { Diagnostic } from '../../../pipeline/diagnostics.js';
import type { Script } from '../../../pipeline/ir.js';
import { contentDigest, digestOf, type RenderContext, type RenderOptions } from '../../../pipeline/render/index.js';

export const PROJECT = resolve(import.meta.dirname, '../../..');
export const TEMPLATES = join(PROJECT, 'templates');
export const OUTPUT = join(PROJECT, 'tests/.output/html');

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `compendium-${prefix}-`));
}

export async function buildHtml(corpusDir: string, outDir: string, script: Script = 'hans'): Promise<BuildResult> {
  return build({
    corpusDir,
    outDir,
    formats: ['html'],
    script,
    strict: false,
    templatesDir: TEMPLATES,
    sourceDateEpoch: 1_700_000_000,
    pageSize: 'A5',
    impose: null,
    cacheDir: null,
  });
}

export async function htmlPages(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.html')).sort();
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A tiny static file server over `root` on a free localhost port. */
export async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(root + sep) || !(await stat(file).then((s) => s.isFile(), () => false))) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Debian's Chromium, headless; Playwright gives every launch a fresh temporary user-data-dir. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function removeAll(...dirs: string[]): Promise<void> {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}

/**
 * A render context with an in-memory cache that works like the build's (keyed by the unit and the JSON of
 * its inputs, values stored as JSON), recording which units each render computed and reused.
 */
export interface CountingContext {
  context: RenderContext;
  messages: Diagnostic[];
  /** Units computed and reused since the last `reset`, by name. */
  computed: string[];
  reused: string[];
  reset(): void;
  /** The stored units, by unit name and inputs. */
  store: Map<string, string>;
}

export function countingContext(options: Partial<RenderOptions> = {}): CountingContext {
  const store = new Map<string, string>();
  const counting: CountingContext = {
    store,
    messages: [],
    computed: [],
    reused: [],
    reset() {
      counting.messages.length = 0;
      counting.computed.length = 0;
      counting.reused.length = 0;
    },
    context: {
      options: { templatesDir: TEMPLATES, sourceDateEpoch: 1_700_000_000, pageSize: 'A5', impose: null, ...options },
      report: (d) => void counting.messages.push(d),
      // Tests edit trees between renders, so nothing is remembered here.
      digest: digestOf,
      contentDigest,
      async memo(unit, inputs, compute) {
        const key = `${unit}\u0000${JSON.stringify(inputs)}`;
        const hit = store.get(key);
        if (hit !== undefined) {
          counting.reused.push(unit);
          return JSON.parse(hit);
        }
        const value = await compute();
        counting.computed.push(unit);
        store.set(key, JSON.stringify(value));
        return value;
      },
    },
  };
  return counting;
}
