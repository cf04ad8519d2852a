/**
 * A laid-out line → PDF text operators. Each atom's glyphs go where the line layout put them: the gap
 * to the next atom (justification, squeezed marks) is written as a TJ displacement, so what is painted
 * is exactly what was measured, and the text stays one string for copying and search.
 */
import type { EmbeddedFont } from '../fonts.js';
import type { LineItem } from '../layout/types.js';

type AddContent = (op: string) => void;

function num(n: number): string {
  const s = n.toFixed(3);
  return s.includes('.') ? s.replace(/\.?0+$/, '') || '0' : s;
}

function rgb(hex: string): string {
  const v = [1, 3, 5].map((i) => num(parseInt(hex.slice(i, i + 2), 16) / 255));
  return `${v.join(' ')} rg`;
}

/**
 * Write the line's text. `pageHeight` turns the top-down layout coordinates into PDF space; the caller
 * has undone pdfkit's page flip. `use` registers a font with the page's resources.
 */
export function lineOperators(item: LineItem, fonts: Record<string, EmbeddedFont>, pageHeight: number, use: (font: EmbeddedFont) => void): string[] {
  const ops: string[] = ['BT'];
  const placed = item.line.placed;
  let k = 0;
  let currentFont = '';
  let currentColor = '';
  while (k < placed.length) {
    const style = item.spans[placed[k]!.atom.span]!.style;
    let end = k + 1;
    while (end < placed.length && sameStyle(item.spans[placed[end]!.atom.span]!.style, style)) end++;
    const font = fonts[style.font];
    if (!font) throw new Error(`font \`${style.font}\` is not registered`);
    use(font);
    const fontOp = `/${font.id} ${num(style.size)} Tf`;
    if (fontOp !== currentFont) ops.push((currentFont = fontOp));
    const colorOp = rgb(style.color);
    if (colorOp !== currentColor) ops.push((currentColor = colorOp));
    ops.push(`1 0 0 1 ${num(item.x + placed[k]!.penX)} ${num(pageHeight - item.baseline)} Tm`);
    const parts: string[] = [];
    const scale = 1000 / style.size;
    for (let i = k; i < end; i++) {
      const p = placed[i]!;
      const [hex, positions] = font.encode(p.atom.text, p.atom.features);
      let natural = 0;
      hex.forEach((h, g) => {
        const pos = positions[g]!;
        natural += pos.xAdvance;
        parts.push(`<${h}>`);
        let shift = pos.xAdvance - pos.advanceWidth; // kerning inside a Latin word
        if (g === hex.length - 1 && i + 1 < end) shift += (placed[i + 1]!.penX - p.penX) * scale - natural;
        if (Math.abs(shift) >= 0.0005) parts.push(num(-shift));
      });
    }
    ops.push(`[${parts.join(' ')}] TJ`);
    k = end;
  }
  ops.push('ET');
  return ops;
}

function sameStyle(a: { font: string; size: number; color: string }, b: { font: string; size: number; color: string }): boolean {
  return a.font === b.font && a.size === b.size && a.color === b.color;
}
