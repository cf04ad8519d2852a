/**
 * enrich on the five seed articles, built once through the real pipeline (normalize → segment → enrich)
 * into a temporary folder. Assertions are phrased against the IR's own text, so they hold whatever
 * the cleaning stages decide about boilerplate.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../pipeline/build.js';
import { candidateFacts } from '../../pipeline/enrich/candidates.js';
import { articleCitations } from '../../pipeline/enrich/documents.js';
import { eventFacts } from '../../pipeline/enrich/events.js';
import { enrich, type PreparedArticle } from '../../pipeline/enrich/index.js';
import { pinyinSortKey, compareKeys } from '../../pipeline/enrich/pinyin.js';
import { toText, visit, type Node, type Root } from '../../pipeline/ir.js';
import { nodesById, termNodes } from './helpers.js';

let out: string;
let result: BuildResult;
let root: Root;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'enrich-seeds-'));
  result = await build({
    corpusDir: new URL('../../corpus', import.meta.url).pathname,
    outDir: out,
    formats: [],
    script: 'hans',
    strict: false,
    templatesDir: new URL('../../templates', import.meta.url).pathname,
    sourceDateEpoch: 0,
    pageSize: 'A5',
    impose: null,
    cacheDir: null,
  });
  root = JSON.parse(await readFile(join(out, 'ir.json'), 'utf8')) as Root;
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const entry = (term: string) => root.data.glossary.find((g) => g.term === term)!;
/** The text of an article where terms are linked: cited titles (《…》) left out. */
const linkable = (a: Node) => toText(a).replace(/《[^《》\n]*》/g, '《》');
const articlesWith = (words: string) => root.children.filter((a) => linkable(a as Node).includes(words)).map((a) => a.id);

describe('enrich on the seed corpus', () => {
  it('writes the glossary, term nodes and indexes into ir.json, with no glossary errors or candidates', () => {
    expect(root.data.glossary.length).toBeGreaterThanOrEqual(40);
    expect(termNodes(root).length).toBeGreaterThan(100);
    expect(root.data.documents.length).toBeGreaterThan(5);
    expect(root.data.events.length).toBeGreaterThanOrEqual(1);
    const mine = result.report.messages.filter((m) => m.source === 'enrich' && m.severity !== 'info');
    expect(mine).toEqual([]);
  });

  it('finds 两个维护 in exactly the articles that contain it', () => {
    const g = entry('两个维护');
    expect(articlesWith('两个维护').length).toBeGreaterThanOrEqual(4);
    expect([...new Set(g.occurrences.map((o) => o.articleId))].sort()).toEqual(articlesWith('两个维护').sort());
    let count = 0;
    for (const a of root.children) count += linkable(a as Node).split('两个维护').length - 1;
    expect(g.occurrences).toHaveLength(count);
  });

  it('does not link a term inside a longer term', () => {
    const inner = entry('全面从严治党');
    const outer = entry('全面从严治党主体责任');
    let all = 0;
    let inLonger = 0;
    for (const a of root.children) {
      const text = linkable(a as Node);
      all += text.split('全面从严治党').length - 1;
      inLonger += text.split('全面从严治党主体责任').length - 1;
    }
    expect(inLonger).toBeGreaterThan(0);
    expect(outer.occurrences).toHaveLength(inLonger);
    expect(inner.occurrences).toHaveLength(all - inLonger);
    expect(termNodes(root).filter((t) => t.value === '政治机关').length).toBe(entry('政治机关').occurrences.length);
  });

  it('points every occurrence at an existing node, and every node id is unique', () => {
    const ids = nodesById(root);
    let count = 0;
    visit(root, (n) => {
      if (n.type !== 'root') count++;
    });
    expect(ids.size - 1).toBe(count);
    for (const g of root.data.glossary) {
      expect(g.occurrences.length, g.term).toBeGreaterThan(0);
      for (const o of g.occurrences) expect(ids.get(o.nodeId)).toMatchObject({ type: 'term', data: { termId: g.id } });
    }
    for (const index of [root.data.documents, root.data.events]) {
      for (const item of index) {
        for (const o of item.occurrences) {
          expect(['sentence', 'runInHead', 'heading']).toContain(ids.get(o.nodeId)!.type);
          expect(['paragraph', 'heading']).toContain(ids.get(o.blockId)!.type);
          expect(ids.has(o.articleId)).toBe(true);
        }
      }
    }
    const seeArticles = root.data.glossary.map((g) => g.seeArticle).filter((s) => s !== null);
    expect(seeArticles.length).toBeGreaterThan(5);
    for (const id of seeArticles) expect(ids.get(id!)?.type).toBe('article');
  });

  it('marks exactly one first occurrence per term and article', () => {
    const firsts = new Map<string, number>();
    for (const a of root.children) {
      for (const t of termNodes(a as Node)) if (t.data.first) firsts.set(`${a.id}/${t.data.termId}`, (firsts.get(`${a.id}/${t.data.termId}`) ?? 0) + 1);
    }
    const pairs = new Set(root.data.glossary.flatMap((g) => g.occurrences.map((o) => `${o.articleId}/${g.id}`)));
    expect(firsts.size).toBe(pairs.size);
    expect([...firsts.values()].every((n) => n === 1)).toBe(true);
  });

  it('sorts the glossary by pinyin', () => {
    const keys = root.data.glossary.map((g) => g.sortKey);
    expect(keys).toEqual([...keys].sort(compareKeys));
    expect(root.data.glossary.map((g) => g.sortKey)).toEqual(root.data.glossary.map((g) => pinyinSortKey(g.term)));
    const terms = root.data.glossary.map((g) => g.term);
    expect(terms.indexOf('党的政治建设')).toBeLessThan(terms.indexOf('两个维护'));
    expect(terms.indexOf('两个维护')).toBeLessThan(terms.indexOf('中央八项规定'));
    expect(terms).not.toEqual([...terms].sort());
  });

  it('indexes cited documents, merging variant titles of one document and keeping distinct ones apart', () => {
    const plan = root.data.documents.filter((d) => d.title.startsWith('中央和国家机关基层党组织建设质量提升三年行动计划'));
    expect(plan).toHaveLength(1);
    expect(plan[0]!.variants.length).toBe(2);
    expect(new Set(plan[0]!.occurrences.map((o) => o.articleId)).size).toBe(2);
    const regulations = root.data.documents.filter((d) => d.title.includes('组织工作条例'));
    expect(regulations.map((d) => d.title).sort()).toEqual(['中国共产党党和国家机关基层组织工作条例', '中国共产党组织工作条例']);
    expect(regulations.find((d) => d.title.includes('基层'))!.occurrences.map((o) => o.articleId.slice(0, 3)).sort()).toEqual(['003', '004']);
    const keys = root.data.documents.map((d) => d.sortKey);
    expect(keys).toEqual([...keys].sort(compareKeys));
  });

  it('gathers the 2019 conference on party building in the central organs as a dated event', () => {
    const event = root.data.events.find((e) => e.name === '中央和国家机关党的建设工作会议')!;
    expect(event.date).toBe('2019-07-09');
    const named = root.children.filter((a) => toText(a as Node).includes('中央和国家机关党的建设工作会议')).map((a) => a.id);
    expect(new Set(event.occurrences.map((o) => o.articleId))).toEqual(new Set(named));
  });

  it('relates articles by what they share, with the shared items as the reason', () => {
    const termsOf = (id: string) => new Set(root.data.glossary.filter((g) => g.occurrences.some((o) => o.articleId === id)).map((g) => g.id));
    const docsOf = (id: string) => new Set(root.data.documents.filter((d) => d.occurrences.some((o) => o.articleId === id)).map((d) => d.id));
    for (const a of root.children) {
      const related = a.data.related;
      expect(related.length).toBeGreaterThan(0);
      expect(related.map((r) => r.articleId)).not.toContain(a.id);
      expect(related.map((r) => r.score)).toEqual([...related.map((r) => r.score)].sort((x, y) => y - x));
      for (const r of related) {
        const shared = [...termsOf(a.id)].filter((t) => termsOf(r.articleId).has(t));
        expect(new Set(r.sharedTerms)).toEqual(new Set(shared));
        expect(new Set(r.sharedDocuments)).toEqual(new Set([...docsOf(a.id)].filter((d) => docsOf(r.articleId).has(d))));
      }
    }
    // 000 and 004 share the three-year plan: each is the other's closest article.
    const a000 = root.children.find((a) => a.id.startsWith('000'))!;
    expect(a000.data.related[0]!.articleId.slice(0, 3)).toBe('004');
    expect(a000.data.related[0]!.sharedDocuments).toHaveLength(1);
  });
});

describe('enrich from articles an earlier run prepared', () => {
  it('gives the same book and messages as preparing them anew (as the build cache keeps them: JSON)', async () => {
    const glossaryFile = new URL('../../corpus/glossary.yaml', import.meta.url).pathname;
    for (const text of [await readFile(glossaryFile, 'utf8'), '']) {
      const glossary = { file: 'glossary.yaml', text };
      const fresh = enrich(root, glossary);
      const kept = JSON.parse(JSON.stringify(fresh.linked)) as PreparedArticle[];
      // Prepared from the block texts before linking, the facts are those of the linked article itself.
      for (const one of fresh.linked) {
        expect(one.facts).toEqual({ citations: articleCitations(one.article), events: eventFacts(one.article), candidates: candidateFacts(one.article) });
      }
      const again = enrich(root, glossary, { linked: kept });
      expect(again.root).toEqual(fresh.root);
      expect(again.messages).toEqual(fresh.messages);
      expect(fresh.root.data.documents.length).toBeGreaterThan(0);
      expect(fresh.root.data.events.length).toBeGreaterThan(0);
      if (text === '') expect(fresh.messages.some((m) => m.ruleId === 'glossary-candidate')).toBe(true);
      // The kept facts are what is used: with one article's taken away, its citations leave the index.
      const first = kept[0]!;
      const without = enrich(root, glossary, { linked: [{ ...first, facts: { ...first.facts, citations: [] } }, ...kept.slice(1)] });
      const citedIn = (r: Root): number => r.data.documents.flatMap((d) => d.occurrences).filter((o) => o.articleId === first.article.id).length;
      expect(citedIn(fresh.root)).toBeGreaterThan(0);
      expect(citedIn(without.root)).toBe(0);
    }
  });
});

