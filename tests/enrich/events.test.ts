import { describe, expect, it } from 'vitest';
import { findDates } from '../../pipeline/enrich/dates.js';
import { collectEvents, findEventNames } from '../../pipeline/enrich/events.js';
import { article } from './helpers.js';

describe('dates', () => {
  it('reads dates as precisely as the text gives them', () => {
    expect(findDates('2019年7月9日，2019年7月，2020年初，2022年8月26日', null).map((d) => d.date)).toEqual(['2019-07-09', '2019-07', '2020', '2022-08-26']);
  });

  it('resolves 今年/去年 only from the article date', () => {
    expect(findDates('今年4月，召开会议', '2023-11-02').map((d) => d.date)).toEqual(['2023-04']);
    expect(findDates('去年召开会议', '2023-11-02').map((d) => d.date)).toEqual(['2022']);
    expect(findDates('今年4月，召开会议', null)).toEqual([]);
  });

  it('leaves out dates that open or close a span', () => {
    expect(findDates('2017年以来，（2019—2021年），2014年至今', null)).toEqual([]);
  });
});

describe('event names', () => {
  it('cuts a name after the word that introduces it', () => {
    expect(findEventNames('2019年7月9日，习近平总书记出席中央和国家机关党的建设工作会议并发表重要讲话').map((n) => n.name)).toEqual(['中央和国家机关党的建设工作会议']);
    expect(findEventNames('习近平总书记在中央和国家机关党的建设工作会议上强调').map((n) => n.name)).toEqual(['中央和国家机关党的建设工作会议']);
    expect(findEventNames('今年4月，召开中央和国家机关党的工作暨纪检工作会议').map((n) => n.name)).toEqual(['中央和国家机关党的工作暨纪检工作会议']);
    expect(findEventNames('习近平主席出席第七十三届世界卫生大会和联合国成立75周年系列高级别会议工作').map((n) => n.name)).toEqual(['第七十三届世界卫生大会', '联合国成立75周年系列高级别会议']);
    expect(findEventNames('2023年中央和国家机关“四强”党支部建设论坛第一期').map((n) => n.name)).toEqual(['中央和国家机关“四强”党支部建设论坛']);
    expect(findEventNames('此次会议要求，在这次大会上')).toEqual([]);
    expect(findEventNames('学习贯彻党的十九届六中全会精神').map((n) => n.name)).toEqual(['党的十九届六中全会']);
    expect(findEventNames('党的基层委员会由党员大会选举产生，从古田会议开始').map((n) => n.name)).toEqual(['古田会议']);
    expect(findEventNames('在“四强”党支部建设论坛上，“四强”党支部建设论坛').map((n) => n.name)).toEqual(['“四强”党支部建设论坛', '“四强”党支部建设论坛']);
  });
});

describe('recurring events', () => {
  it('gathers a dated event named in several articles, dated as precisely as any source says', () => {
    const a = article('a', ['2019年7月，习近平总书记在中央和国家机关党的建设工作会议上强调，要建设模范机关。']);
    const b = article('b', ['2019年7月9日，习近平总书记出席中央和国家机关党的建设工作会议并发表重要讲话。']);
    const c = article('c', [['学习贯彻习近平总书记在中央和国家机关党的建设工作会议上的重要讲话精神。', '别的句子。']]);
    const d = article('d', ['与会议无关。']);
    const events = collectEvents([a, b, c, d]);
    expect(events).toEqual([
      {
        id: expect.stringMatching(/^e-[0-9a-f]{8}$/),
        date: '2019-07-09',
        name: '中央和国家机关党的建设工作会议',
        sortKey: expect.stringMatching(/^2019-07-09 zhong-yang/),
        occurrences: [
          { articleId: 'a', nodeId: 'a-p0.1', blockId: 'a-p0' },
          { articleId: 'b', nodeId: 'b-p0.1', blockId: 'b-p0' },
          { articleId: 'c', nodeId: 'c-p0.1', blockId: 'c-p0' },
        ],
      },
    ]);
  });

  it('leaves out an event named in one article only, and an undated name', () => {
    const a = article('a', ['2020年，习近平主席出席第七十三届世界卫生大会。', '第七十三届世界卫生大会期间。']);
    const b = article('b', ['召开全省组织工作会议。']);
    const c = article('c', ['全省组织工作会议要求。']);
    expect(collectEvents([a, b, c])).toEqual([]);
  });

  it('keeps a meeting held on different dates apart, and does not guess for undated mentions', () => {
    const a = article('a', ['2022年3月，召开中央和国家机关党的工作暨纪检工作会议。']);
    const b = article('b', ['2023年4月，召开中央和国家机关党的工作暨纪检工作会议。']);
    const c = article('c', ['2023年4月，召开中央和国家机关党的工作暨纪检工作会议。', '中央和国家机关党的工作暨纪检工作会议强调。']);
    const d = article('d', ['中央和国家机关党的工作暨纪检工作会议指出。']);
    const events = collectEvents([a, b, c, d]);
    expect(events.map((e) => [e.date, e.occurrences.map((o) => o.articleId)])).toEqual([['2023-04', ['b', 'c']]]);
  });

  it('sorts events by date', () => {
    const text = (y: string, name: string) => `${y}年，召开${name}。`;
    const a = article('a', [text('2021', '第二次全省党建工作会议'), text('2019', '第一次全省党建工作会议')]);
    const b = article('b', [text('2021', '第二次全省党建工作会议'), text('2019', '第一次全省党建工作会议')]);
    expect(collectEvents([a, b]).map((e) => e.date)).toEqual(['2019', '2021']);
  });
});

describe('sessions of standing bodies', () => {
  it('does not attach undated mentions of a regular session to a dated one', () => {
    const a = article('a', ['2019年11月29日中共中央政治局会议修订。']);
    const b = article('b', ['习近平主持中共中央政治局会议，审议条例。']);
    expect(collectEvents([a, b])).toEqual([]);
    const c = article('c', ['2019年11月29日，中共中央政治局召开会议。', '2019年11月29日中共中央政治局会议审议。']);
    expect(collectEvents([a, b, c]).map((e) => [e.date, e.name, e.occurrences.map((o) => o.articleId)])).toEqual([['2019-11-29', '中共中央政治局会议', ['a', 'c']]]);
  });
});
