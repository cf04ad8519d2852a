import type { Element, ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import type { Occurrence } from '../../../ir.js';
import type { Labels } from '../labels.js';
import type { Plan } from '../plan.js';

export type OccurrenceTarget = 'node' | 'block';

export interface OccurrenceLinkOptions {
  plan: Plan;
  labels: Labels;
  /** Link to the occurrence itself (a term) or to the block holding it (a citation in a sentence). */
  target: OccurrenceTarget;
  /** `epub:type` of each link, e.g. `index-locator` in an index. */
  epubType?: string;
}

/** One article's links for an entry: where they go (`file#id`, each once) and how they are typed. */
export interface OccurrenceGroup {
  articleId: string;
  hrefs: string[];
  epubType: string | null;
}

/** An entry's occurrences grouped by article in reading order, each group with the links it makes (maybe none). */
export function occurrenceGroups(occurrences: readonly Occurrence[], options: OccurrenceLinkOptions): OccurrenceGroup[] {
  const { plan, target, epubType } = options;
  const byArticle = new Map<string, Occurrence[]>();
  for (const occurrence of occurrences) {
    const list = byArticle.get(occurrence.articleId) ?? [];
    list.push(occurrence);
    byArticle.set(occurrence.articleId, list);
  }
  return [...byArticle].map(([articleId, list]) => ({
    articleId,
    hrefs: [...new Set(list.map((o) => plan.href(articleId, target === 'node' ? o.nodeId : o.blockId)).filter((x): x is string => x !== null))],
    epubType: epubType ?? null,
  }));
}

/**
 * One group's links: the article's title links to the first occurrence, small numbers to the others
 * (`标题 2 3`). Null when the group has no link.
 */
export function occurrenceGroup(group: Omit<OccurrenceGroup, 'articleId'>, title: string, labels: Labels): Element | null {
  const { hrefs, epubType } = group;
  if (hrefs.length === 0) return null;
  const typed: Properties = epubType ? { 'epub:type': epubType } : {};
  const links: ElementContent[] = [h('a', { href: hrefs[0]!, className: ['backlink'], ...typed }, title)];
  hrefs.slice(1).forEach((href, i) => {
    const label = `${title} ${labels.occurrence.replace('{n}', String(i + 2))}`;
    links.push({ type: 'text', value: ' ' }, h('a', { href, className: ['backlink', 'backlink-more'], ariaLabel: label, ...typed }, String(i + 2)));
  });
  return h('span', { className: ['occurrences-in-article'] }, links);
}

/** The groups of an entry, in order, separated as the index shows them. */
export function joinGroups(groups: ReadonlyArray<ElementContent | null>): ElementContent[] {
  const out: ElementContent[] = [];
  for (const group of groups) {
    if (group === null) continue;
    if (out.length > 0) out.push({ type: 'text', value: '；' });
    out.push(group);
  }
  return out;
}
