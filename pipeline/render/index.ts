/**
 * The renderers, a registry keyed by format name (pandoc's writers). A renderer only reads the IR and
 * returns the files it made; build.ts writes them atomically. None re-parses a source.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Root } from '../ir.js';
import { renderEpub } from './epub/index.js';
import { renderHtml } from './html/index.js';
import { renderPdf } from './pdf/index.js';

export const FORMATS = ['pdf', 'epub', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputFile {
  /** Path relative to the output folder, forward slashes (e.g. `html/index.html`). */
  path: string;
  data: Uint8Array | string;
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
}

export type Renderer = (root: Root, context: RenderContext) => Promise<OutputFile[]>;

export const renderers: Partial<Record<Format, Renderer>> = {
  pdf: renderPdf,
  epub: renderEpub,
  html: renderHtml,
};
