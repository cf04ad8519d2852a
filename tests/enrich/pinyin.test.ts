import { describe, expect, it } from 'vitest';
import { compareKeys, pinyinSlug, pinyinSortKey, rememberedPinyin, sortByPinyin } from '../../pipeline/enrich/pinyin.js';

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

describe('remembered pinyin', () => {
  it('takes what an earlier build worked out, and works out and keeps only new texts', () => {
    const first = rememberedPinyin({});
    expect(first.sortKey('两个维护')).toBe(pinyinSortKey('两个维护'));
    expect(first.slug('两个维护')).toBe('lianggeweihu');
    expect(first.slug('银行')).toBe(pinyinSlug('银行'));
    const kept = first.learned();
    expect(Object.keys(kept).sort()).toEqual(['slug:两个维护', 'slug:银行', 'sort:两个维护']);
    // What is known is taken as it is (a stale entry would be, too: the table is keyed by the pipeline's code).
    const next = rememberedPinyin({ ...kept, 'sort:重要': 'remembered' });
    expect(next.sortKey('重要')).toBe('remembered');
    expect(next.slug('两个维护')).toBe('lianggeweihu');
    expect(next.sortKey('一岗双责')).toBe(pinyinSortKey('一岗双责'));
    expect(next.learned()).toEqual({ 'sort:一岗双责': pinyinSortKey('一岗双责') });
    expect(next.sortKey('constructor')).toBe(pinyinSortKey('constructor'));
  });
});
