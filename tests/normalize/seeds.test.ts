/**
 * The five seeds, checked against what a careful reading of each page establishes: metadata, the
 * headings and their levels, the first and last paragraphs, and that no line of page furniture
 * survives into the article (by line number: those lines must be reported as discarded, and no node
 * may come from them).
 */
import { describe, expect, it } from 'vitest';
import { toText, type Article, type Paragraph } from '../../pipeline/ir.js';
import { process } from './helpers.js';

interface SeedExpectation {
  file: string;
  title: string;
  subtitle: string | null;
  author: string | null;
  source: string | null;
  date: string | null;
  editors: string[];
  keywords: string[];
  headings: Array<[depth: number, text: string]>;
  firstStarts: string;
  lastEnds: string;
  /** Lines (1-based) of page furniture and metadata that must not reach the body. */
  boilerplate: number[];
}

const SEEDS: SeedExpectation[] = [
  {
    file: '000_2a49c86fe2ee1f65.txt',
    title: '把准政治机关定位 以高质量党建引领新时代外交工作',
    subtitle: null,
    author: null,
    source: '旗帜网',
    date: '2022-07-07',
    editors: ['王春春'],
    keywords: [],
    headings: [
      [1, '抓政治引领，把“两个维护”落到实处'],
      [1, '抓理想信念，不断增强外交队伍的志气、骨气、底气'],
      [1, '抓组织功能，将基层党组织建成坚强战斗堡垒'],
      [1, '抓队伍建设，打造让党中央放心、让人民群众满意的外交铁军'],
      [1, '抓责任落实，努力开创上下一体齐抓共管的党建工作格局'],
    ],
    firstStarts: '外交部党委认真学习贯彻习近平总书记',
    lastEnds: '外交战线党建工作的骨干力量。',
    boilerplate: [1, 3, 59],
  },
  {
    file: '001_b0da9bb7237fe07e.txt',
    title: '坚持党的领导，坚定“四个自信” 强化政治机关意识，走好第一方阵',
    subtitle: null,
    author: '交流中心党委书记、主任鄢东',
    source: null,
    date: null,
    editors: [],
    keywords: [],
    headings: [
      [1, '一、深刻认识坚持党对一切工作领导的重大意义'],
      [2, '（一）具有深刻的理论逻辑。'],
      [2, '（二）具有深邃的历史逻辑。'],
      [2, '（三）具有深远的实践逻辑。'],
      [1, '二、精准把握政治机关建设要旨，坚定推进部党组部署要求'],
      [2, '（一）提高政治站位，坚定政治信仰。'],
      [2, '（二）坚持党的政治领导，压实政治责任。'],
      [2, '（三）提高政治能力，强化政治担当。'],
      [2, '（四）严守政治纪律，遵守政治规矩。'],
      [1, '三、走好第一方阵统筹推进内部疫情防控和各项业务工作'],
    ],
    firstStarts: '2019年7月，习近平总书记在中央和国家机关',
    lastEnds: '不断提高财务分析能力和水平。',
    boilerplate: [1, 3, 5, 7, 9, 72, 74, 75, 76, 77, 79, 80, 81],
  },
  {
    file: '002_d0902fc9d046b1c2.txt',
    title: '外交部国际司——强化理论武装 践行“两个维护”',
    subtitle: null,
    author: null,
    source: '人民网',
    date: '2021-05-13',
    editors: ['罗文'],
    keywords: ['国际', '工作', '习近平', '外交', '政治'],
    headings: [],
    firstStarts: '近年来，外交部国际司自觉用习近平',
    lastEnds: '坚决捍卫国家主权、领土完整。',
    boilerplate: [1, 3, 5, 7, 8, 33, 35, 38, 40],
  },
  {
    file: '003_27039c8e12722a05.txt',
    title: '发挥政治统领作用 强化机关政治建设',
    subtitle: null,
    author: '魏界亮',
    source: '潮州日报',
    date: '2020-10-13',
    editors: [],
    keywords: [],
    headings: [
      [1, '一、坚持政治机关站位，落实政治要求'],
      [1, '二、着力打造政治机关，发挥表率作用'],
      [1, '三、压实党建政治责任，推动融合发展'],
    ],
    firstStarts: '开展机关党建工作，一定要把党的政治建设摆在首位',
    lastEnds: '为机关党建提供坚实的组织和人才保障。',
    boilerplate: [1, 3, 5, 37, 39],
  },
  {
    file: '004_52700c0b7c2082a9.txt',
    title: '让每个党支部都成为党旗高高飘扬的战斗堡垒',
    subtitle: '中央和国家机关深化“四强”党支部创建工作综述',
    author: null,
    source: null,
    date: null,
    editors: [],
    keywords: [],
    headings: [
      [1, '抓纲举要、常抓不懈，以争创“四强”带动党支部强起来'],
      [1, '政治功能强起来，走好践行“两个维护”的第一方阵'],
      [1, '支部班子强起来，以提升组织力增强创造力凝聚力战斗力'],
      [1, '党员队伍强起来，发挥典型示范作用、激发党员内生活力'],
      [1, '作用发挥强起来，以高质量机关党建推动事业高质量发展'],
    ],
    firstStarts: '“以学习链为基础，夯实党建链，赋能业务链；',
    lastEnds: '为推进中国式现代化不断作出新的更大贡献。',
    boilerplate: [1, 2, 4, 6, 143],
  },
];

const bodyParagraphs = (article: Article): Paragraph[] =>
  article.children.filter((b): b is Paragraph => b.type === 'paragraph' && b.data.role === 'body');

describe.each(SEEDS)('seed $file', (seed) => {
  const { source, article } = process(seed.file);

  it('has the metadata a reader finds on the page', () => {
    const d = article.data;
    expect({ title: d.title, subtitle: d.subtitle, author: d.author, source: d.source, date: d.date, editors: d.editors, keywords: d.keywords }).toEqual({
      title: seed.title,
      subtitle: seed.subtitle,
      author: seed.author,
      source: seed.source,
      date: seed.date,
      editors: seed.editors,
      keywords: seed.keywords,
    });
  });

  it('has its headings at their levels', () => {
    const headings = article.children.flatMap((b) => (b.type === 'heading' ? [[b.depth, toText(b)]] : []));
    expect(headings).toEqual(seed.headings);
  });

  it('starts and ends with the article’s own paragraphs', () => {
    const paragraphs = bodyParagraphs(article);
    expect(toText(paragraphs[0]!).startsWith(seed.firstStarts)).toBe(true);
    expect(toText(paragraphs.at(-1)!).endsWith(seed.lastEnds)).toBe(true);
  });

  it('lets no line of page furniture into the body', () => {
    const discarded = new Set(source.discarded.map((d) => d.line));
    const blockLines = new Set(article.children.map((b) => b.position!.start.line));
    for (const line of seed.boilerplate) {
      expect(discarded.has(line), `line ${line} is reported as discarded`).toBe(true);
      expect(blockLines.has(line), `line ${line} reaches no block`).toBe(false);
    }
    // Every discarded line names the rule that took it; nothing is both discarded and in the body.
    for (const d of source.discarded) expect(d.rule).toMatch(/^[a-z][a-z0-9-]+$/);
    for (const line of blockLines) expect(discarded.has(line)).toBe(false);
  });
});

describe('seed structure', () => {
  it('sets off the run-in heads of a series of parallel paragraphs', () => {
    const { article } = process('000_2a49c86fe2ee1f65.txt');
    const heads = bodyParagraphs(article).flatMap((p) => (p.children[0]?.type === 'runInHead' ? [toText(p.children[0])] : []));
    expect(heads).toContain('服务元首外交，发挥战略引领作用。');
    expect(heads).toContain('在党务干部队伍建设上下功夫。');
    expect(heads).toHaveLength(16);
    // An opening paragraph with a long first sentence is not a head.
    expect(heads.some((h) => h.startsWith('外交部党委深刻领会'))).toBe(false);
  });

  it('keeps the deletion note as a note and the omission marks as separators', () => {
    const note = process('001_b0da9bb7237fe07e.txt').article.children.at(-1)!;
    expect(note).toMatchObject({ type: 'paragraph', data: { role: 'note' } });
    expect(toText(note)).toBe('（本文发布时有删节）');
    const separators = process('004_52700c0b7c2082a9.txt').article.children.filter((b) => b.type === 'separator');
    expect(separators.map((s) => s.position!.start.line)).toEqual([14, 46, 138]);
  });

  it('keeps legitimate parentheses and converts them to full width', () => {
    const { article } = process('000_2a49c86fe2ee1f65.txt');
    const text = article.children.map((b) => toText(b)).join('\n');
    expect(text).toContain('《中央和国家机关基层党组织建设质量提升三年行动计划（2019—2021年）》');
    expect(text).toContain('党委（总支）');
    expect(text).not.toMatch(/[\p{Script=Han}][,:;!?()]|[,:;!?()][\p{Script=Han}]/u);
  });

  it('points every block at its line in the original file', () => {
    const { article } = process('003_27039c8e12722a05.txt');
    const first = article.children[0]!;
    expect(first.position!.start.line).toBe(7);
    const heading = article.children.find((b) => b.type === 'heading')!;
    expect(heading.position!.start.line).toBe(11);
  });
});
