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
});
