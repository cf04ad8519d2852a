/** Page references of the glossary and the index: distinct pages in order, each worked out once a pass. */
import { describe, expect, it } from 'vitest';
import type { Occurrence } from '../../../../pipeline/ir.js';
import type { BookContext } from '../../../../pipeline/render/pdf/sections/context.js';
import { pageRefs, type PageRef } from '../../../../pipeline/render/pdf/sections/pages.js';

const pages: Record<string, string> = { 'a-s1': '12', 'a-s2': '3', 'a-s3': '12', 'a-p4': '7' };

function context(refs?: Map<readonly Occurrence[], PageRef[]>): BookContext & { asked: string[] } {
  const asked: string[] = [];
  const pageOf = (anchor: string): string | null => (asked.push(anchor), pages[anchor] ?? null);
  return { asked, pageOf, ...(refs ? { refs } : {}) } as unknown as BookContext & { asked: string[] };
}

const occurrences: Occurrence[] = [
  { articleId: 'a', nodeId: 'a-s1', blockId: 'a-p1' },
  { articleId: 'a', nodeId: 'a-s2', blockId: 'a-p2' },
  { articleId: 'a', nodeId: 'a-s3', blockId: 'a-p3' },
  // A term whose node has no place of its own: its block's page.
  { articleId: 'a', nodeId: 'a-t9', blockId: 'a-p4' },
];

describe('pageRefs', () => {
  it('lists each page once, in page order, linked to its first occurrence there', () => {
    expect(pageRefs(context(), occurrences)).toEqual([
      { page: '3', anchor: 'a-s2' },
      { page: '7', anchor: 'a-p4' },
      { page: '12', anchor: 'a-s1' },
    ]);
  });

  it('works a list out once a pass when the pass keeps them (the index lists the glossary’s terms again)', () => {
    const ctx = context(new Map());
    const first = pageRefs(ctx, occurrences);
    const asked = ctx.asked.length;
    expect(pageRefs(ctx, occurrences)).toEqual(first);
    expect(ctx.asked).toHaveLength(asked);
    // Another list, even with the same occurrences, is worked out.
    pageRefs(ctx, [...occurrences]);
    expect(ctx.asked).toHaveLength(2 * asked);
  });
});
