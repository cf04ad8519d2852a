/**
 * The renderers, a registry keyed by format name (pandoc's writers). A renderer only reads the IR and
 * returns the files it made; build.ts writes them atomically. None re-parses a source.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import { nested, type JsonText } from '../json-stream.js';
import type { Article, Root } from '../ir.js';
import type { StyleSource } from './pdf/style.js';

export const FORMATS = ['pdf', 'epub', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputFile {
  /** Path relative to the output folder, forward slashes (e.g. `html/index.html`). */
  path: string;
  data: Uint8Array | string;
  /**
   * Set, with `data` left empty, for a file the previous build wrote with this content (its SHA-256) that
   * is on disk as it left it (`RenderContext.kept`): the build leaves it there, and it was never made.
   */
  kept?: string;
}

export interface RenderOptions {
  /** Folder of templates (stylesheets, page shells, pdf style). */
  templatesDir: string;
  /** Seconds since the epoch used for every timestamp the outputs hold. */
  sourceDateEpoch: number;
  /** PDF page size name (A5 by default). */
  pageSize: string;
  /** PDF imposition: null, or `booklet` for two-up saddle-stitch sheets. */
  impose: 'booklet' | null;
}

export interface RenderContext {
  options: RenderOptions;
  /** Collect a message into the build report and the terminal. */
  report(d: Diagnostic): void;
  /**
   * Reuse a unit of work (a page, a chapter, an article's layout) from the build cache: `compute` runs
   * only when no earlier build stored a result for the same `unit` name and `inputs`. The inputs must
   * hold everything the result depends on (the key is their JSON); the value must be JSON-serialisable.
   */
  memo<T>(unit: string, inputs: unknown, compute: () => T | Promise<T>): Promise<T>;
  /**
   * `memo` for units any renderer of the build may ask for (what an article shows outside its own pages):
   * stored once for all formats, and read or made once per build however many renderers ask. Absent,
   * `memo` serves.
   */
  sharedMemo?: RenderContext['memo'];
  /**
   * `memo` for a unit whose value is one large text that goes out as it is (a part of a script): kept as
   * the text itself, not inside JSON, and handed back as its UTF-8 bytes, never decoded. Absent, `memo`
   * serves (the text kept as `storeText`).
   */
  memoText?(unit: string, inputs: unknown, compute: () => string | Promise<string>): Promise<Uint8Array>;
  /**
   * `nodeDigest` of a node of the IR, computed once per build and shared by every renderer (the renderers
   * of one build read the same edition tree, which nothing changes).
   */
  digest(node: object): string;
  /**
   * `contentDigest` of an article, computed once per build. A render thread has it from the text it was
   * handed, without parsing the article's children.
   */
  contentDigest(article: Article): string;
  /**
   * What the renderer's `prepare` made from these options before the IR existed (a render thread starts
   * it while the build makes the IR); the renderer makes it itself when absent or failed.
   */
  prepared?: Promise<unknown>;
  /** Tables kept from one build to the next (absent: nothing is kept). */
  tables?: Tables;
  /**
   * Whether the previous build wrote `path` with content of this SHA-256 and it is on disk as it left it:
   * a renderer that knows a file's hash without making it (a page stored apart from its unit) then
   * returns it as kept (`OutputFile.kept`) instead. Absent, every file is made.
   */
  kept?(path: string, sha256: string): boolean;
}

/**
 * Tables that only grow: each entry a pure function of its name and the table's `inputs` (a font's
 * shaped texts), so an entry from any earlier build is as good as one made now. A renderer reads one
 * whole, and writes it back with what it added.
 */
export interface Tables {
  read<T>(name: string, inputs: unknown): Promise<Record<string, T>>;
  write<T>(name: string, inputs: unknown, entries: Record<string, T>): Promise<void>;
}

/** The options a renderer's preparation may read: known before the IR is; with the PDF's style read by the main thread. */
export type PrepareOptions = Pick<RenderOptions, 'templatesDir' | 'pageSize'> & { pdfStyle?: StyleSource | null };

/**
 * `digest` for one build: a digest per node object, remembered for as long as the tree lives. A build
 * hands in the digests it made already while writing ir.json (`known`); every thread digests the same way.
 */
export function digestsOfOneBuild(known = new WeakMap<object, string>()): (node: object) => string {
  return (node) => {
    let digest = known.get(node);
    if (digest === undefined) known.set(node, (digest = nodeDigest(node)));
    return digest;
  };
}

/**
 * A node's digest: of its text as ir.json sets an article (`JSON.stringify(root, null, 1)`, two levels
 * in), so writing ir.json gives every article's digest on the way (`textDigest` of its piece).
 */
export function nodeDigest(node: object): string {
  return textDigest(nested(node, 2));
}

/** The digest of a text, given whole or in parts (strings or their UTF-8 bytes: the same text, the same digest). */
export function textDigest(text: JsonText | readonly JsonText[]): string {
  const hash = createHash('sha256');
  const parts = Array.isArray(text) ? (text as readonly JsonText[]) : [text as JsonText];
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/**
 * An article's content digest: of its children's text as ir.json sets them (three levels in), without
 * the data enrich adds from the whole book (related articles, keywords). What its PDF layout depends on.
 */
export function contentDigest(article: Article): string {
  return textDigest(nested(article.children, 3));
}

/**
 * `contentDigest` for one build, remembered per article; `known` holds those taken from ir.json's pieces
 * (by the build, and by a thread from the text it was handed), so their children are not read for it.
 */
export function contentDigestsOfOneBuild(known = new WeakMap<object, string>()): (article: Article) => string {
  return (article) => {
    let digest = known.get(article);
    if (digest === undefined) known.set(article, (digest = contentDigest(article)));
    return digest;
  };
}

/** A context with no cache behind it: every unit is computed (tests, benchmarks, --no-cache). */
export function uncachedContext(options: RenderOptions, report: (d: Diagnostic) => void = () => {}): RenderContext {
  return { options, report, memo: async (_unit, _inputs, compute) => compute(), digest: digestsOfOneBuild(), contentDigest: contentDigestsOfOneBuild() };
}

/** A unit's value and the messages raised while it was computed. */
export interface Reported<T> {
  value: T;
  messages: Diagnostic[];
}

/** Run `compute` with its own report, so the messages can be stored with a unit and raised again on reuse. */
export async function collecting<T>(compute: (report: (d: Diagnostic) => void) => T | Promise<T>): Promise<Reported<T>> {
  const messages: Diagnostic[] = [];
  const value = await compute((d) => void messages.push(d));
  return { value, messages };
}

/**
 * A content hash of a JSON-serialisable value: stands for a large input (an article's subtree) in the
 * inputs of several units, so it is serialised once rather than once per unit.
 */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex');
}

/**
 * Text a unit keeps as base64 of its UTF-8. The cache holds JSON, and Chinese text costs several times
 * more to read back than ASCII; text a unit only hands on (a page, a fragment) is best kept as bytes.
 */
export function storeText(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Text kept by `storeText`. */
export function readText(stored: string): string {
  return Buffer.from(stored, 'base64').toString('utf8');
}

/** `RenderContext.memoText`, or `memo` keeping the text as `storeText` where the context has none. */
export function memoText(context: RenderContext, unit: string, inputs: unknown, compute: () => string | Promise<string>): Promise<Uint8Array> {
  if (context.memoText) return context.memoText(unit, inputs, compute);
  return context.memo(unit, inputs, async () => storeText(await compute())).then(readBytes);
}

/** The UTF-8 bytes of text kept by `storeText` (for an output file: no decoding at all). */
export function readBytes(stored: string): Uint8Array {
  return Buffer.from(stored, 'base64');
}

export type Renderer = (root: Root, context: RenderContext) => Promise<OutputFile[]>;

/**
 * Work a renderer can do ahead of the IR: from the options alone (reading its style and fonts), and on
 * the values its units stored in the cache that were read ahead (`ahead`, see ReadAhead.values).
 */
export const preparers: Partial<Record<Format, () => Promise<(options: PrepareOptions, ahead?: AsyncIterable<unknown>) => Promise<unknown>>>> = {
  pdf: async () => (await import('./pdf/index.js')).preparePdf,
};

/** Loaded on demand, so a build that renders nothing (a no-op rebuild) never loads pdfkit or unified. */
export const renderers: Record<Format, () => Promise<Renderer>> = {
  pdf: async () => (await import('./pdf/index.js')).renderPdf,
  epub: async () => (await import('./epub/index.js')).renderEpub,
  html: async () => (await import('./html/index.js')).renderHtml,
};
