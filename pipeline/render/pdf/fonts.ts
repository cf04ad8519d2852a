/**
 * Fonts: the style names font files (npm module paths such as
 * `@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf`, or paths beside the style);
 * pdfkit loads them through fontkit and embeds each as a subset with a ToUnicode map. Measuring goes
 * through the same fontkit layout the painter uses, so a measured line is exactly the painted line.
 *
 * pdfkit 0.20 has no public API for per-glyph positioning, so this module reaches into its embedded-font
 * object (`_font`: `encode`, `widthOfString`, `layout`); the version is pinned in package.json.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import type { Font } from 'fontkit';
import { fontkit } from '../fontkit-library.js';
import type PDFDocument from 'pdfkit';
import { fail } from '../../diagnostics.js';
import type { FontKey, Metrics, Shaped } from './layout/atoms.js';
import type { PdfStyle } from './style.js';
import { openTablesAsRead } from './font-tables.js';

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
  layout(text: string, features?: readonly string[]): { glyphs: Array<{ id: number; codePoints: number[]; advanceWidth: number }>; positions: GlyphPosition[]; advanceWidth: number };
  ref(): unknown;
  font: {
    hasGlyphForCodePoint(cp: number): boolean;
    glyphForCodePoint(cp: number): { id: number };
    getGlyph(id: number): { advanceWidth: number };
    layout(text: string): { glyphs: Array<{ id: number; advanceWidth: number }>; positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }> };
    postscriptName: string;
    numGlyphs: number;
    head: { checkSumAdjustment: number };
  };
  /** The subset being built (fontkit's), and the widths and text pdfkit writes for each subset glyph. */
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
}

type Doc = InstanceType<typeof PDFDocument>;

/** A font file: where it is, its size, and its bytes, read whole when first asked for. */
export interface FontFile {
  path: string;
  size: number;
  bytes(): Buffer;
}

/** Font files by key, resolved once per render. */
export type FontFiles = Record<FontKey, FontFile>;

function fontFile(path: string): FontFile {
  let whole: Buffer | null = null;
  return { path, size: statSync(path).size, bytes: () => (whole ??= readFileSync(path)) };
}

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
    files[key] = fontFile(path);
  }
  return files;
}

/** The font files opened with fontkit (pdfkit's own), by key: what a document embeds when it is given them. */
export type OpenFonts = Record<FontKey, Font>;

/**
 * Open every font file, with the tables pdfkit reads when it embeds a font already decoded: a CJK font's
 * horizontal metrics (tens of thousands of glyphs) take ~75 ms to decode, which a render thread does
 * while the IR is being made instead of after.
 */
export function openFonts(files: FontFiles): OpenFonts {
  const open: OpenFonts = {};
  for (const [key, file] of Object.entries(files)) {
    const font = openTablesAsRead(file) ?? (fontkit.create(file.bytes()) as Font);
    void font.getGlyph(0).advanceWidth;
    open[key] = font;
  }
  return open;
}

/**
 * Register every font with a document (each from `open` when given: the same file opened already) and
 * return pdfkit's embedded-font objects by key.
 */
export function registerFonts(doc: Doc, files: FontFiles, open?: OpenFonts): Record<FontKey, EmbeddedFont> {
  const fonts: Record<FontKey, EmbeddedFont> = {};
  for (const [key, file] of Object.entries(files)) {
    doc.registerFont(key, (open?.[key] ?? file.bytes()) as Buffer);
    doc.font(key);
    fonts[key] = (doc as unknown as { _font: EmbeddedFont })._font;
  }
  return fonts;
}

export type FontMetrics = Metrics &
  Required<Pick<Metrics, 'shape' | 'preshape'>> & {
    missing(text: string, font: FontKey): string[];
    /** Shapes made here that an earlier render did not hand in (see ShapeTable). */
    learned(): ShapeTable;
    /** Squeezes worked out here that an earlier render did not hand in (see SqueezeTable). */
    learnedSqueezes(): SqueezeTable;
  };

/**
 * The squeeze of each mark in each font (see Metrics.squeeze), kept from one render to the next like the
 * shapes: working one out lays the mark out twice with fontkit. Keyed by font and mark.
 */
export type SqueezeTable = Record<string, number>;

/**
 * Shaped short texts (characters, words, numbers: what atoms are made of), kept from one render to the
 * next so that laying out anew does not shape them again (fontkit takes a tenth of a millisecond a
 * text). Keyed by font (and features) and text; glyph ids, advances and width. Only shapes whose glyphs
 * stand for the whole text or one character each are kept: their characters follow from the text, so
 * a kept shape is exactly what shaping it again gives.
 */
export type ShapeTable = Record<string, [gids: readonly number[], xAdvance: readonly number[], advanceWidth: readonly number[], width: number]>;

/** Longer texts (runs of a line) are shaped once per render and not kept. */
const KEPT_TEXT_LENGTH = 12;

const HAN = /^\p{Script=Han}$/u;

/**
 * The text each glyph of a shaped text stands for. fontkit records for a glyph the first character it
 * met it for (a radical shares the glyph of its ideograph, a dash may share one with another dash), which
 * depends on what was shaped before; so where the glyphs are one for the text or one per character, they
 * are given their characters from the text itself.
 */
function charsOf(text: string, glyphs: ReadonlyArray<{ codePoints: number[] }>): string[] {
  return charsFromText(text, glyphs.length) ?? glyphs.map((g) => String.fromCodePoint(...g.codePoints));
}

/** The characters of `count` glyphs taken from the text alone, where they follow from it; else null. */
function charsFromText(text: string, count: number): string[] | null {
  if (count === 1) return [text];
  const chars = [...text];
  return chars.length === count ? chars : null;
}

/**
 * Metrics backed by the document's fonts: glyphs and advances from fontkit's layout (the same pdfkit
 * call its own text drawing makes), squeeze from `halt`. Shaping is cached by font, features and text:
 * a book has a few thousand distinct characters and millions of them set.
 */
export function fontMetrics(fonts: Record<FontKey, EmbeddedFont>, known: ShapeTable = {}, knownSqueezes: SqueezeTable = {}): FontMetrics {
  const squeezeCache = new Map<string, number>(Object.entries(knownSqueezes));
  const learnedSqueezes: SqueezeTable = {};
  const shapeCache = new Map<string, Map<string, Shaped & { width: number }>>();
  const learned: ShapeTable = {};
  for (const [name, [gids, xAdvance, advanceWidth, width]] of Object.entries(known)) {
    // The font's key may hold its features after a NUL too; the text is after the last one.
    const cut = name.lastIndexOf('\u0000');
    const cacheKey = name.slice(0, cut);
    const text = name.slice(cut + 1);
    let byText = shapeCache.get(cacheKey);
    if (!byText) shapeCache.set(cacheKey, (byText = new Map()));
    // Only shapes whose characters follow from the text are kept (see learn).
    byText.set(text, { gids, xAdvance, advanceWidth, chars: charsFromText(text, gids.length)!, width });
  }
  /** Note a fresh shape for the next render, if it is one to keep. */
  const learn = (cacheKey: string, text: string, shaped: Shaped & { width: number }): void => {
    if (text.length > KEPT_TEXT_LENGTH || charsFromText(text, shaped.gids.length) === null) return;
    learned[`${cacheKey}\u0000${text}`] = [shaped.gids, shaped.xAdvance, shaped.advanceWidth, shaped.width];
  };
  const glyphCache = new Map<FontKey, Map<string, boolean>>();
  const font = (key: FontKey): EmbeddedFont => {
    const f = fonts[key];
    if (!f) throw new Error(`font \`${key}\` is not in the style`);
    return f;
  };
  const shape = (text: string, key: FontKey, features?: readonly string[]): Shaped & { width: number } => {
    const cacheKey = features ? `${key}\u0000${features.join(',')}` : key;
    let byText = shapeCache.get(cacheKey);
    if (!byText) shapeCache.set(cacheKey, (byText = new Map()));
    let shaped = byText.get(text);
    if (!shaped) {
      const run = font(key).layout(text, features);
      shaped = {
        gids: run.glyphs.map((g) => g.id),
        xAdvance: run.positions.map((p) => p.xAdvance),
        advanceWidth: run.positions.map((p) => p.advanceWidth),
        chars: charsOf(text, run.glyphs),
        // Advances scale with the size (no hinting): one entry serves every size.
        width: run.advanceWidth / 1000,
      };
      byText.set(text, shaped);
      learn(cacheKey, text, shaped);
    }
    return shaped;
  };
  /**
   * Shape the Han characters of `text` not shaped yet in one fontkit layout instead of one each (which
   * costs a tenth of a millisecond apiece). A character is taken from it only where fontkit left it as
   * it would alone: its own glyph from the character map (not .notdef), its own advance, no offset — a substitution or
   * a kerning pair with a neighbour shows, and such characters are shaped on their own when asked for.
   */
  const preshape = (text: string, key: FontKey): void => {
    let byText = shapeCache.get(key);
    if (!byText) shapeCache.set(key, (byText = new Map()));
    const fresh = new Set<string>();
    for (const ch of text) if (!byText.has(ch) && HAN.test(ch)) fresh.add(ch);
    if (fresh.size < 8) return;
    const f = font(key);
    const chars = [...fresh];
    const run = f.font.layout(chars.join(''));
    if (run.glyphs.length !== chars.length) return;
    chars.forEach((ch, i) => {
      const glyph = run.glyphs[i]!;
      const p = run.positions[i]!;
      if (glyph.id === 0 || glyph.id !== f.font.glyphForCodePoint(ch.codePointAt(0)!).id || p.xAdvance !== glyph.advanceWidth || p.xOffset !== 0 || p.yOffset !== 0 || p.yAdvance !== 0) return;
      const advance = glyph.advanceWidth * f.scale;
      const shaped = { gids: [glyph.id], xAdvance: [advance], advanceWidth: [advance], chars: [ch], width: advance / 1000 };
      byText!.set(ch, shaped);
      learn(key, ch, shaped);
    });
  };
  return {
    width(text, key, size, features) {
      return shape(text, key, features).width * size;
    },
    shape,
    preshape,
    squeeze(ch, key) {
      const cacheKey = `${key}\u0000${ch}`;
      let value = squeezeCache.get(cacheKey);
      if (value === undefined) {
        const full = font(key).layout(ch).advanceWidth;
        const half = font(key).layout(ch, ['halt']).advanceWidth;
        // The font's half-width alternate says how much of the em box is blank; without one, half of it.
        value = full > 0 && half < full ? Math.min(0.5, (full - half) / 1000) : 0.5;
        squeezeCache.set(cacheKey, value);
        learnedSqueezes[cacheKey] = value;
      }
      return value;
    },
    learned: () => learned,
    learnedSqueezes: () => learnedSqueezes,
    missing(text, key) {
      const f = font(key).font;
      const out: string[] = [];
      let known = glyphCache.get(key);
      if (!known) glyphCache.set(key, (known = new Map()));
      for (const ch of text) {
        let has = known.get(ch);
        if (has === undefined) known.set(ch, (has = /\s/.test(ch) || f.hasGlyphForCodePoint(ch.codePointAt(0)!)));
        if (!has) out.push(ch);
      }
      return out;
    },
  };
}

/**
 * What identifies the fonts for the build cache without hashing megabytes: each file's size and the
 * font's own whole-file checksum (`head.checkSumAdjustment`), name and glyph count.
 */
export function fontIdentity(files: FontFiles, open: OpenFonts): string[] {
  return Object.keys(files)
    .sort()
    .map((key) => {
      // fontkit's types leave its tables out; `head` is there all the same.
      const f = open[key]! as unknown as EmbeddedFont['font'];
      return `${key}:${f.postscriptName}:${files[key]!.size}:${f.head.checkSumAdjustment}:${f.numGlyphs}`;
    });
}
