import { describe, expect, it } from 'vitest';
import { compareKeys, pinyinSortKey, sortByPinyin } from '../../pipeline/enrich/pinyin.js';

describe('pinyin sort keys', () => {
  it('sorts by syllables, then tones, not by code point', () => {
    const words = ['中央八项规定', '两个维护', '阿里', '党的政治建设', '第一议题', '安全', '八项规定', '27字总要求'];
    expect(sortByPinyin(words, (w) => w)).toEqual(['27字总要求', '阿里', '安全', '八项规定', '党的政治建设', '第一议题', '两个维护', '中央八项规定']);
    // Code point order would be different: 两 (U+4E24) < 中 (U+4E2D) < 八 (U+516B) …
    expect([...words].sort()).not.toEqual(sortByPinyin(words, (w) => w));
  });

  it('orders syllable by syllable (西安 before 先) and homophones by tone', () => {
    expect(sortByPinyin(['先', '西安'], (w) => w)).toEqual(['西安', '先']);
    expect(sortByPinyin(['试点', '实事', '事实', '诗', '诗歌'], (w) => w)).toEqual(['诗', '试点', '诗歌', '实事', '事实']);
  });

  it('reads polyphonic characters in context and keeps 一 in its dictionary tone', () => {
    expect(pinyinSortKey('重要')).toBe('zhong-yao 44 重要');
    expect(pinyinSortKey('一岗双责')).toBe('yi-gang-shuang-ze 1312 一岗双责');
    expect(compareKeys(pinyinSortKey('一岗双责'), pinyinSortKey('一把手'))).toBeGreaterThan(0);
  });
});
