import { describe, expect, it } from 'vitest';
import { collectDocuments, titleKey } from '../../pipeline/enrich/documents.js';
import { article } from './helpers.js';

describe('cited documents', () => {
  it('folds what citing varies and nothing else', () => {
    expect(titleKey('中国共产党党和国家机关基层组织工作条例')).toBe(titleKey('党和国家机关基层组织工作条例'));
    expect(titleKey('中国共产党支部工作条例（试行）')).toBe(titleKey('中国共产党支部工作条例'));
    expect(titleKey('中央和国家机关基层党组织建设质量提升三年行动计划(2019—2021年)')).toBe(titleKey('中央和国家机关基层党组织建设质量提升三年行动计划'));
    expect(titleKey('中央和国家机关“四强”党支部创建管理办法（试行）')).toBe(titleKey('中央和国家机关四强党支部创建管理办法'));
    expect(titleKey('关于破解“两张皮”问题  推动深度融合的意见')).toBe(titleKey('关于破解"两张皮"问题 推动深度融合的意见'));
    expect(titleKey('中国共产党组织工作条例')).not.toBe(titleKey('中国共产党党和国家机关基层组织工作条例'));
    expect(titleKey('党委（党组）落实全面从严治党主体责任规定')).not.toBe(titleKey('落实全面从严治党主体责任规定'));
    expect(titleKey('党章')).toBe(titleKey('中国共产党章程'));
    expect(titleKey('章程')).not.toBe(titleKey('中国共产党章程'));
  });

  it('gathers every place a document is cited, under its fullest common title', () => {
    const a = article('a', ['# 学习《中国共产党支部工作条例（试行）》', ['认真落实《中国共产党支部工作条例（试行）》。', '再读《习近平谈治国理政》第三卷。']]);
    const b = article('b', ['贯彻《中国共产党支部工作条例》和《中国共产党组织工作条例》。']);
    const c = article('c', ['学习《支部工作条例》。']);
    const { documents, documentsByArticle } = collectDocuments([a, b, c]);
    const branch = documents.find((d) => d.title === '中国共产党支部工作条例（试行）')!;
    // Without the issuer prefix and the （试行） qualifier it is still the same regulation.
    expect(branch.variants).toEqual(['中国共产党支部工作条例', '中国共产党支部工作条例（试行）', '支部工作条例']);
    expect(branch.occurrences).toEqual([
      { articleId: 'a', nodeId: 'a-h0', blockId: 'a-h0' },
      { articleId: 'a', nodeId: 'a-p1.1', blockId: 'a-p1' },
      { articleId: 'b', nodeId: 'b-p0.1', blockId: 'b-p0' },
      { articleId: 'c', nodeId: 'c-p0.1', blockId: 'c-p0' },
    ]);
    expect(documents.map((d) => d.title).sort()).toEqual(['习近平谈治国理政', '中国共产党组织工作条例', '中国共产党支部工作条例（试行）'].sort());
    expect([...documentsByArticle.get('b')!].length).toBe(2);
    expect(documents.every((d) => /^d-[0-9a-f]{8}$/.test(d.id))).toBe(true);
  });

  it('resolves an abbreviation such as 《条例》 to the nearest title before it in the same article', () => {
    const a = article('a', ['学习《中国共产党纪律处分条例》和《关于新形势下党内政治生活的若干准则》。', '《条例》明确了纪律。', '《准则》提出了要求。']);
    const b = article('b', ['《条例》一词无所指。']);
    const { documents } = collectDocuments([a, b]);
    const rules = documents.find((d) => d.title === '中国共产党纪律处分条例')!;
    expect(rules.variants).toEqual(['中国共产党纪律处分条例', '条例']);
    expect(rules.occurrences.map((o) => o.nodeId)).toEqual(['a-p0.1', 'a-p1.1']);
    expect(documents.find((d) => d.title.includes('准则'))!.occurrences).toHaveLength(2);
    // With no title before it, the abbreviation stays as cited.
    expect(documents.find((d) => d.title === '条例')!.occurrences).toEqual([{ articleId: 'b', nodeId: 'b-p0.1', blockId: 'b-p0' }]);
  });

  it('sorts the index by pinyin of the title', () => {
    const { documents } = collectDocuments([article('a', ['《中国共产党章程》《党政领导干部选拔任用工作条例》《习近平外交思想学习纲要》。'])]);
    expect(documents.map((d) => d.title)).toEqual(['党政领导干部选拔任用工作条例', '习近平外交思想学习纲要', '中国共产党章程']);
  });
});
