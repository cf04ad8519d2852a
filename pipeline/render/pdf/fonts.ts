/**
 * Fonts: the style names font files (npm module paths such as
 * `@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf`, or paths beside the style);
 * pdfkit loads them through fontkit and embeds each as a subset with a ToUnicode map. Measuring goes
 * through the same fontkit layout the painter uses, so a measured line is exactly the painted line.
 *
 * pdfkit 0.20 has no public API for per-glyph positioning, so this module reaches into its embedded-font
 * object (`_font`: `encode`, `widthOfString`, `layout`); the version is pinned in package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import type PDFDocument from 'pdfkit';
import { fail } from '../../diagnostics.js';
import type { FontKey, Metrics } from './layout/atoms.js';
import type { PdfStyle } from './style.js';

export interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

/** The part of pdfkit's EmbeddedFont this renderer relies on. */
export interface EmbeddedFont {
  id: string;
  ascender: number;
  descender: number;
  widthOfString(text: string, size: number, features?: readonly string[]): number;
  encode(text: string, features?: readonly string[]): [string[], GlyphPosition[]];
  layout(text: string, features?: readonly string[]): { positions: GlyphPosition[]; advanceWidth: number };
  ref(): unknown;
  font: { hasGlyphForCodePoint(cp: number): boolean; postscriptName: string };
}

type Doc = InstanceType<typeof PDFDocument>;

/** Font files by key, resolved and read once per render. */
export type FontFiles = Record<FontKey, Buffer>;

export function readFontFiles(style: PdfStyle): FontFiles {
  const require = createRequire(resolve(style.dir, 'style.yaml'));
  const files: FontFiles = {};
  for (const [key, spec] of Object.entries(style.fonts)) {
    const local = isAbsolute(spec) ? spec : join(style.dir, spec);
    let path: string | null = existsSync(local) ? local : null;
    if (path === null) {
      try {
        path = require.resolve(spec);
      } catch {
        try {
          path = createRequire(import.meta.url).resolve(spec);
        } catch {
          path = null;
        }
      }
    }
    if (path === null) fail('render:pdf', 'font-missing', `Unexpected font \`${spec}\` for \`${key}\`, expected an installed npm font file or a file beside the style`, { file: style.file });
    files[key] = readFileSync(path);
  }
  return files;
}

/** Register every font with a document and return pdfkit's embedded-font objects by key. */
export function registerFonts(doc: Doc, files: FontFiles): Record<FontKey, EmbeddedFont> {
  const fonts: Record<FontKey, EmbeddedFont> = {};
  for (const [key, data] of Object.entries(files)) {
    doc.registerFont(key, data);
    doc.font(key);
    fonts[key] = (doc as unknown as { _font: EmbeddedFont })._font;
  }
  return fonts;
}

/** Metrics backed by the document's fonts: advances from fontkit's layout, squeeze from `halt`. */
export function fontMetrics(fonts: Record<FontKey, EmbeddedFont>): Metrics & { missing(text: string, font: FontKey): string[] } {
  const squeezeCache = new Map<string, number>();
  const font = (key: FontKey): EmbeddedFont => {
    const f = fonts[key];
    if (!f) throw new Error(`font \`${key}\` is not in the style`);
    return f;
  };
  return {
    width(text, key, size, features) {
      return font(key).widthOfString(text, size, features);
    },
    squeeze(ch, key) {
      const cacheKey = `${key}\u0000${ch}`;
      let value = squeezeCache.get(cacheKey);
      if (value === undefined) {
        const full = font(key).layout(ch).advanceWidth;
        const half = font(key).layout(ch, ['halt']).advanceWidth;
        // The font's half-width alternate says how much of the em box is blank; without one, half of it.
        value = full > 0 && half < full ? Math.min(0.5, (full - half) / 1000) : 0.5;
        squeezeCache.set(cacheKey, value);
      }
      return value;
    },
    missing(text, key) {
      const f = font(key).font;
      const out: string[] = [];
      for (const ch of text) if (!/\s/.test(ch) && !f.hasGlyphForCodePoint(ch.codePointAt(0)!)) out.push(ch);
      return out;
    },
  };
}
