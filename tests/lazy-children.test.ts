import { describe, expect, it } from 'vitest';
import { nested } from '../pipeline/json-stream.js';
import { childrenText, childrenUnread, copyWith, forgetChildrenText, keepChildrenText, withChildrenText } from '../pipeline/lazy-children.js';

const children = [{ type: 'paragraph', id: 'a-p1', children: [{ type: 'text', id: 'a-p1.t0', value: '党建“引号”' }] }];
const lazy = (onParse?: () => void) => withChildrenText({ type: 'article', id: 'a', children: [] as unknown, data: { title: '题' } }, nested(children, 3), onParse);

describe('children kept as text', () => {
  it('are parsed once, when first read, and serialise as the plain node does', () => {
    let parses = 0;
    const node = lazy(() => parses++);
    expect(childrenUnread(node)).toBe(true);
    expect(Object.keys(node)).toEqual(['type', 'id', 'children', 'data']);
    expect(childrenText(node)).toBe(nested(children, 3));
    expect(parses).toBe(0);
    expect(node.children).toEqual(children);
    expect(node.children).toBe(node.children);
    expect(parses).toBe(1);
    expect(JSON.stringify(node, null, 1)).toBe(JSON.stringify({ type: 'article', id: 'a', children, data: { title: '题' } }, null, 1));
    // Parsed, the text is let go of.
    expect(childrenText(node)).toBeUndefined();
  });

  it('may be the UTF-8 bytes of the text (as the build cache holds it), decoded only when read', () => {
    const bytes = Buffer.from(nested(children, 3), 'utf8');
    const node = withChildrenText({ type: 'article', id: 'a', children: [] as unknown }, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    expect(childrenText(node)).toEqual(new Uint8Array(bytes));
    expect(node.children).toEqual(children);
    expect(childrenText(node)).toBeUndefined();
  });

  it('stay text in a copy made with copyWith, and the text goes with it; a spread reads them', () => {
    let parses = 0;
    const node = lazy(() => parses++);
    const copy = copyWith(node, { data: { title: '新题' } });
    expect(parses).toBe(0);
    expect(childrenUnread(copy)).toBe(true);
    expect(childrenText(copy)).toBe(nested(children, 3));
    expect(Object.keys(copy)).toEqual(['type', 'id', 'children', 'data']);
    expect(copy.data).toEqual({ title: '新题' });
    expect(node.data).toEqual({ title: '题' });
    // Both hold the same children, parsed once, as a spread's copy would.
    expect(copy.children).toBe(node.children);
    expect(parses).toBe(1);
    const spread = { ...lazy(() => parses++) };
    expect(parses).toBe(2);
    expect(childrenUnread(spread)).toBe(false);
  });

  it('are replaced on one node only, and its text is dropped with them', () => {
    const node = lazy();
    const copy = copyWith(node, {});
    copy.children = [];
    expect(copy.children).toEqual([]);
    expect(childrenText(copy)).toBeUndefined();
    expect(childrenText(node)).toBe(nested(children, 3));
    expect(childrenText(copyWith(node, { children: [] }))).toBeUndefined();
    expect(node.children).toEqual(children);
  });

  it('can be recorded for parsed children, and let go of', () => {
    const node = keepChildrenText({ id: 'a', children }, nested(children, 3));
    expect(childrenUnread(node)).toBe(false);
    expect(childrenText(node)).toBe(nested(children, 3));
    expect(Object.keys(node)).toEqual(['id', 'children']);
    forgetChildrenText(node);
    expect(childrenText(node)).toBeUndefined();
  });
});
