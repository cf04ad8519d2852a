/**
 * Back-links from the glossary and the indexes to where an entry occurs: grouped by article, numbered
 * within each, each checked against the ids the article page really has (falling back to the block, and
 * saying so, if the IR points at something the page does not show).
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { diagnostic } from '../../diagnostics.js';
import type { Occurrence } from '../../ir.js';
import { fill } from './labels.js';
import { SOURCE, type Site } from './site.js';

export function occurrenceLinks(site: Site, occurrences: readonly Occurrence[], target: 'node' | 'block', what: string): ElementContent[] {
  const { labels } = site;
  const byArticle = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    if (!byArticle.has(o.articleId)) byArticle.set(o.articleId, []);
    byArticle.get(o.articleId)!.push(o);
  }
  const groups: ElementContent[] = [];
  for (const [articleId, list] of byArticle) {
    const article = site.articles.get(articleId);
    const file = site.files.get(articleId);
    if (!article || !file) {
      site.report(diagnostic('warning', SOURCE, 'occurrence-missing-article', `Unexpected occurrence of ${what} in article \`${articleId}\`, expected an article of the book; left out`));
      continue;
    }
    const ids = site.pageIds.get(articleId) ?? new Set<string>();
    const links: ElementContent[] = list.map((o, i) => {
      let anchor = target === 'node' ? o.nodeId : o.blockId;
      if (!ids.has(anchor)) {
        site.report(
          diagnostic('warning', SOURCE, 'occurrence-missing-anchor', `Unexpected link target \`${anchor}\` for ${what}, expected an id on the page of \`${articleId}\`; linked to ${ids.has(o.blockId) ? 'its block' : 'the article'} instead`, { file: article.data.sourceFile }),
        );
        anchor = ids.has(o.blockId) ? o.blockId : article.id;
      }
      return h('a', { className: ['occurrence'], href: `${file}#${anchor}`, ariaLabel: `${article.data.title} ${fill(labels.occurrenceOf, { n: i + 1 })}` }, String(i + 1));
    });
    groups.push(
      h('li', [h('a', { className: ['occurrence-article'], href: file }, article.data.title), ' ', h('span', { className: ['occurrence-list'] }, links.flatMap((l, i) => (i === 0 ? [l] : [' ', l])))]),
    );
  }
  if (groups.length === 0) return [h('p', { className: ['occurrences', 'none'] }, labels.noOccurrences)];
  return [h('ul', { className: ['occurrences'], ariaLabel: labels.occurrences }, groups)];
}
