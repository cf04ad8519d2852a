import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { toXhtml } from '../../../pipeline/render/epub/xhtml.js';

describe('toXhtml', () => {
  it('writes well-formed XML where HTML serialisation would not be', () => {
    const out = toXhtml(h('p', { title: 'a<b & "c"', hidden: true }, ['x', h('br'), h('img', { src: 'a.svg', alt: '' })]));
    expect(out).toBe('<p title="a&#x3C;b &#x26; &#x22;c&#x22;" hidden="">x<br /><img src="a.svg" alt="" /></p>');
  });

  it('keeps CJK characters literal and escapes only what XML needs', () => {
    expect(toXhtml(h('p', '两个维护 <script> A&B'))).toBe('<p>两个维护 &#x3C;script> A&#x26;B</p>');
  });

  it('escapes `]]>` in text and drops characters XML 1.0 cannot hold', () => {
    expect(toXhtml(h('p', 'a]]>b\u0001c\u000Bd\uFFFEe'))).toBe('<p>a]]&gt;bcde</p>');
  });

  it('keeps EPUB and ARIA attributes, and declares no namespace on the fragment', () => {
    const out = toXhtml(h('body', { 'epub:type': 'bodymatter' }, [h('a', { href: '#n', 'epub:type': 'noteref', role: 'doc-noteref', 'data-x': '1' }, '注')]));
    expect(out).toBe('<body epub:type="bodymatter"><a href="#n" epub:type="noteref" role="doc-noteref" data-x="1">注</a></body>');
  });
});
