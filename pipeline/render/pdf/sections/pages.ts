/** Page references printed in the glossary and the index: distinct pages in book order, each a link. */
import type { Occurrence } from '../../../ir.js';
import type { Span, TextStyle } from '../layout/atoms.js';
import type { BookContext } from './context.js';

export interface PageRef {
  page: string;
  /** The first occurrence on that page: where the link goes. */
  anchor: string;
}

export function pageRefs(ctx: BookContext, occurrences: readonly Occurrence[]): PageRef[] {
  const known = ctx.refs?.get(occurrences);
  if (known) return known;
  const seen = new Map<string, PageRef>();
  for (const o of occurrences) {
    const atNode = ctx.pageOf(o.nodeId);
    const page = atNode ?? ctx.pageOf(o.blockId);
    if (page !== null && !seen.has(page)) seen.set(page, { page, anchor: atNode !== null ? o.nodeId : o.blockId });
  }
  const refs = [...seen.values()].sort((a, b) => pageNumber(a.page) - pageNumber(b.page));
  ctx.refs?.set(occurrences, refs);
  return refs;
}

function pageNumber(label: string): number {
  const n = Number.parseInt(label, 10);
  return Number.isNaN(n) ? 0 : n;
}

/** `3、5、12` (or with another separator, set half width if `tight`), each number linked to its occurrence. */
export function pageSpans(refs: readonly PageRef[], style: TextStyle, separator: string, tight = false): Span[] {
  const spans: Span[] = [];
  refs.forEach((r, i) => {
    if (i > 0) spans.push({ text: separator, style, ...(tight ? { tight } : {}) });
    spans.push({ text: r.page, style, link: r.anchor });
  });
  return spans;
}
