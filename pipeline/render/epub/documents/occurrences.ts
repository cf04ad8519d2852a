import type { ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import type { Occurrence } from '../../../ir.js';
import type { Labels } from '../labels.js';
import type { Plan } from '../plan.js';

export interface OccurrenceLinkOptions {
  plan: Plan;
  labels: Labels;
  /** Link to the occurrence itself (a term) or to the block holding it (a citation in a sentence). */
  target: 'node' | 'block';
  /** `epub:type` of each link, e.g. `index-locator` in an index. */
  epubType?: string;
}

/**
 * Links back to where an entry occurs, one group per article in reading order: the article's title
 * links to the first occurrence, small numbers to the others (`标题 2 3`).
 */
export function occurrenceLinks(occurrences: readonly Occurrence[], options: OccurrenceLinkOptions): ElementContent[] {
  const { plan, labels, target, epubType } = options;
  const byArticle = new Map<string, Occurrence[]>();
  for (const occurrence of occurrences) {
    const list = byArticle.get(occurrence.articleId) ?? [];
    list.push(occurrence);
    byArticle.set(occurrence.articleId, list);
  }
  const typed: Properties = epubType ? { 'epub:type': epubType } : {};
  const out: ElementContent[] = [];
  for (const [articleId, list] of byArticle) {
    const hrefs = [...new Set(list.map((o) => plan.href(target === 'node' ? o.nodeId : o.blockId)).filter((x): x is string => x !== null))];
    if (hrefs.length === 0) continue;
    if (out.length > 0) out.push({ type: 'text', value: '；' });
    const title = plan.titleOf(articleId);
    const group: ElementContent[] = [h('a', { href: hrefs[0]!, className: ['backlink'], ...typed }, title)];
    hrefs.slice(1).forEach((href, i) => {
      const label = `${title} ${labels.occurrence.replace('{n}', String(i + 2))}`;
      group.push({ type: 'text', value: ' ' }, h('a', { href, className: ['backlink', 'backlink-more'], ariaLabel: label, ...typed }, String(i + 2)));
    });
    out.push(h('span', { className: ['occurrences-in-article'] }, group));
  }
  return out;
}
