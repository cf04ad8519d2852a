/**
 * Fonts opened ahead (openFonts, what a render thread does while the IR is made) must give a document
 * exactly what the font files give it: the same identity, shapes and embedded bytes.
 */
import { join } from 'node:path';
import { fontkit } from '../../../pipeline/render/fontkit-library.js';
import { describe, expect, it } from 'vitest';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { newDocument } from '../../../pipeline/render/pdf/document.js';
import { fontIdentity, fontMetrics, openFonts, readFontFiles, type OpenFonts } from '../../../pipeline/render/pdf/fonts.js';
import { fontReads, openTablesAsRead } from '../../../pipeline/render/pdf/font-tables.js';
import { documentInfo } from '../../../pipeline/render/pdf/paint/metadata.js';
import { loadStyle } from '../../../pipeline/render/pdf/style.js';

describe('fonts opened ahead', () => {
  it('give the same identity, shapes and PDF bytes as the files', async () => {
    const style = await loadStyle(join(process.cwd(), 'templates'));
    const files = readFontFiles(style);
    const open = openFonts(files);
    expect(Object.keys(open).sort()).toEqual(Object.keys(files).sort());
    const make = (ahead: boolean) => {
      const made = newDocument(sampleIr(), documentInfo(sampleIr(), 0, ''), files, false, ahead ? open : undefined);
      const text = '全面从严治党永远在路上，“两个确立”——第12页。';
      const metrics = fontMetrics(made.fonts);
      const shapes = Object.keys(made.fonts).map((key) => metrics.shape(text, key));
      made.doc.addPage();
      for (const key of Object.keys(made.fonts)) made.doc.font(key).fontSize(12).text(text);
      made.doc.end();
      // The fontkit fonts the document embeds (fontkit's own type for them leaves the tables out).
      const embedded = Object.fromEntries(Object.entries(made.fonts).map(([key, font]) => [key, font.font])) as unknown as OpenFonts;
      return { embedded, identity: fontIdentity(files, embedded), shapes, bytes: made.bytes };
    };
    const fromFiles = make(false);
    const fromOpen = make(true);
    for (const key of Object.keys(open)) expect(fromOpen.embedded[key]).toBe(open[key]);
    expect(fromOpen.identity).toEqual(fromFiles.identity);
    expect(fromOpen.shapes).toEqual(fromFiles.shapes);
    const [a, b] = await Promise.all([fromFiles.bytes, fromOpen.bytes]);
    expect(a.length).toBeGreaterThan(1000);
    expect(Buffer.compare(a, b)).toBe(0);
  }, 60_000);

  it('are read as fontkit asks: a few tables and the outlines of the glyphs used, not the whole file', async () => {
    const style = await loadStyle(join(process.cwd(), 'templates'));
    const files = readFontFiles(style);
    const open = openFonts(files);
    const made = newDocument(sampleIr(), documentInfo(sampleIr(), 0, ''), files, false, open);
    for (const key of Object.keys(made.fonts)) fontMetrics(made.fonts).shape('全面从严治党，“两个确立”。', key);
    for (const [key, font] of Object.entries(open)) {
      const reads = fontReads(font)!;
      expect(reads.tables.has('cmap') && reads.tables.has('hmtx') && !reads.tables.has('glyf'), key).toBe(true);
      expect(reads.outlineBytes, key).toBeGreaterThan(0);
      expect(reads.outlineBytes, key).toBeLessThan(files[key]!.size / 4);
    }
  });

  it('give fontkit the glyphs’ offsets it decodes from loca itself', async () => {
    const style = await loadStyle(join(process.cwd(), 'templates'));
    for (const [key, file] of Object.entries(readFontFiles(style))) {
      const ours = openTablesAsRead(file) as unknown as { loca: { version: number; offsets: ArrayLike<number> }; getGlyph(id: number): { advanceWidth: number }; numGlyphs: number };
      const theirs = fontkit.create(file.bytes()) as unknown as typeof ours;
      expect(ours.loca.version, key).toBe(theirs.loca.version);
      expect(Array.from(ours.loca.offsets), key).toEqual(Array.from(theirs.loca.offsets));
      for (const id of [0, 1, 100, ours.numGlyphs - 1]) expect(ours.getGlyph(id).advanceWidth, `${key} ${id}`).toBe(theirs.getGlyph(id).advanceWidth);
    }
  }, 60_000);

  it('leave a file that is not plain TrueType to be read whole', () => {
    const file = join(process.cwd(), 'package.json');
    expect(openTablesAsRead({ path: file, size: 1000 })).toBeNull();
  });
});
