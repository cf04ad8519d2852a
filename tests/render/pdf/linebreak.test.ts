import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atomize, type Metrics, type Span } from '../../../pipeline/render/pdf/layout/atoms.js';
import { isCjk, prohibitedAtLineEnd, prohibitedAtLineStart } from '../../../pipeline/render/pdf/layout/chars.js';
import { breakLines, type Line } from '../../../pipeline/render/pdf/layout/linebreak.js';

/** A font where every Han character and full-width mark is 1 em, Latin is half an em, a dash pair 2 em. */
const monospace: Metrics = {
  width: (text, _font, size, features) =>
    [...text].reduce((w, ch) => w + (isCjk(ch) || '“”‘’…⋯'.includes(ch) ? 1 : ch === '—' ? (features ? 1 : 0.85) : 0.5), 0) * size,
  squeeze: () => 0.5,
};
const SIZE = 10;
const style = { font: 'serif', size: SIZE, color: '#000000' };

function set(text: string | Span[], widthEm: number, options: { indent?: number; align?: 'justify' | 'left' } = {}): Line[] {
  const spans = typeof text === 'string' ? [{ text, style }] : text;
  const atoms = atomize(spans, monospace, widthEm * SIZE);
  return breakLines(atoms, { width: widthEm * SIZE, firstIndent: (options.indent ?? 0) * SIZE, align: options.align ?? 'justify', avoidLonelyLast: true });
}

/** Break-point violations: a line (not a paragraph's first) starting with a closing mark, a non-final one ending with an opening mark. */
function violations(lines: readonly Line[]): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const chars = [...line.text];
    if (i > 0 && chars.length > 0 && prohibitedAtLineStart(chars[0]!)) out.push(`starts: ${line.text}`);
    if (!line.final && chars.length > 0 && prohibitedAtLineEnd(chars.at(-1)!)) out.push(`ends: ${line.text}`);
  });
  return out;
}

const flush = (line: Line): boolean => Math.abs(line.right - line.measure) < 0.01;

const SAMPLE =
  '党的十八大以来，习近平总书记多次强调指出：“中国特色社会主义最本质的特征是中国共产党领导，中国特色社会主义制度的最大优势是中国共产党领导”。党的领导是历史的选择、人民的选择，是有着理论逻辑、历史逻辑和现实逻辑的。（一）具有深刻的理论逻辑。先进性和纯洁性是马克思主义政党的本质属性——也是《关于新形势下党内政治生活的若干准则》的要求……';

describe('CJK line breaking', () => {
  it('never starts a line with a closing mark nor ends one with an opening mark, at any measure', () => {
    for (let width = 6; width <= 40; width++) {
      const lines = set(SAMPLE, width, { indent: 2 });
      expect(violations(lines), `measure ${width} em`).toEqual([]);
      expect(lines.map((l) => l.text).join('')).toBe(SAMPLE);
    }
  });

  it('justifies every line but the last exactly to the measure', () => {
    for (let width = 8; width <= 40; width++) {
      const lines = set(SAMPLE, width, { indent: 2 });
      for (const line of lines.slice(0, -1)) expect(flush(line), `${width} em: ${line.text}`).toBe(true);
      expect(lines.at(-1)!.final).toBe(true);
    }
  });

  it('sets the last line at natural width and the first line 2 em in', () => {
    const lines = set('一二三四五六七八九十一二三四五。', 10, { indent: 2 });
    expect(lines[0]!.x0).toBe(2 * SIZE);
    expect(lines[0]!.text).toBe('一二三四五六七八');
    expect(lines.at(-1)!.right).toBe(lines.at(-1)!.placed.reduce((w, p) => w + p.advance, 0));
  });

  it('squeezes a closing mark into a full line rather than leaving it to start the next', () => {
    // Ten ems fill the measure; the comma after them may not start a line, and the marks have 1.5 em to give.
    const lines = set('一二三四（五六）七八，九十一二三四五六七八九十。', 10);
    expect(lines[0]!.text).toBe('一二三四（五六）七八，');
    expect(flush(lines[0]!)).toBe(true);
    const comma = lines[0]!.placed.at(-1)!;
    expect(comma.advance).toBeCloseTo(0.5 * SIZE, 5); // the line-end mark gives its blank half first
  });

  it('pushes a character down when squeezing cannot make room, and spreads the slack between characters', () => {
    const lines = set('一二三四五六七八九“十一”二三四五六七八九十。', 10);
    expect(lines[0]!.text).toBe('一二三四五六七八九');
    expect(flush(lines[0]!)).toBe(true);
    const gaps = lines[0]!.placed.slice(1).map((p, i) => p.x - (lines[0]!.placed[i]!.x + lines[0]!.placed[i]!.advance));
    for (const g of gaps) expect(g).toBeCloseTo(SIZE / 8, 5);
  });

  it('never splits a doubled dash or ellipsis, and keeps an ellipsis off the start of a line', () => {
    for (let width = 5; width <= 14; width++) {
      const lines = set('这是一个测试——破折号不能拆开，省略号也是……不能拆开也不在行首。', width);
      for (const line of lines) {
        for (const p of line.placed) if (/[—…]/.test(p.atom.text)) expect(p.atom.text.length).toBe(2);
      }
      expect(violations(lines)).toEqual([]);
    }
  });

  it('keeps Latin words and numbers together and breaks between words at spaces', () => {
    const lines = set('会议于2023年召开，主题是 Building a community with a shared future 的讨论。', 8);
    const words = lines.flatMap((l) => l.placed.map((p) => p.atom.text));
    expect(words).toContain('2023');
    expect(words).toContain('community');
    for (const line of lines) expect(line.text).not.toMatch(/^ | $/);
  });

  it('never leaves one character alone on the last line of a paragraph', () => {
    // Eleven characters and a stop on a 10 em measure would leave “一。” alone.
    const lines = set('一二三四五六七八九十一。', 10);
    expect(lines.at(-1)!.text).toBe('十一。');
    expect(flush(lines[0]!)).toBe(true);
  });

  it('sets two marks side by side in one and a half ems', () => {
    const lines = set('他说：“好。”', 20, { align: 'left' });
    const placed = lines[0]!.placed;
    const colon = placed.find((p) => p.atom.text === '：')!;
    const stop = placed.find((p) => p.atom.text === '。')!;
    expect(colon.advance).toBeCloseTo(0.5 * SIZE, 5);
    expect(stop.advance).toBeCloseTo(0.5 * SIZE, 5);
  });

  it('honours kinsoku and keeps text whole for any mix of Han, marks, Latin and spaces (property)', () => {
    const alphabet = [...'中国共产党人民政治建设学习的是一', ...'，。、；：？！”’）》', ...'“‘（《', '——', '……', 'ab', '12', ' '];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 120 }), fc.integer({ min: 6, max: 30 }), (pieces, width) => {
        const text = pieces.join('');
        const lines = set(text, width, { indent: 2 });
        expect(violations(lines)).toEqual([]);
        expect(lines.map((l) => l.text).join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        for (const line of lines) expect(line.right).toBeLessThanOrEqual(line.measure + 0.01);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
