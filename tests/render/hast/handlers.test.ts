import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText as hastText } from 'hast-util-to-text';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../pipeline/diagnostics.js';
import { toText, type Article, type Node } from '../../../pipeline/ir.js';
import { createHastState, toHast, type HastOptions } from '../../../pipeline/render/hast/index.js';
import { sampleIr } from '../../fixtures/sample-ir.js';

const root = sampleIr();
const first = root.children[0]!;

function options(extra: Partial<HastOptions> = {}): { options: HastOptions; messages: Diagnostic[] } {
  const messages: Diagnostic[] = [];
  return {
    messages,
    options: {
      source: 'render:test',
      report: (d) => messages.push(d),
      glossary: root.data.glossary,
      term: { mode: 'tooltip', href: (entry) => `glossary.html#${entry.id}` },
      ...extra,
    },
  };
}

/** Serialise and parse back, as a browser would see it. */
function roundTrip(nodes: ReturnType<typeof toHast>): HastRoot {
  const html = unified().use(rehypeStringify).stringify({ type: 'root', children: nodes });
  return fromHtml(html, { fragment: true });
}

function render(node: Node, extra: Partial<HastOptions> = {}): { tree: HastRoot; messages: Diagnostic[] } {
  const { options: o, messages } = options(extra);
  return { tree: roundTrip(toHast(node, o)), messages };
}

describe('IR → hast handlers', () => {
  it('renders an article: title h1, subtitle, blocks in order with their ids', () => {
    const { tree, messages } = render(first);
    expect(messages).toEqual([]);
    const article = select('article', tree)!;
    expect(article.properties.id).toBe('a1');
    expect(hastText(select('h1', tree)!)).toBe(first.data.title);
    const blocks = selectAll('article > h2, article > h3, article > p', tree).map((e) => e.properties.id);
    expect(blocks).toEqual(first.children.map((b) => b.id));
  });

  it('maps heading depth to rank under the article h1, and honours headingOffset', () => {
    expect(select('#a1-h1', render(first).tree)!.tagName).toBe('h2');
    expect(select('#a1-h2', render(first).tree)!.tagName).toBe('h3');
    expect(select('#a1-h2', render(first, { headingOffset: 0 }).tree)!.tagName).toBe('h2');
  });

  it('escapes hostile corpus text: it stays text, no element is created from it', () => {
    const { tree } = render(first);
    const p = select('#a1-p2', tree)!;
    expect(hastText(p)).toBe(toText(first.children[3]!));
    expect(selectAll('script, img', tree)).toEqual([]);
    const html = unified().use(rehypeStringify).stringify({ type: 'root', children: toHast(first, options().options) });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('A&#x26;B');
  });

  it('sets off the run-in head in bold and gives captions and notes their role as a class', () => {
    const { tree } = render(first);
    expect(hastText(select('#a1-p2 > strong.run-in', tree)!)).toBe('服务元首外交，发挥战略引领作用。');
    expect(select('#a1-p3', tree)!.properties.className).toEqual(['note']);
    expect(select('#a1-p1', tree)!.properties.className).toBeUndefined();
    const caption = render(root.children[1]!).tree;
    expect(select('#a2-p2', caption)!.properties.className).toEqual(['caption']);
  });

  it('keeps the separator as visible text', () => {
    expect(hastText(select('#a1-s1', render(first).tree)!)).toBe('…………');
  });

  it('adds self-links to headings and paragraphs only when asked', () => {
    expect(selectAll('.self-link', render(first).tree)).toEqual([]);
    const { tree } = render(first, { selfLinks: { heading: '本节链接', paragraph: '本段链接' } });
    const link = select('#a1-p1 > a.self-link', tree)!;
    expect(link.properties.href).toBe('#a1-p1');
    expect(link.properties.ariaLabel).toBe('本段链接');
    expect(select('#a1-h1 > a.self-link', tree)!.properties.href).toBe('#a1-h1');
  });

  it('renders a term as a glossary link described by its tooltip (hidden until hover/focus)', () => {
    const { tree } = render(first);
    const link = select('a.term-link#a1-p1\\.1\\.t2', tree) as Element;
    expect(link.properties.href).toBe('glossary.html#g-lgwh');
    const tipId = String(link.properties.ariaDescribedBy);
    const tip = select(`[id="${tipId}"]`, tree)!;
    expect(tip.properties.role).toBe('tooltip');
    expect(tip.properties.hidden).toBe(true);
    expect(hastText(tip)).toBe(root.data.glossary.find((g) => g.id === 'g-lgwh')!.definition);
    expect(select('span.term.term-first', tree)).toBeTruthy();
  });

  it('renders a term as an EPUB noteref when asked', () => {
    const { tree } = render(first, { term: { mode: 'noteref', href: (entry) => `glossary.xhtml#${entry.id}` } });
    const link = select('a.term', tree)!;
    expect(link.properties.href).toBe('glossary.xhtml#g-lgwh');
    expect(link.properties.role).toBe('doc-noteref');
    const html = unified().use(rehypeStringify).stringify({ type: 'root', children: toHast(first, options({ term: { mode: 'noteref', href: () => 'g.xhtml#x' } }).options) });
    expect(html).toContain('epub:type="noteref"');
    expect(selectAll('[role=tooltip]', tree)).toEqual([]);
  });

  it('keeps every term id, whatever the rendering, so back-links land', () => {
    for (const mode of ['tooltip', 'text'] as const) {
      const term = mode === 'text' ? ({ mode } as const) : ({ mode, href: () => '#' } as const);
      const { tree } = render(first, { term });
      expect(select('[id="a1-p1.1.t2"]', tree)).toBeTruthy();
      expect(select('[id="a1-h1.t2"]', tree)).toBeTruthy();
    }
  });

  it('records the ids it wrote and the terms it used', () => {
    const state = createHastState(options().options, 'a1.txt');
    state.one(root.children[1]!, null);
    expect(state.termsUsed).toEqual(['g-lgwh', 'g-shyk']);
    expect(state.ids.has('a2-p1.1.t4')).toBe(true);
  });

  it('maps ids through idFor', () => {
    const { tree } = render(first, { idFor: (id) => `x-${id}` });
    expect(select('#x-a1-p1', tree)).toBeTruthy();
  });

  it('reports a term missing from the glossary and renders its text', () => {
    const article: Article = structuredClone(first);
    article.children = [
      {
        type: 'paragraph',
        id: 'p',
        data: { role: 'body' },
        children: [{ type: 'sentence', id: 's', children: [{ type: 'term', id: 't', value: '某词', data: { termId: 'nope', first: true }, position: { start: { line: 9, column: 3 }, end: { line: 9, column: 5 } } }] }],
      },
    ];
    const { tree, messages } = render(article);
    expect(hastText(select('#p', tree)!)).toBe('某词');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ severity: 'warning', ruleId: 'term-unknown', file: 'a1.txt', line: 9, column: 3, source: 'render:test' });
  });

  it('reports an unknown node with a warning and keeps its text', () => {
    const article: Article = structuredClone(first);
    const odd = { type: 'table', id: 'x', value: '<b>未知</b>', position: { start: { line: 4, column: 1 }, end: { line: 4, column: 9 } } };
    article.children = [odd as unknown as Article['children'][number]];
    const { tree, messages } = render(article);
    expect(hastText(select('article', tree)!)).toContain('<b>未知</b>');
    expect(selectAll('b', tree)).toEqual([]);
    expect(messages).toEqual([
      expect.objectContaining({ severity: 'warning', ruleId: 'unknown-node', file: 'a1.txt', line: 4, message: expect.stringMatching(/^Unexpected node type `table`, expected/) }),
    ]);
  });

  it('lets a renderer replace a handler', () => {
    const { tree } = render(first, { handlers: { separator: () => [{ type: 'element', tagName: 'hr', properties: {}, children: [] }] } });
    expect(selectAll('hr', tree)).toHaveLength(1);
  });
});
