/** Texts put into a serialised tree afterwards come out as if they had been serialised in place. */
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { serialize, reuse as reuseHtml } from '../../pipeline/render/html/serialize.js';
import { reuse as reuseXhtml, reuseBytes, toXhtml, toXhtmlBytes } from '../../pipeline/render/epub/xhtml.js';
import { markOf, splice, spliceBytes } from '../../pipeline/render/spliced.js';
import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';

const inPlace = (tree: Root): string => unified().use(rehypeStringify, { allowDangerousHtml: true }).stringify(tree) + '\n';

const page = (value: string, term = '党建 <引号> & “词”'): Root => ({
  type: 'root',
  children: [{ type: 'element', tagName: 'dl', properties: {}, children: [
    { type: 'element', tagName: 'dt', properties: { id: 'g-1' }, children: [{ type: 'text', value: term }] },
    { type: 'element', tagName: 'dd', properties: {}, children: [reuseHtml('<ul><li><a href="a.html#p1">第一篇</a></li></ul>'), reuseHtml(value)] },
  ] }],
});

describe('splice', () => {
  it('puts each text in place of its mark', () => {
    expect(splice(`<p>${markOf(0)}</p><p>${markOf(1)}</p>`, ['甲', '<b>乙</b>'])).toBe('<p>甲</p><p><b>乙</b></p>');
  });

  it('refuses marks that are not exactly the texts’, once each and in order', () => {
    expect(splice(`${markOf(1)}${markOf(0)}`, ['a', 'b'])).toBeNull();
    expect(splice(`${markOf(0)}`, ['a', 'b'])).toBeNull();
    expect(splice(`${markOf(0)}\u0000`, ['a'])).toBeNull();
  });
});

describe('spliceBytes', () => {
  it('gives the UTF-8 of what splice gives, the texts put in as bytes', () => {
    const texts = ['甲', '<b>乙 “丙”</b>'];
    const spliced = spliceBytes(`<p>${markOf(0)}</p>：<p>${markOf(1)}</p>`, texts.map((t) => Buffer.from(t, 'utf8')));
    expect(spliced?.toString('utf8')).toBe(splice(`<p>${markOf(0)}</p>：<p>${markOf(1)}</p>`, texts));
  });

  it('refuses the marks splice refuses', () => {
    expect(spliceBytes(`${markOf(1)}${markOf(0)}`, [Buffer.from('a'), Buffer.from('b')])).toBeNull();
    expect(spliceBytes(`${markOf(0)}\u0000`, [Buffer.from('a')])).toBeNull();
  });
});

describe('serialising with reused markup', () => {
  it('gives the HTML the serialiser gives with the markup in the tree', () => {
    const tree = page('<span>第二篇</span>');
    expect(serialize(tree)).toBe(inPlace(tree));
  });

  it('falls back to serialising in place when the tree holds U+0000 itself', () => {
    const tree = page('<span>第二篇</span>', `stray ${markOf(0)} mark`);
    expect(serialize(tree)).toBe(inPlace(tree));
    expect(serialize(tree)).toContain('<span>第二篇</span>');
  });

  it('gives the XHTML toXhtml gives for the same markup serialised in place', () => {
    const part = toXhtml({ type: 'element', tagName: 'ul', properties: {}, children: [{ type: 'element', tagName: 'li', properties: {}, children: [{ type: 'text', value: '第一篇 <a> & b' }] }] });
    const whole = toXhtml({ type: 'element', tagName: 'section', properties: {}, children: [{ type: 'element', tagName: 'h2', properties: {}, children: [{ type: 'text', value: '术语' }] }, { type: 'element', tagName: 'ul', properties: {}, children: [{ type: 'element', tagName: 'li', properties: {}, children: [{ type: 'text', value: '第一篇 <a> & b' }] }] }] });
    const reused = toXhtml({ type: 'element', tagName: 'section', properties: {}, children: [{ type: 'element', tagName: 'h2', properties: {}, children: [{ type: 'text', value: '术语' }] }, reuseXhtml(part)] });
    expect(reused).toBe(whole);
  });

  it('gives toXhtml’s text as bytes when the reused parts are kept as bytes', () => {
    const li = (text: string) => ({ type: 'element' as const, tagName: 'li', properties: {}, children: [{ type: 'text' as const, value: text }] });
    const part = toXhtml({ type: 'element', tagName: 'ul', properties: {}, children: [li('第一篇 ]]> <a> & b')] });
    const tree = (reused: ReturnType<typeof reuseXhtml>) => ({ type: 'element' as const, tagName: 'section', properties: {}, children: [{ type: 'element' as const, tagName: 'h2', properties: {}, children: [{ type: 'text' as const, value: '术语]]>' }] }, reused, li('尾')] });
    const expected = toXhtml(tree(reuseXhtml(part)));
    expect(expected).toContain(']]&gt;');
    expect(toXhtmlBytes(tree(reuseBytes(Buffer.from(part, 'utf8')))).toString('utf8')).toBe(expected);
    expect(toXhtml(tree(reuseBytes(Buffer.from(part, 'utf8'))))).toBe(expected);
    expect(toXhtmlBytes(tree(reuseXhtml(part))).toString('utf8')).toBe(expected);
  });

  it('puts a reused part that is not one element in as text, so `]]>` across its edge is still escaped', () => {
    const tree = { type: 'element' as const, tagName: 'p', properties: {}, children: [{ type: 'text' as const, value: 'a]]' }, reuseBytes(Buffer.from('> b', 'utf8'))] };
    expect(toXhtmlBytes(tree).toString('utf8')).toBe(toXhtml(tree));
    expect(toXhtml(tree)).toBe('<p>a]]&gt; b</p>');
  });
});

