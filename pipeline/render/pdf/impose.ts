/**
 * The booklet: the A5 pages two-up on A4 landscape sheets in saddle-stitch order, to print on both sides
 * (flip on the short edge), fold in the middle and staple. The page count is padded with blank pages to a
 * multiple of four. The page models are painted again at their imposed places (rather than copying pages
 * as form XObjects, which pdfkit cannot do), so the sheets carry the same embedded subset fonts and text.
 */
import type { Root } from '../../ir.js';
import type { FontFiles, OpenFonts } from './fonts.js';
import { newDocument } from './document.js';
import type { BookLayout } from './book.js';
import { Painter } from './paint/painter.js';
import { applyMetadata, documentInfo } from './paint/metadata.js';
import type { SubsetCache } from './paint/embed.js';
import type { PdfStyle } from './style.js';
import { mm } from './style.js';

export interface Sheet {
  /** Physical page indexes on the left and right half of a sheet side; null for a blank. */
  left: number | null;
  right: number | null;
}

/** Sheet sides in printing order: front of sheet 1, back of sheet 1, front of sheet 2, … */
export function saddleStitchOrder(pageCount: number): Sheet[] {
  const n = Math.max(4, Math.ceil(pageCount / 4) * 4);
  const real = (i: number): number | null => (i < pageCount ? i : null);
  const sides: Sheet[] = [];
  for (let s = 0; s < n / 4; s++) {
    sides.push({ left: real(n - 1 - 2 * s), right: real(2 * s) });
    sides.push({ left: real(2 * s + 1), right: real(n - 2 - 2 * s) });
  }
  return sides;
}

/** The sheet: a named size that holds two pages side by side (A4 for A5), else exactly two pages wide. */
export function sheetSize(style: PdfStyle, pageMm: [number, number]): [number, number] {
  const [w, h] = pageMm;
  const named = Object.values(style.pageSizes)
    .map(([a, b]) => [Math.max(a, b), Math.min(a, b)] as [number, number])
    .filter(([long, short]) => long >= 2 * w - 0.5 && short >= h - 0.5 && long <= 2 * w * 1.03 && short <= h * 1.03)
    .sort((x, y) => x[0] * x[1] - y[0] * y[1]);
  return named[0] ?? [2 * w, h];
}

export async function imposeBooklet(
  root: Root,
  layout: BookLayout,
  style: PdfStyle,
  pageMm: [number, number],
  pagePt: { width: number; height: number },
  files: FontFiles,
  open: OpenFonts,
  epoch: number,
  id: Buffer,
  subsets?: SubsetCache,
): Promise<Buffer> {
  const pages = layout.pages;
  const [sw, sh] = sheetSize(style, pageMm).map(mm) as [number, number];
  const info = documentInfo(root, epoch, 'booklet');
  const { doc, fonts, bytes } = newDocument(root, info, files, false, open);
  applyMetadata(doc, info, root, id);
  const painter = new Painter(doc, fonts, { interactive: false, targets: new Map(), lang: root.data.lang, pageHeight: pagePt.height, ...(subsets ? { subsets } : {}) });
  const dx = (sw - 2 * pagePt.width) / 2;
  const dy = (sh - pagePt.height) / 2;
  for (const side of saddleStitchOrder(pages.length)) {
    painter.addPage(sw, sh);
    if (side.left !== null) painter.paint(pages[side.left]!, dx, dy);
    if (side.right !== null) painter.paint(pages[side.right]!, dx + pagePt.width, dy);
    // Fold marks: short ticks at the fold, top and bottom.
    painter.stroke(sw / 2, dy, sw / 2, dy + mm(4), 0.3, '#999999');
    painter.stroke(sw / 2, dy + pagePt.height - mm(4), sw / 2, dy + pagePt.height, 0.3, '#999999');
  }
  await painter.finish();
  doc.end();
  return bytes;
}
