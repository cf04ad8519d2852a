/** The HTML renderer on the hand-made sample IR: which files, what each page holds, links, escaping, determinism. */
import { runInNewContext } from 'node:vm';
import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText as hastText } from 'hast-util-to-text';
import { describe, expect, it } from 'vitest';
import { BuildError, type Diagnostic } from '../../../pipeline/diagnostics.js';
import { toEdition } from '../../../pipeline/edition.js';
import { toText, type Root } from '../../../pipeline/ir.js';
import { renderHtml } from '../../../pipeline/render/html/index.js';
import { articleFiles } from '../../../pipeline/render/html/paths.js';
import type { SearchData } from '../../../pipeline/render/html/search-index.js';
import { uncachedContext, type OutputFile } from '../../../pipeline/render/index.js';
import { sampleIr } from '../../fixtures/sample-ir.js';
import { TEMPLATES } from './helpers.js';

async function render(root: Root, templatesDir = TEMPLATES): Promise<{ files: Map<string, string>; messages: Diagnostic[] }> {
  const messages: Diagnostic[] = [];
  const out: OutputFile[] = await renderHtml(root, uncachedContext({ templatesDir, sourceDateEpoch: 0, pageSize: 'A5', impose: null }, (d) => messages.push(d)));
  return { files: new Map(out.map((f) => [f.path, String(f.data)])), messages };
}

function parse(files: Map<string, string>, path: string): HastRoot {
  const html = files.get(`html/${path}`);
  if (html === undefined) throw new Error(`no ${path}`);
  return fromHtml(html);
}

const href = (e: Element | undefined): string => String(e?.properties.href);

/** The index script run, and its parts put together as search.js does: articles, blocks and each gram's blocks numbered across the book. */
function searchData(files: Map<string, string>): Omit<SearchData, 'parts'> & { parts: number; articles: Array<[string, string]>; blocks: Array<[number, string, string]>; postings(gram: string): number[] } {
  const sandbox: { window: { compendiumSearch?: SearchData } } = { window: {} };
  runInNewContext(files.get('html/assets/search-index.js')!, sandbox);
  const index = sandbox.window.compendiumSearch!;
  const articles: Array<[string, string]> = [];
  const blocks: Array<[number, string, string]> = [];
  const bases: number[] = [];
  for (const part of index.parts) {
    const articleBase = articles.length;
    bases.push(blocks.length);
    articles.push(...part.articles);
    blocks.push(...part.blocks.map(([a, id, text]): [number, string, string] => [articleBase + a, id, text]));
  }
  const postings = (gram: string): number[] =>
    index.parts.flatMap((part, p) => {
      let n = bases[p]!;
      return part.grams[gram] === undefined ? [] : part.grams[gram].split(',').map((d) => (n += parseInt(d, 36)));
    });
  return { v: index.v, foldText: index.foldText, map: index.map, parts: index.parts.length, articles, blocks, postings };
}

describe('HTML renderer on the sample IR', async () => {
  const root = sampleIr();
  const { files, messages } = await render(root);

  it('writes the pages and assets of the bundle under html/', () => {
    expect([...files.keys()].sort()).toEqual(
      [
        'html/a1.html',
        'html/a2.html',
        'html/assets/icon.svg',
        'html/assets/search-index.js',
        'html/assets/search.js',
        'html/assets/site.js',
        'html/assets/style.css',
        'html/documents.html',
        'html/events.html',
        'html/glossary.html',
        'html/index.html',
        'html/search.html',
      ].sort(),
    );
    expect(messages).toEqual([]);
  });

  it('index: book title (escaped), lang, contents with sections and each article’s metadata', () => {
    const tree = parse(files, 'index.html');
    expect(select('html', tree)!.properties.lang).toBe('zh-CN');
    expect(hastText(select('h1', tree)!)).toBe('机关党建学习文选 & <测试>');
    expect(hastText(select('title', tree)!)).toBe('机关党建学习文选 & <测试>');
    const titles = selectAll('.contents-list > li > a.contents-title', tree);
    expect(titles.map(href)).toEqual(['a1.html', 'a2.html']);
    expect(titles.map((t) => hastText(t))).toEqual(root.children.map((a) => a.data.title));
    const first = select('.contents-list > li', tree)!;
    expect(selectAll('.sections a', first).map(href)).toEqual(['a1.html#a1-h1']);
    // The article page's own contents go down to subsections.
    expect(selectAll('.article-contents .sections a', parse(files, 'a1.html')).map(href)).toEqual(['#a1-h1', '#a1-h2']);
    expect(select('.article-contents .sections > li > ol a', parse(files, 'a1.html'))).toBeTruthy();
    expect(hastText(select('.contents-meta', first)!)).toBe('来源：旗帜网 · 日期：2022年7月7日 · 作者：交流中心党委书记、主任鄢东');
    expect(select('.contents-meta time', first)!.properties.dateTime).toBe('2022-07-07');
    expect(hastText(select('.contents-subtitle', tree)!)).toBe(root.children[1]!.data.subtitle);
  });

  it('article: heading anchors, paragraph anchors, run-in head, caption/note classes, hostile text as text', () => {
    const tree = parse(files, 'a1.html');
    expect(hastText(select('article h1', tree)!)).toBe(root.children[0]!.data.title);
    expect(select('h2#a1-h1 > a.self-link', tree)!.properties.href).toBe('#a1-h1');
    expect(select('p#a1-p1 > a.self-link', tree)!.properties.href).toBe('#a1-p1');
    expect(hastText(select('#a1-p2 strong.run-in', tree)!)).toBe('服务元首外交，发挥战略引领作用。');
    expect(select('p#a1-p3.note', tree)).toBeTruthy();
    expect(selectAll('main script, main img', tree)).toEqual([]);
    const p2 = select('#a1-p2', tree)!;
    expect(hastText(p2)).toContain(toText(root.children[0]!.children[3]!));
    expect(select('p#a2-p2.caption', parse(files, 'a2.html'))).toBeTruthy();
  });

  it('article: terms link to the glossary, described by their definition', () => {
    const tree = parse(files, 'a1.html');
    const link = select('a.term-link[id="a1-p1.1.t2"]', tree)!;
    expect(href(link)).toBe('glossary.html#g-lgwh');
    const tip = select(`[id="${String(link.properties.ariaDescribedBy)}"]`, tree)!;
    expect(hastText(tip)).toBe(root.data.glossary.find((g) => g.id === 'g-lgwh')!.definition);
  });

  it('article: metadata, source file, related articles with reasons, previous/next', () => {
    const a1 = parse(files, 'a1.html');
    const meta = select('dl.article-meta', a1)!;
    const rows = Object.fromEntries(selectAll('div', meta).map((d) => [hastText(select('dt', d)!), hastText(select('dd', d)!)]));
    expect(rows).toEqual({ 来源: '旗帜网', 日期: '2022年7月7日', 作者: '交流中心党委书记、主任鄢东', 责任编辑: '王春春', 关键词: '外交、党建', 源文件: 'a1.txt (UTF-8)' });
    const related = select('aside.related', a1)!;
    expect(href(select('li > a', related))).toBe('a2.html');
    expect(hastText(select('.related-reasons', related)!)).toBe('共同术语：两个维护；共同引用：《习近平外交思想学习纲要》');
    expect(selectAll('.related-reasons a', related).map(href)).toEqual(['glossary.html#g-lgwh', 'documents.html#d-1']);
    expect(select('.pager a.prev', a1)).toBeUndefined();
    expect(href(select('.pager a.next', a1))).toBe('a2.html');
    expect(href(select('link[rel=next]', a1))).toBe('a2.html');
    const a2 = parse(files, 'a2.html');
    expect(href(select('.pager a.prev', a2))).toBe('a1.html');
    expect(select('.pager a.next', a2)).toBeUndefined();
  });

  it('glossary: pinyin (IR) order, grouped by letter, back-links to every occurrence', () => {
    const tree = parse(files, 'glossary.html');
    expect(selectAll('dl.glossary dt', tree).map((e) => e.properties.id)).toEqual(root.data.glossary.map((g) => g.id));
    expect(selectAll('.letter-group h2', tree).map((e) => hastText(e))).toEqual(['L', 'S']);
    for (const entry of root.data.glossary) {
      const dd = select(`dt#${entry.id} + dd`, tree)!;
      expect(selectAll('a.occurrence', dd).map(href)).toEqual(entry.occurrences.map((o) => `${o.articleId}.html#${o.nodeId}`));
      expect(hastText(select('.definition', dd)!)).toBe(entry.definition);
    }
  });

  it('documents and events: entries with back-links to the blocks that cite them', () => {
    const docs = parse(files, 'documents.html');
    expect(hastText(select('cite#d-1', docs)!)).toBe('《习近平外交思想学习纲要》');
    expect(selectAll('a.occurrence', docs).map(href)).toEqual(['a1.html#a1-p1']);
    const events = parse(files, 'events.html');
    const item = select('li#e-1', events)!;
    expect(select('time', item)!.properties.dateTime).toBe('2019-07-09');
    expect(hastText(select('.entry-name', item)!)).toBe('2019年7月9日 中央和国家机关党的建设工作会议');
    expect(selectAll('a.occurrence', item).map(href)).toEqual(['a2.html#a2-p1']);
  });

  it('every page has the shell: lang, stylesheet, search box to search.html, skip link to main', () => {
    for (const path of [...files.keys()].filter((p) => p.endsWith('.html'))) {
      const tree = parse(files, path.slice('html/'.length));
      expect(select('html', tree)!.properties.lang).toBe('zh-CN');
      expect(href(select('link[rel=stylesheet]', tree))).toBe('assets/style.css');
      expect(select('form[role=search]', tree)!.properties.action).toBe('search.html');
      expect(select(`main#${String(select('a.skip-link', tree)!.properties.href).slice(1)}`, tree)).toBeTruthy();
    }
    const search = parse(files, 'search.html');
    expect(selectAll('script', search).map((s) => s.properties.src)).toEqual(['assets/site.js', 'assets/search-index.js', 'assets/search.js']);
  });

  it('search index: bigram postings are exactly the blocks that contain the bigram; hostile text survives as data', () => {
    const data = searchData(files);
    expect(data.articles).toEqual([
      ['a1.html', root.children[0]!.data.title],
      ['a2.html', root.children[1]!.data.title],
    ]);
    const withWaijiao = data.blocks.flatMap(([, , text], i) => (text.includes('外交') ? [i] : []));
    expect(withWaijiao.length).toBeGreaterThan(1);
    expect(data.postings('外交')).toEqual(withWaijiao);
    expect(data.postings('党建')).toEqual(data.blocks.flatMap(([, , text], i) => (text.includes('党建') ? [i] : [])));
    expect(data.map).toContain('黨党');
    expect(data.foldText).toBe(false);
    const hostile = data.blocks.find(([, id]) => id === 'a1-p2')!;
    expect(hostile[2]).toBe(toText(root.children[0]!.children[3]!));
    expect(files.get('html/assets/search-index.js')).not.toMatch(/<\/?script/i);
  });

  it('is deterministic: the same IR gives the same bytes', async () => {
    const again = await render(sampleIr());
    expect(again.files).toEqual(files);
  });

  it('renders a Traditional edition with zh-TW and Traditional labels, indexed in Simplified', async () => {
    const { files: hant } = await render(toEdition(sampleIr(), 'hant'));
    const tree = parse(hant, 'index.html');
    expect(select('html', tree)!.properties.lang).toBe('zh-TW');
    expect(selectAll('.site-nav a', tree).map((a) => hastText(a))).toContain('術語表');
    const data = searchData(hant);
    expect(data.foldText).toBe(true);
    expect(data.blocks.some(([, , text]) => text.includes('黨建'))).toBe(true);
    expect(data.postings('党建').length).toBeGreaterThan(0);
    expect(data.postings('黨建')).toEqual([]);
  });

  it('reports IR links it cannot honour, and links to the nearest thing that exists', async () => {
    const broken = sampleIr();
    broken.children[0]!.data.related.push({ articleId: 'nope', score: 1, sharedTerms: [], sharedDocuments: [] });
    broken.data.glossary[0]!.occurrences.push({ articleId: 'a1', nodeId: 'a1-gone', blockId: 'a1-p1' });
    const out = await render(broken);
    expect(out.messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ['related-missing', 'warning'],
      ['occurrence-missing-anchor', 'warning'],
    ]);
    expect(out.messages[0]!.message).toMatch(/^Unexpected related article `nope`, expected/);
    const glossary = parse(out.files, 'glossary.html');
    expect(selectAll('a.occurrence', glossary).map(href)).toContain('a1.html#a1-p1');
  });

  it('fails with a clear error when the HTML templates are missing', async () => {
    await expect(render(sampleIr(), '/nonexistent-templates')).rejects.toThrow(BuildError);
    await expect(render(sampleIr(), '/nonexistent-templates')).rejects.toThrow(/nonexistent-templates\/html\/style\.css/);
  });
});

describe('article file names', () => {
  it('come from the article id, never clash with the bundle’s pages or with each other', () => {
    const ids = ['000_abc', 'index', 'search', 'a-b'];
    const articles = ids.map((id) => ({ ...sampleIr().children[0]!, id }));
    articles.push({ ...sampleIr().children[0]!, id: 'A-B' });
    expect([...articleFiles(articles).values()]).toEqual(['000_abc.html', 'index-article.html', 'search-article.html', 'a-b.html', 'a-b-2.html']);
  });
});
