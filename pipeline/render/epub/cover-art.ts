/**
 * The cover image: an SVG drawn from the book's title, subtitle and compiler. The letters are glyph
 * outlines from Noto Serif SC rather than <text>, so the cover looks the same on a reader without CJK
 * fonts and in a library's thumbnail view, and no font has to ship with it.
 */
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { fontkit } from '../fontkit-library.js';

const WIDTH = 1200;
const HEIGHT = 1800;
const MARGIN = 130;

export interface CoverText {
  title: string;
  subtitle: string | null;
  compiler: string | null;
  /** A line under the compiler, e.g. the year. */
  footer: string | null;
  /** Accessible name of the image. */
  label: string;
}

export interface CoverArt {
  svg: string;
  /** Characters the font has no glyph for (drawn as its .notdef box). */
  missing: string[];
}

const require = createRequire(import.meta.url);

function openFont(weight: '700Bold' | '500Medium'): Fontkit.Font {
  const file = require.resolve(`@expo-google-fonts/noto-serif-sc/${weight}/NotoSerifSC_${weight}.ttf`);
  return fontkit.openSync(file) as Fontkit.Font;
}

export function coverArt(text: CoverText): CoverArt {
  const bold = openFont('700Bold');
  const medium = openFont('500Medium');
  const missing = new Set<string>();
  const parts: string[] = [];
  const draw = (font: Fontkit.Font, line: string, size: number, y: number, fill: string): void => {
    const shaped = shape(font, line, size, missing);
    const x = (WIDTH - shaped.width) / 2;
    parts.push(`<path fill="${fill}" d="${shaped.path(x, y)}"/>`);
  };

  const band = 1040;
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#f6f1e7"/>`);
  parts.push(`<rect width="${WIDTH}" height="${band}" fill="#9e1b1b"/>`);
  parts.push(`<rect x="${MARGIN}" y="${band - 70}" width="${WIDTH - 2 * MARGIN}" height="4" fill="#e2c27a"/>`);

  // The largest size at which the title fits the band; a long title gets smaller, never cut.
  const fit = [112, 96, 84, 72, 62, 54].map((size) => ({ size, lines: wrap(bold, text.title, size, WIDTH - 2 * MARGIN) }));
  const { size: titleSize, lines: titleLines } = fit.find((f) => f.lines.length * f.size * 1.35 <= band - 260) ?? fit.at(-1)!;
  const lineGap = titleSize * 1.35;
  let y = band / 2 - ((titleLines.length - 1) * lineGap) / 2 + titleSize * 0.35;
  for (const line of titleLines) {
    draw(bold, line, titleSize, y, '#ffffff');
    y += lineGap;
  }

  y = band + 150;
  if (text.subtitle) {
    for (const line of wrap(medium, text.subtitle, 58, WIDTH - 2 * MARGIN)) {
      draw(medium, line, 58, y, '#3a2a1a');
      y += 58 * 1.5;
    }
  }
  if (text.compiler) draw(medium, text.compiler, 48, HEIGHT - 230, '#3a2a1a');
  if (text.footer) draw(medium, text.footer, 40, HEIGHT - 150, '#7a6a55');

  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(text.label)}">\n` +
    `<title>${escapeXml(text.label)}</title>\n${parts.join('\n')}\n</svg>\n`;
  return { svg, missing: [...missing] };
}

interface Shaped {
  width: number;
  path(x: number, baseline: number): string;
}

function shape(font: Fontkit.Font, line: string, size: number, missing: Set<string>): Shaped {
  const run = font.layout(line);
  const scale = size / font.unitsPerEm;
  for (const glyph of run.glyphs) {
    if (glyph.id === 0) for (const ch of glyph.codePoints) missing.add(String.fromCodePoint(ch));
  }
  const width = run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * scale;
  return {
    width,
    path(x0, baseline) {
      let x = x0;
      let d = '';
      run.glyphs.forEach((glyph, i) => {
        const pos = run.positions[i]!;
        d += glyph.path.transform(scale, 0, 0, -scale, x + pos.xOffset * scale, baseline - pos.yOffset * scale).toSVG();
        x += pos.xAdvance * scale;
      });
      return d;
    },
  };
}

/** Closing punctuation may not begin a line, opening punctuation may not end one (clreq). */
const NO_LINE_START = /^[，。、；：？！）》」』”’…—·]/u;
const NO_LINE_END = /[（《「『“‘]$/u;

/** Lines no wider than `max`: breaks at spaces first, then between characters where clreq allows. */
export function wrap(font: Fontkit.Font, text: string, size: number, max: number): string[] {
  const measure = (s: string): number => (font.layout(s).advanceWidth * size) / font.unitsPerEm;
  const lines: string[] = [];
  for (const phrase of text.trim().split(/\s+/u)) {
    if (phrase === '') continue;
    const last = lines.at(-1);
    if (last !== undefined && measure(`${last} ${phrase}`) <= max && measure(last) < max * 0.5) {
      lines[lines.length - 1] = `${last} ${phrase}`;
      continue;
    }
    lines.push(...breakPhrase(phrase, measure, max));
  }
  return lines;
}

function breakPhrase(phrase: string, measure: (s: string) => number, max: number): string[] {
  const chars = [...phrase];
  if (measure(phrase) <= max) return [phrase];
  // Even lines read better on a cover than a full line and a stub.
  const count = Math.ceil(measure(phrase) / max);
  const target = Math.ceil(chars.length / count);
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(chars.length, start + target);
    while (end > start + 1 && measure(chars.slice(start, end).join('')) > max) end--;
    while (end < chars.length && end > start + 1 && (NO_LINE_START.test(chars[end]!) || NO_LINE_END.test(chars[end - 1]!))) end--;
    lines.push(chars.slice(start, end).join(''));
    start = end;
  }
  return lines;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
