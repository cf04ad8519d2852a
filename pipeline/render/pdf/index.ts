/**
 * The PDF renderer: the IR → `compendium.pdf`, a study booklet set by Chinese typesetting rules (and, with
 * `--impose booklet`, `compendium-booklet.pdf`, the same pages imposed for saddle-stitch printing).
 *
 *   style (templates/pdf/style.yaml) → fonts → layout (book.ts: handlers → blocks → lines → pages, in
 *   passes until page references settle) → paint (pdfkit: text, tags, links, outline, metadata)
 */
import { BuildError, diagnostic } from '../../diagnostics.js';
import type { Root } from '../../ir.js';
import type { OutputFile, RenderContext, Renderer } from '../index.js';
import { layoutBook, type BookLayout } from './book.js';
import { newDocument } from './document.js';
import { fontMetrics, readFontFiles } from './fonts.js';
import { imposeBooklet } from './impose.js';
import type { AnchorPlace } from './layout/types.js';
import { applyPageLabels, documentId, documentInfo } from './paint/metadata.js';
import { addOutline } from './paint/outline.js';
import { Painter } from './paint/painter.js';
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

/** Style, fonts and layout without painting: what the tests inspect (the layout's own line list). */
export async function prepareBook(root: Root, context: RenderContext): Promise<PreparedBook & { files: ReturnType<typeof readFontFiles> }> {
  const options = context.options;
  const style = await loadStyle(options.templatesDir);
  const pageMm = pageSizeOf(style, options.pageSize);
  if (!pageMm) {
    throw new BuildError(diagnostic('error', 'render:pdf', 'page-size-unknown', `Unexpected page size \`${options.pageSize}\`, expected one of ${Object.keys(style.pageSizes).join(', ')} or WIDTHxHEIGHTmm`, { file: style.file }));
  }
  const g = geometry(style, pageMm);
  const files = readFontFiles(style);
  // Measuring uses a scratch document's fonts: the same fontkit layout the painter uses.
  const scratch = newDocument(root, documentInfo(root, options.sourceDateEpoch, ''), Buffer.alloc(16), files, false);
  const layout = layoutBook({ root, style, geometry: g, metrics: fontMetrics(scratch.fonts), report: context.report });
  return { style, pageMm, geometry: g, layout, files };
}

async function render(root: Root, context: RenderContext): Promise<OutputFile[]> {
  const options = context.options;
  const book = await prepareBook(root, context);
  const { layout, geometry: g } = book;
  const id = documentId([JSON.stringify(root), options.pageSize, book.style.source, 'reading']);
  const { doc, fonts, bytes } = newDocument(root, documentInfo(root, options.sourceDateEpoch, ''), id, book.files, true);
  const painter = new Painter(doc, fonts, { interactive: true, targets: targetsOf(layout), lang: root.data.lang });
  for (const page of layout.pages) {
    doc.addPage({ size: [g.width, g.height], margin: 0 });
    painter.paint(page);
  }
  painter.finish();
  addOutline(doc, layout.contents, layout.anchors);
  applyPageLabels(doc, layout.bodyStart, layout.pages.length);
  doc.end();
  const files: OutputFile[] = [{ path: PDF_FILE, data: await bytes }];
  if (options.impose === 'booklet') {
    const bookletId = documentId([JSON.stringify(root), options.pageSize, book.style.source, 'booklet']);
    files.push({ path: BOOKLET_FILE, data: await imposeBooklet(root, layout.pages, book.style, book.pageMm, g, book.files, options.sourceDateEpoch, bookletId) });
  }
  return files;
}

/** Every anchor something links to (contents, outline, terms, page references), with its place. */
function targetsOf(layout: BookLayout): Map<string, AnchorPlace> {
  const wanted = new Set<string>();
  for (const page of layout.pages) for (const item of page.items) if (item.type === 'line') for (const s of item.spans) if (s.link) wanted.add(s.link);
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
