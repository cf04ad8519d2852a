/**
 * The PDF renderer: the IR → `compendium.pdf`, a study booklet set by Chinese typesetting rules (and, with
 * `--impose booklet`, `compendium-booklet.pdf`, the same pages imposed for saddle-stitch printing).
 *
 *   style (templates/pdf/style.yaml) → fonts → layout (book.ts: handlers → blocks → lines → pages, in
 *   passes until page references settle) → paint (pdfkit: text, tags, links, outline, metadata)
 */
import { BuildError, diagnostic } from '../../diagnostics.js';
import type { Root } from '../../ir.js';
import type { OutputFile, PrepareOptions, RenderContext, Renderer } from '../index.js';
import { layoutBook, type BookLayout } from './book.js';
import { newDocument } from './document.js';
import { fontIdentity, fontMetrics, openFonts, readFontFiles, type EmbeddedFont, type FontFiles, type FontMetrics, type OpenFonts, type ShapeTable } from './fonts.js';
import { imposeBooklet } from './impose.js';
import type { AnchorPlace } from './layout/types.js';
import { applyMetadata, applyPageLabels, documentId, documentInfo } from './paint/metadata.js';
import { addOutline } from './paint/outline.js';
import type { SubsetCache } from './paint/embed.js';
import { keptDeflates } from './paint/kept-deflates.js';
import { Painter } from './paint/painter.js';
import { contentHash, DecodedAhead, Units } from './units.js';
import { geometry, loadStyle, pageSizeOf, type Geometry, type PdfStyle } from './style.js';

export const PDF_FILE = 'compendium.pdf';
export const BOOKLET_FILE = 'compendium-booklet.pdf';

export const renderPdf: Renderer = async (root, context) => {
  try {
    return await render(root, context);
  } catch (error) {
    if (error instanceof BuildError) {
      context.report(error.diagnostic);
      return [];
    }
    throw error;
  }
};

export interface PreparedBook {
  style: PdfStyle;
  pageMm: [number, number];
  geometry: Geometry;
  layout: BookLayout;
}

interface BookSetUp {
  style: PdfStyle;
  pageMm: [number, number];
  geometry: Geometry;
  files: FontFiles;
  open: OpenFonts;
  /** `fontIdentity` of the fonts: part of every key the renderer gives the build cache. */
  identity: string[];
  /** Article layouts decoded ahead, when prepared with the values read ahead. */
  ahead: DecodedAhead | null;
}

/**
 * The style and fonts, from the options alone: what a render thread prepares while the IR is made; then,
 * given the values read ahead from the cache, it decodes the article layouts among them.
 */
export const preparePdf = async (options: PrepareOptions, ahead?: AsyncIterable<unknown>): Promise<BookSetUp> => {
  const book = await setUp(options);
  return ahead ? { ...book, ahead: new DecodedAhead(ahead) } : book;
};

/** The book's set-up: prepared ahead (`RenderContext.prepared`) or made now, when that is absent or failed (its error is raised here then). */
async function setUpFor(context: RenderContext): Promise<BookSetUp> {
  const prepared = (await (context.prepared as Promise<BookSetUp> | undefined)?.catch(() => null)) ?? null;
  return prepared ?? setUp(context.options);
}

async function setUp(options: PrepareOptions): Promise<BookSetUp> {
  const style = await loadStyle(options.templatesDir, options.pdfStyle);
  const pageMm = pageSizeOf(style, options.pageSize);
  if (!pageMm) {
    throw new BuildError(diagnostic('error', 'render:pdf', 'page-size-unknown', `Unexpected page size \`${options.pageSize}\`, expected one of ${Object.keys(style.pageSizes).join(', ')} or WIDTHxHEIGHTmm`, { file: style.file }));
  }
  const files = readFontFiles(style);
  const open = openFonts(files);
  return { style, pageMm, geometry: geometry(style, pageMm), files, open, identity: fontIdentity(files, open), ahead: null };
}

/** The build cache's units for this book: keyed by the style, page size, fonts and script besides their own inputs. */
function unitsFor(root: Root, context: RenderContext, book: BookSetUp, keepItems: boolean): Units {
  return new Units(context.memo, { style: book.style.source, page: book.pageMm, fonts: book.identity, script: root.data.script }, book.geometry.height, keepItems, book.ahead);
}

/** Lay the book out, measuring with `metrics` (of a document's fonts: the same fontkit layout its painter uses). */
function layout(root: Root, context: RenderContext, book: BookSetUp, metrics: FontMetrics, units: Units): Promise<BookLayout> {
  return layoutBook({ root, style: book.style, geometry: book.geometry, metrics, report: context.report, units, contentDigest: context.contentDigest });
}

const SHAPES = 'pdf-shapes';
const SQUEEZES = 'pdf-squeezes';

/** Metrics of the fonts, with the short texts shaped and the marks' squeezes worked out by earlier builds (see ShapeTable, SqueezeTable). */
async function metricsFor(context: RenderContext, book: BookSetUp, fonts: Record<string, EmbeddedFont>): Promise<{ metrics: FontMetrics; keep: () => Promise<void> }> {
  const identity = book.identity;
  const [known, knownSqueezes] = await Promise.all([
    context.tables?.read<ShapeTable[string]>(SHAPES, identity) ?? {},
    context.tables?.read<number>(SQUEEZES, identity) ?? {},
  ]);
  const metrics = fontMetrics(fonts, known, knownSqueezes);
  // A table is written back only when something was added to it.
  const grow = async <T>(name: string, had: Record<string, T>, added: Record<string, T>): Promise<void> => {
    if (Object.keys(added).length > 0) await context.tables?.write(name, identity, { ...had, ...added });
  };
  const keep = async (): Promise<void> => {
    await grow(SHAPES, known, metrics.learned());
    await grow(SQUEEZES, knownSqueezes, metrics.learnedSqueezes());
  };
  return { metrics, keep };
}

/** Style, fonts and layout without painting: what the tests inspect (the layout's own line list). */
export async function prepareBook(root: Root, context: RenderContext): Promise<PreparedBook & { files: FontFiles }> {
  const book = await setUpFor(context);
  const scratch = newDocument(root, documentInfo(root, context.options.sourceDateEpoch, ''), book.files, false, book.open);
  const { metrics } = await metricsFor(context, book, scratch.fonts);
  return { ...book, layout: await layout(root, context, book, metrics, unitsFor(root, context, book, true)) };
}

async function render(root: Root, context: RenderContext): Promise<OutputFile[]> {
  const options = context.options;
  const book = await setUpFor(context);
  book.ahead?.stop();
  const g = book.geometry;
  const info = documentInfo(root, options.sourceDateEpoch, '');
  const { doc, fonts, bytes } = newDocument(root, info, book.files, true, book.open);
  const units = unitsFor(root, context, book, false);
  const shapes = await metricsFor(context, book, fonts);
  const laidOut = await layout(root, context, book, shapes.metrics, units);
  await shapes.keep();
  // The /ID from what the file is made of: everything laid out (the units' inputs), the book's data, the options.
  const madeOf = [units.digest(), JSON.stringify(root.data), JSON.stringify(root.children.map((a) => a.data)), options.pageSize, book.style.source];
  applyMetadata(doc, info, root, documentId([...madeOf, 'reading']));
  const subsets = fontSubsets(context, book.identity);
  const deflates = await keptDeflates(context.tables);
  const painter = new Painter(doc, fonts, { interactive: true, targets: targetsOf(laidOut), lang: root.data.lang, pageHeight: g.height, subsets, deflate: deflates.deflate });
  for (const page of laidOut.pages) {
    painter.addPage(g.width, g.height);
    painter.paint(page);
  }
  await painter.finish();
  await deflates.keep();
  addOutline(doc, laidOut.contents, laidOut.anchors);
  applyPageLabels(doc, laidOut.bodyStart, laidOut.pages.length);
  doc.end();
  const files: OutputFile[] = [{ path: PDF_FILE, data: await bytes }];
  if (options.impose === 'booklet') {
    files.push({ path: BOOKLET_FILE, data: await imposeBooklet(root, laidOut, book.style, book.pageMm, g, book.files, book.open, options.sourceDateEpoch, documentId([...madeOf, 'booklet']), subsets) });
  }
  return files;
}

/**
 * Encoded font subsets from the build cache: a subset is the same file whenever the same glyphs of the
 * same font are in it, and encoding one takes a while.
 */
function fontSubsets(context: RenderContext, identity: readonly string[]): SubsetCache {
  return (key, gids, make) =>
    context
      .memo('pdf-font-subset', { font: identity.find((id) => id.startsWith(`${key}:`)), glyphs: contentHash(gids) }, () => {
        const { file, cidToGid, widths } = make();
        return { file: Buffer.from(file).toString('base64'), cidToGid: Buffer.from(cidToGid).toString('base64'), widths };
      })
      .then(({ file, cidToGid, widths }) => ({ file: Buffer.from(file, 'base64'), cidToGid: Buffer.from(cidToGid, 'base64'), widths }));
}

/** Every anchor something links to (contents, outline, terms, page references), with its place. */
function targetsOf(layout: BookLayout): Map<string, AnchorPlace> {
  const wanted = new Set<string>();
  for (const page of layout.pages) {
    for (const link of page.painted?.links ?? []) wanted.add(link[4]);
    for (const item of page.items.slice(page.painted?.items ?? 0)) if (item.type === 'line') for (const box of item.links) wanted.add(box.link);
  }
  const walk = (entries: BookLayout['contents']): void => {
    for (const e of entries) {
      wanted.add(e.anchor);
      walk(e.children);
    }
  };
  walk(layout.contents);
  const targets = new Map<string, AnchorPlace>();
  for (const anchor of [...wanted].sort()) {
    const place = layout.anchors.get(anchor);
    if (place) targets.set(anchor, place);
  }
  return targets;
}
