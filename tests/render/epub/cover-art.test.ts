import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { fontkit } from '../../../pipeline/render/fontkit-library.js';
import { describe, expect, it } from 'vitest';
import { coverArt, wrap } from '../../../pipeline/render/epub/cover-art.js';

const require = createRequire(import.meta.url);
const font = fontkit.openSync(require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')) as Fontkit.Font;

describe('cover art', () => {
  it('breaks a long title into lines that fit, never starting one with closing punctuation', () => {
    const title = '让每个党支部都成为党旗高高飘扬的战斗堡垒，中央和国家机关深化“四强”党支部创建工作综述';
    const lines = wrap(font, title, 100, 940);
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect((font.layout(line).advanceWidth * 100) / font.unitsPerEm).toBeLessThanOrEqual(940);
      expect(line).not.toMatch(/^[，。、；：？！）》」』”’]/);
      expect(line).not.toMatch(/[（《「『“‘]$/);
    }
  });

  it('breaks at spaces first', () => {
    expect(wrap(font, '强化政治机关意识 建设模范机关', 58, 940)).toEqual(['强化政治机关意识 建设模范机关']);
    expect(wrap(font, '强化政治机关意识 建设模范机关', 100, 940)).toEqual(['强化政治机关意识', '建设模范机关']);
  });

  it('draws the title as outlines with an accessible name, and reports characters the font lacks', () => {
    const art = coverArt({ title: '学习文选 & <测试>\u{1F600}', subtitle: null, compiler: '学习小组 编', footer: '2024', label: '封面：学习文选' });
    expect(art.svg).toContain('aria-label="封面：学习文选"');
    expect(art.svg).not.toContain('<text');
    expect(art.missing).toEqual(['\u{1F600}']);
  });
});
