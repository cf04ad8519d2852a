/**
 * The page structure on pages laid out unlike the seeds: header furniture, the title block, the body
 * and the footer, with the metadata each holds and the rule that took each discarded line.
 */
import { describe, expect, it } from 'vitest';
import { findDate, parsePageMeta } from '../../pipeline/normalize/lines.js';
import { process } from './helpers.js';

const run = (lines: string[]) => process('page.txt', Buffer.from(lines.join('\n'), 'utf8')).source;
const rulesOf = (s: ReturnType<typeof run>): Record<number, string> => Object.fromEntries(s.discarded.map((d) => [d.line, d.rule]));

describe('page structure', () => {
  it('finds title, subtitle and page fields on a portal page', () => {
    const s = run([
      '网站首页 | 新闻中心 | 理论学习 | 联系我们',
      '您的位置：首页 > 理论学习 > 正文',
      '学习贯彻全会精神 推动高质量发展',
      '——写在全会召开之际',
      '发布日期：2023-03-15  来源：某某日报  作者：张三  浏览次数：128',
      '字号：大 中 小',
      '近日，我们组织开展了专题学习，大家纷纷表示收获很大。',
      '一、提高认识',
      '学习要同实际工作结合起来，做到学以致用。',
      '【关闭窗口】',
      '上一篇：关于开展调研的通知',
      '版权所有 © 2023 某某单位 备案号：京ICP备12345号',
    ]);
    expect(s.meta).toMatchObject({ title: '学习贯彻全会精神 推动高质量发展', subtitle: '写在全会召开之际', date: '2023-03-15', source: '某某日报', author: '张三' });
    expect(s.lines.map((l) => l.line)).toEqual([7, 8, 9]);
    expect(rulesOf(s)).toEqual({ 1: 'nav-menu', 2: 'breadcrumb', 3: 'meta-title', 4: 'meta-subtitle', 5: 'page-meta', 6: 'page-tools', 10: 'page-tools', 11: 'prev-next', 12: 'footer' });
  });

  it('prefers the article’s own source line to the page field, and takes a byline as the author', () => {
    const s = run([
      '来源：本站 时间：2020-01-06',
      '中共中央印发',
      '《某某工作条例》',
      '（某某研究院理论学习中心组）',
      '来源：新华网',
      '新华社北京1月5日电 近日，中共中央印发了《某某工作条例》。',
      '（责编：王静、吕腾龙）',
      '关键词：条例 党建',
    ]);
    expect(s.meta).toMatchObject({ title: '中共中央印发《某某工作条例》', source: '新华网', author: '某某研究院理论学习中心组', date: '2020-01-06', editors: ['王静', '吕腾龙'], keywords: ['条例', '党建'] });
    expect(s.lines.map((l) => l.text)).toEqual(['新华社北京1月5日电 近日，中共中央印发了《某某工作条例》。']);
  });

  it('skips a column-wrapper headline, and takes no date where the page gives none', () => {
    const s = run(['【2020年1月学习材料】', '文章来源： 作者：佚名 发布时间：', '深刻把握新的重大命题', '正文第一段，讲清楚了道理。', '（来源：某某网）']);
    expect(s.meta).toMatchObject({ title: '深刻把握新的重大命题', source: '某某网', author: null, date: null });
    expect(rulesOf(s)[1]).toBe('column-wrapper');
  });

  it('leaves a page without prose with a warning, not an error', () => {
    const s = run(['首页', '新闻', '关于我们']);
    expect(s.lines).toEqual([]);
    expect(s.messages.map((m) => m.ruleId)).toContain('body-empty');
    expect(s.messages.every((m) => m.severity !== 'error')).toBe(true);
  });
});

describe('page-meta lines', () => {
  it.each([
    ['来源：旗帜网 时间：2022-07-07 22:49:50', '2022-07-07', '旗帜网'],
    ['2021年05月13日 08:43 | 来源：人民网', '2021-05-13', '人民网'],
    ['2020-10-13 11:13:14 来源：潮州日报', '2020-10-13', '潮州日报'],
    ['文章来源：本站原创 作者：佚名 发布时间：2019年01月23日 点击数： 次', '2019-01-23', '本站原创'],
    ['来源： 类型：', null, ''],
  ])('%s', (line, date, source) => {
    const meta = parsePageMeta(line);
    expect(meta).not.toBeNull();
    expect(meta!.date).toBe(date);
    expect(meta!.fields.get('来源') ?? meta!.fields.get('文章来源')).toBe(source);
  });

  it('are not sentences or plain source lines', () => {
    expect(parsePageMeta('2019年7月，习近平总书记在会议上强调，机关首先是政治机关。')).toBeNull();
    expect(parsePageMeta('来源：新华网')).toBeNull();
    expect(findDate('2023年13月40日')).toBeNull();
  });
});
