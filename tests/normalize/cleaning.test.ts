/** The cleaning rules one by one: punctuation widths, spacing, letter-spacing, character references. */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../pipeline/normalize/clean.js';
import { fullWidthAlnumToAscii, normalizeEllipsis, widenPunctuation } from '../../pipeline/normalize/punctuation.js';
import { decodeCharacterReferences } from '../../pipeline/normalize/repair/entities.js';
import { collapseSpaces, joinLetterSpacing, removeSpacesAroundPunctuation } from '../../pipeline/normalize/whitespace.js';

describe('punctuation widths', () => {
  it.each([
    ['来源:旗帜网', '来源：旗帜网'],
    ['时间:2022-07-07 22:49:50', '时间：2022-07-07 22:49:50'],
    ['精神,以习近平新时代思想为指导;全力以赴!', '精神，以习近平新时代思想为指导；全力以赴！'],
    ['计划(2019—2021年)', '计划（2019—2021年）'],
    ['(一)具有深刻的理论逻辑。', '（一）具有深刻的理论逻辑。'],
    ['看不清?', '看不清？'],
    ['共1,000人', '共1,000人'],
    ['1.专家引领', '1.专家引领'],
    ['见 http://example.org/a:b', '见 http://example.org/a:b'],
    ['Hello, world (test)!', 'Hello, world (test)!'],
    ['学生.', '学生。'],
  ])('%s → %s', (input, output) => {
    expect(widenPunctuation(input)).toBe(output);
  });

  it('turns full-width letters and digits into ASCII, and ... into ……', () => {
    expect(fullWidthAlnumToAscii('２０２４年ＡＢｃ')).toBe('2024年ABc');
    expect(normalizeEllipsis('等等...还有。。。')).toBe('等等……还有……');
  });
});

describe('spacing', () => {
  it('collapses runs, keeps an ideographic space ideographic, and drops spaces inside Chinese punctuation', () => {
    expect(collapseSpaces('在“五星育人\u00a0\u00a0三名争创”中')).toBe('在“五星育人 三名争创”中');
    expect(collapseSpaces('第一章\u3000\u3000总则')).toBe('第一章\u3000总则');
    expect(removeSpacesAroundPunctuation('精神 ， 以“ 两个维护 ” 为')).toBe('精神，以“两个维护” 为');
  });

  it('keeps the space between the clauses of a title and before a subtitle dash', () => {
    expect(cleanText('坚持党的领导,坚定“四个自信” 强化政治机关意识')).toBe('坚持党的领导，坚定“四个自信” 强化政治机关意识');
    expect(cleanText('把党旗插到最需要的地方去 ——综述')).toBe('把党旗插到最需要的地方去 ——综述');
  });

  it('joins letter-spaced words but not ordinary words', () => {
    expect(joinLetterSpacing('首 頁 要聞 要論')).toBe('首頁 要聞 要論');
    expect(joinLetterSpacing('重 要 专 题')).toBe('重要专题');
    expect(joinLetterSpacing('砥柱中流 确保党始终')).toBe('砥柱中流 确保党始终');
  });

  it('trims indentation of ASCII spaces, U+3000 and U+00A0', () => {
    expect(cleanText('\u3000\u3000治国必先治党。\n\u00a0 来源：新华网  ')).toBe('治国必先治党。\n来源：新华网');
  });
});

describe('character references', () => {
  it('decodes references to non-ASCII characters only', () => {
    expect(decodeCharacterReferences('&ldquo;党建&rdquo;&nbsp;&#x4E2D;&#22269;')).toBe('“党建”\u00a0中国');
    expect(decodeCharacterReferences('&amp;lt; &#38; &lt;')).toBe('&amp;lt; &#38; &lt;');
  });
});
