/**
 * segment on small hand-made pages: heading levels by numbering rank, list items that stay
 * paragraphs, run-in heads only with evidence, separators, notes, captions, sentences, stable ids.
 */
import { describe, expect, it } from 'vitest';
import { toText, type Article, type Paragraph } from '../../pipeline/ir.js';
import type { NormalizedSource } from '../../pipeline/normalize/types.js';
import { segment, splitSentences } from '../../pipeline/segment.js';

function source(lines: string[], file = 'sample.txt'): NormalizedSource {
  return {
    file,
    encoding: 'utf-8',
    script: 'hans',
    meta: { title: '标题', subtitle: null, author: null, source: null, date: null, editors: [], keywords: [], titleLine: 1 },
    lines: lines.map((text, i) => ({ line: i + 3, text })),
    discarded: [],
    repairs: [],
    messages: [],
    lineCount: lines.length + 2,
  };
}

const headings = (a: Article): Array<[number, string | null, string]> =>
  a.children.flatMap((b) => (b.type === 'heading' ? [[b.depth, b.data.numbering, toText(b)] as [number, string | null, string]] : []));
const para = '这是正文的一段话，说明了相关的情况和要求。';

describe('headings', () => {
  it('rank the numbering styles an article uses: 第X章 > 一、 > （一） > 1.', () => {
    const a = segment(source(['第一章 总则', para, '一、总体要求', para, '（一）坚持党的领导。', para, '1.加强学习', para, '（二）坚持问题导向。', para]));
    expect(headings(a)).toEqual([
      [1, '第一章', '第一章 总则'],
      [2, '一、', '一、总体要求'],
      [3, '（一）', '（一）坚持党的领导。'],
      [3, '1.', '1.加强学习'],
      [3, '（二）', '（二）坚持问题导向。'],
    ]);
  });

  it('start at depth 1 with the highest style present', () => {
    const a = segment(source(['（一）提高政治站位', para, '（二）压实政治责任', para]));
    expect(headings(a).map((h) => h[0])).toEqual([1, 1]);
  });

  it('take short unnumbered lines without closing punctuation as top-level headings', () => {
    const a = segment(source([para, '抓政治引领，把“两个维护”落到实处', para, '砥柱中流 确保党始终成为坚强领导核心', para]));
    expect(headings(a)).toEqual([
      [1, null, '抓政治引领，把“两个维护”落到实处'],
      [1, null, '砥柱中流 确保党始终成为坚强领导核心'],
    ]);
  });

  it('leave list items, long numbered sentences and closing lines as paragraphs', () => {
    const a = segment(
      source([
        '第四条 工作应当遵循以下原则：',
        '（一）坚持和加强党的全面领导；',
        '（二）坚持继承和创新相结合。',
        '1. 教学业绩突出。自参加工作以来，该同志一直要求自己“万事勤为先”，各方面都要起好带头作用。',
        '欲筑室者，先治其基。',
        '最后一行不是标题',
      ]),
    );
    expect(headings(a)).toEqual([]);
  });
});

describe('run-in heads', () => {
  const lead = (p: Paragraph): string | null => (p.children[0]?.type === 'runInHead' ? toText(p.children[0]) : null);
  const paragraphs = (a: Article): Paragraph[] => a.children.filter((b): b is Paragraph => b.type === 'paragraph');

  it('set off the short lead sentences of a series of paragraphs', () => {
    const a = segment(source(['服务元首外交，发挥战略引领作用。全力以赴做好服务保障工作。', '完善制度机制，确保落地见效。坚持将传达学习作为第一议题。', para]));
    expect(paragraphs(a).map(lead)).toEqual(['服务元首外交，发挥战略引领作用。', '完善制度机制，确保落地见效。', null]);
    // The head and the sentences after it still make up the whole paragraph.
    expect(toText(paragraphs(a)[0]!)).toBe('服务元首外交，发挥战略引领作用。全力以赴做好服务保障工作。');
  });

  it('leave a lone short first sentence alone', () => {
    const a = segment(source([para, '一个党员一面旗。随着工作持续深化，越来越多的党员练就了真本领。', para]));
    expect(paragraphs(a).map(lead)).toEqual([null, null, null]);
  });

  it('set off the article label of a regulation', () => {
    const a = segment(source(['第一条　为了加强党员教育管理工作，制定本条例。', '第二条 本条例自发布之日起施行。']));
    expect(paragraphs(a).map(lead)).toEqual(['第一条　', '第二条 ']);
    expect(toText(paragraphs(a)[0]!)).toBe('第一条　为了加强党员教育管理工作，制定本条例。');
  });
});

describe('other blocks', () => {
  it('make separators, notes and photo captions', () => {
    const a = segment(
      source([
        para,
        '…………',
        '2023年6月30日，在延安宝塔山参观的党员干部重温入党誓词。',
        '2019年10月1日上午，庆祝大会在北京天安门广场隆重举行。这是群众游行中的方阵。',
        '2021年7月1日，总书记在大会上指出，我们党已经“形成比较完善的党内法规体系”。',
        '（本文发布时有删节）',
      ]),
    );
    expect(a.children.map((b) => (b.type === 'paragraph' ? b.data.role : b.type))).toEqual(['body', 'separator', 'caption', 'caption', 'body', 'note']);
  });

  it('point every node at its line and columns in the source', () => {
    const a = segment(source(['第一句话。第二句话。']));
    const p = a.children[0] as Paragraph;
    expect(p.position).toEqual({ start: { line: 3, column: 1 }, end: { line: 3, column: 11 } });
    expect(p.children.map((s) => [s.position!.start.column, s.position!.end.column])).toEqual([
      [1, 6],
      [6, 11],
    ]);
  });
});

describe('sentences', () => {
  it('split after 。！？ with their closing quotes, never inside quotes, 《》 or brackets', () => {
    expect(splitSentences('他说：“好。我们走！”大家同意。《关于……的意见。》已经印发？是的。')).toEqual([
      '他说：“好。我们走！”大家同意。',
      '《关于……的意见。》已经印发？',
      '是的。',
    ]);
  });
});

describe('ids', () => {
  it('depend on the article and the node’s own text, not on what comes before', () => {
    const one = segment(source(['第一段。', '第二段。']));
    const two = segment(source(['插入的新段落。', '第一段。', '第二段。']));
    const ids = (a: Article): string[] => a.children.map((b) => b.id);
    expect(ids(two).slice(1)).toEqual(ids(one));
    expect(segment(source(['第一段。'], 'other.txt')).children[0]!.id).not.toBe(ids(one)[0]);
  });

  it('stay unique when a paragraph repeats', () => {
    const a = segment(source(['同样的话。', '同样的话。']));
    expect(new Set(a.children.map((b) => b.id)).size).toBe(2);
  });
});
