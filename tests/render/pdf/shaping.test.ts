/**
 * Shaping many Han characters in one fontkit layout (fontMetrics.preshape) must give each exactly what
 * shaping it alone gives: checked for every character of the corpus and the development set, in every font.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { newDocument } from '../../../pipeline/render/pdf/document.js';
import { fontMetrics, readFontFiles } from '../../../pipeline/render/pdf/fonts.js';
import { documentInfo } from '../../../pipeline/render/pdf/paint/metadata.js';
import { loadStyle } from '../../../pipeline/render/pdf/style.js';

async function texts(): Promise<string> {
  const dirs = [join(process.cwd(), 'corpus'), join(process.cwd(), 'tests', 'fixtures', 'devset', 'raw')];
  let all = '';
  for (const dir of dirs) for (const name of (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()) all += await readFile(join(dir, name), 'utf8');
  return all;
}

describe('batch shaping', () => {
  it('gives every Han character the glyph and advance it has when shaped alone', async () => {
    const style = await loadStyle(join(process.cwd(), 'templates'));
    const files = readFontFiles(style);
    const { fonts } = newDocument(sampleIr(), documentInfo(sampleIr(), 0, ''), files, false);
    const text = await texts();
    const han = [...new Set([...text].filter((ch) => /\p{Script=Han}/u.test(ch)))];
    expect(han.length).toBeGreaterThan(1000);
    for (const font of Object.keys(fonts)) {
      const batched = fontMetrics(fonts);
      batched.preshape(text, font);
      const alone = fontMetrics(fonts);
      for (const ch of han) expect(batched.shape(ch, font), `${font} ${ch}`).toEqual(alone.shape(ch, font));
    }
  }, 120_000);

  it('keeps short shapes for the next render, which gives exactly what shaping again gives', async () => {
    const style = await loadStyle(join(process.cwd(), 'templates'));
    const files = readFontFiles(style);
    const doc = () => newDocument(sampleIr(), documentInfo(sampleIr(), 0, ''), files, false).fonts;
    const font = Object.keys(doc())[0]!;
    const short = ['党', '1043、', 'Xi', '——', '《', '第12页'];
    const long = '全面从严治党永远在路上，党的自我革命永远在路上。';
    const first = fontMetrics(doc());
    for (const text of [...short, long]) first.shape(text, font);
    first.shape('党', font, ['halt']);
    const kept = first.learned();
    expect(Object.keys(kept).some((name) => name.endsWith(long))).toBe(false);
    expect(Object.keys(kept)).toHaveLength(short.length + 1);

    // A fresh document's fonts, as in the next build: the kept shapes are taken, nothing is learned again.
    const next = fontMetrics(doc(), kept);
    const fresh = fontMetrics(doc());
    for (const text of short) expect(next.shape(text, font), text).toEqual(fresh.shape(text, font));
    expect(next.shape('党', font, ['halt'])).toEqual(fresh.shape('党', font, ['halt']));
    expect(next.learned()).toEqual({});

    // Squeezes likewise: kept, given back, the same values and nothing worked out again.
    const marks = ['，', '。', '「', '》', '：'];
    const squeezes = marks.map((m) => first.squeeze(m, font));
    const keptSqueezes = first.learnedSqueezes();
    expect(Object.keys(keptSqueezes)).toHaveLength(marks.length);
    const again = fontMetrics(doc(), kept, keptSqueezes);
    expect(marks.map((m) => again.squeeze(m, font))).toEqual(squeezes);
    expect(marks.map((m) => fontMetrics(doc()).squeeze(m, font))).toEqual(squeezes);
    expect(again.learnedSqueezes()).toEqual({});
  }, 60_000);
});
