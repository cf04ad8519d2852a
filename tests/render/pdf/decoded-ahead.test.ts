/** Article layouts decoded ahead of the IR from the values a render thread read ahead from the cache. */
import { describe, expect, it } from 'vitest';
import { decodeFlow, DecodedAhead, encodeFlow, type FlowLayout } from '../../../pipeline/render/pdf/units.js';

const layout = (outline?: FlowLayout['outline']): FlowLayout => ({
  pages: [{ index: 0, kind: 'body', section: 'a', sectionTitle: '标题', opening: true, blank: false, items: [] }],
  anchors: new Map([['a', { page: 0, x: 1, y: 2 }]]),
  end: { y: 10, opening: false },
  messages: [],
  ...(outline ? { outline } : {}),
});

async function* values(...list: unknown[]): AsyncGenerator<unknown> {
  for (const value of list) yield value;
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('DecodedAhead', () => {
  it('decodes the article layouts among the values, each taken once; other values are left alone', async () => {
    const article = encodeFlow(layout([{ title: '一、总体要求', anchor: 'a-h1' }]));
    const section = encodeFlow(layout());
    const ahead = new DecodedAhead(values(article, section, 'not a layout', null));
    await settled();
    const taken = ahead.take(article);
    expect(taken).toEqual(decodeFlow(article));
    expect(taken?.outline).toEqual([{ title: '一、总体要求', anchor: 'a-h1' }]);
    expect(ahead.take(article)).toBeUndefined();
    expect(ahead.take(section)).toBeUndefined();
  });

  it('decodes nothing more once stopped', async () => {
    const article = encodeFlow(layout([]));
    const ahead = new DecodedAhead(values(article));
    ahead.stop();
    await settled();
    expect(ahead.take(article)).toBeUndefined();
  });
});
