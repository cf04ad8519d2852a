import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enrich } from '../../pipeline/enrich/index.js';
import { toText, visit, type Node, type Paragraph, type Sentence } from '../../pipeline/ir.js';
import { article, book, glossaryYaml, nodesById, termNodes } from './helpers.js';

const GLOSSARY = glossaryYaml([
  ['全面从严治党', []],
  ['全面从严治党主体责任', []],
  ['两个维护', []],
  ['四强党支部', ['“四强”']],
  ['三会一课', []],
  ['政治机关', []],
  ['机关党的建设', []],
]);

function sentence(root: ReturnType<typeof enrich>['root'], articleIndex: number, block: number, index = 0): Sentence {
  return (root.children[articleIndex]!.children[block] as Paragraph).children[index] as Sentence;
}

describe('term linking', () => {
  it('links the longest term and never the shorter term inside it', () => {
    const { root, messages } = enrich(book(article('a', ['落实全面从严治党主体责任，推进全面从严治党。'])), GLOSSARY);
    expect(messages.filter((m) => m.severity === 'error')).toEqual([]);
    const terms = termNodes(root);
    expect(terms.map((t) => [t.value, t.data.termId])).toEqual([
      ['全面从严治党主体责任', 'g-quanmiancongyanzhidangzhutizeren'],
      ['全面从严治党', 'g-quanmiancongyanzhidang'],
    ]);
    const g = root.data.glossary.find((e) => e.term === '全面从严治党')!;
    expect(g.occurrences).toHaveLength(1);
  });

  it('takes the longest of two overlapping terms, not the leftmost', () => {
    const { root } = enrich(book(article('a', ['政治机关党的建设。'])), GLOSSARY);
    expect(termNodes(root).map((t) => t.value)).toEqual(['机关党的建设']);
  });

  it('splits a sentence into text and term nodes with stable, offset-derived ids', () => {
    const { root } = enrich(book(article('a', ['坚决做到“两个维护”，坚持三会一课。'])), GLOSSARY);
    const s = sentence(root, 0, 0);
    expect(s.children.map((c) => [c.type, c.id, c.value])).toEqual([
      ['text', 'a-p0.1.t0', '坚决做到“'],
      ['term', 'a-p0.1.g5', '两个维护'],
      ['text', 'a-p0.1.t9', '”，坚持'],
      ['term', 'a-p0.1.g13', '三会一课'],
      ['text', 'a-p0.1.t17', '。'],
    ]);
    expect(toText(s)).toBe('坚决做到“两个维护”，坚持三会一课。');
  });

  it('keeps the id of a term when unrelated glossary entries change', () => {
    const input = book(article('a', ['四个意识和两个维护。']));
    const before = termNodes(enrich(input, glossaryYaml([['两个维护', []]])).root);
    const after = termNodes(enrich(input, glossaryYaml([['两个维护', []], ['四个意识', []]])).root);
    expect(after.find((t) => t.value === '两个维护')!.id).toBe(before[0]!.id);
  });

  it('links a quoted alias only inside quotes, and leaves the quotes as text', () => {
    const { root } = enrich(book(article('a', ['创建“四强”党支部。', '四强争霸赛。', '建设四强党支部。'])), GLOSSARY);
    const first = sentence(root, 0, 0);
    expect(first.children.map((c) => c.value)).toEqual(['创建“', '四强', '”党支部。']);
    expect(first.children[1]).toMatchObject({ type: 'term', data: { termId: 'g-siqiangdangzhibu', first: true } });
    expect(sentence(root, 0, 1).children.every((c) => c.type === 'text')).toBe(true);
    expect(sentence(root, 0, 2).children[1]).toMatchObject({ type: 'term', value: '四强党支部', data: { first: false } });
  });

  it('marks only the first occurrence of each term in each article', () => {
    const a = article('a', ['# 两个维护', ['两个维护。', '三会一课与两个维护。']]);
    const b = article('b', ['两个维护。']);
    const { root } = enrich(book(a, b), GLOSSARY);
    const firsts = termNodes(root).map((t) => `${t.id}:${t.value}:${t.data.first}`);
    expect(firsts).toEqual([
      'a-h0.g0:两个维护:true',
      'a-p1.1.g0:两个维护:false',
      'a-p1.2.g0:三会一课:true',
      'a-p1.2.g5:两个维护:false',
      'b-p0.1.g0:两个维护:true',
    ]);
  });

  it('never links across a paragraph or a sentence boundary', () => {
    // Hand-made splits: a hostile segmentation must not produce a term node with two parents.
    const a = article('a', [['坚决做到两个', '维护。'], '两个', '维护']);
    const { root } = enrich(book(a), GLOSSARY);
    expect(termNodes(root)).toEqual([]);
  });

  it('does not link inside a cited title', () => {
    const { root } = enrich(book(article('a', ['制定《落实全面从严治党主体责任清单》，推进全面从严治党。'])), GLOSSARY);
    expect(termNodes(root).map((t) => t.id)).toEqual(['a-p0.1.g21']);
  });

  it('links inside headings and run-in heads', () => {
    const a = article('a', ['# 一、把两个维护落到实处', ['>落实三会一课。', '其余。']]);
    const { root } = enrich(book(a), GLOSSARY);
    const heading = root.children[0]!.children[0]!;
    expect(heading.type === 'heading' && heading.children.map((c) => c.type)).toEqual(['text', 'term', 'text']);
    const runIn = (root.children[0]!.children[1] as Paragraph).children[0]!;
    expect(runIn.type).toBe('runInHead');
    expect(runIn.children[1]).toMatchObject({ type: 'term', value: '三会一课' });
  });

  it('gives term nodes positions in the source line', () => {
    const { root } = enrich(book(article('a', ['坚决做到两个维护。'])), GLOSSARY);
    expect(termNodes(root)[0]!.position).toEqual({ start: { line: 3, column: 5 }, end: { line: 3, column: 9 } });
  });

  it('records occurrences that point at the term nodes and their blocks', () => {
    const { root } = enrich(book(article('a', ['# 两个维护', ['两个维护。', '三会一课。']]), article('b', ['三会一课。'])), GLOSSARY);
    const ids = nodesById(root);
    for (const entry of root.data.glossary) {
      for (const o of entry.occurrences) {
        const node = ids.get(o.nodeId);
        expect(node).toMatchObject({ type: 'term', data: { termId: entry.id } });
        const block = ids.get(o.blockId)!;
        let inside = false;
        visit(block, (n) => {
          if (n === node) inside = true;
        });
        expect(inside).toBe(true);
        expect(o.articleId).toBe(o.blockId.split('-')[0]);
      }
    }
    expect(root.data.glossary.find((e) => e.term === '三会一课')!.occurrences.map((o) => o.articleId)).toEqual(['a', 'b']);
  });

  it('does not change its input and gives the same tree when run again', () => {
    const input = book(article('a', ['坚决做到两个维护，落实全面从严治党主体责任。']));
    const copy = structuredClone(input);
    const once = enrich(input, GLOSSARY).root;
    expect(input).toEqual(copy);
    const twice = enrich(once, GLOSSARY).root;
    expect(twice).toEqual(once);
  });

  it('keeps every text, links only glossary forms, and never overlaps terms (property)', () => {
    const pieces = ['政治机关', '党的建设', '全面从严治党', '主体责任', '两个维护', '“四强”', '四强', '党支部', '三会一课', '，', '。', '“', '”', '的', '和', '做到'];
    const forms = new Set(['政治机关', '机关党的建设', '全面从严治党', '全面从严治党主体责任', '两个维护', '四强党支部', '四强', '三会一课']);
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), (paragraphs) => {
        const texts = paragraphs.map((p) => p.join(''));
        const input = book(article('a', texts));
        const { root } = enrich(input, GLOSSARY);
        root.children[0]!.children.forEach((block, i) => {
          expect(toText(block as Node)).toBe(texts[i]);
          // Same spans as a naive longest-first search over every form.
          const got: string[] = [];
          let offset = 0;
          for (const c of (block as Paragraph).children[0]!.children) {
            if (c.type === 'term') got.push(`${offset}:${c.value}`);
            offset += c.value.length;
          }
          expect(got).toEqual(naiveTerms(texts[i]!));
        });
        for (const t of termNodes(root)) expect(forms.has(t.value)).toBe(true);
        const ids = new Set<string>();
        visit(root, (n) => {
          if (n.type === 'root') return;
          expect(ids.has(n.id)).toBe(false);
          ids.add(n.id);
        });
      }),
      { numRuns: 300 },
    );
  });
});

/** The reference: every form at every position, longest first, then leftmost, no overlaps. */
function naiveTerms(text: string): string[] {
  const spans: Array<{ start: number; end: number; link: [number, number] }> = [];
  const bare = ['政治机关', '机关党的建设', '全面从严治党', '全面从严治党主体责任', '两个维护', '四强党支部', '三会一课'];
  for (const form of [...bare, '“四强”']) {
    for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) {
      const quoted = form.startsWith('“');
      spans.push({ start: i, end: i + form.length, link: quoted ? [i + 1, i + form.length - 1] : [i, i + form.length] });
    }
  }
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Set<number>();
  const out: Array<[number, string]> = [];
  for (const s of spans) {
    const cells = Array.from({ length: s.end - s.start }, (_, k) => s.start + k);
    if (cells.some((c) => taken.has(c))) continue;
    cells.forEach((c) => taken.add(c));
    out.push([s.link[0], text.slice(s.link[0], s.link[1])]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([o, v]) => `${o}:${v}`);
}
