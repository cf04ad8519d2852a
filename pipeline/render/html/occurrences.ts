/**
 * Back-links from the glossary and the indexes to where an entry occurs: grouped by article, numbered
 * within each, each checked against the ids the article page really has (falling back to the block, and
 * saying so, if the IR points at something the page does not show).
 *
 * A group depends only on its article (the page's ids, title, file) and the entry's occurrences there, so
 * it is made with the article's page (`BacklinkItem` → one serialised `li`) and the index pages put the
 * groups together in the entry's order (`backlinkPlan`).
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { Occurrence } from '../../ir.js';
import { fill, type Labels } from './labels.js';
import { fragment } from './serialize.js';
import { SOURCE, type Site } from './site.js';

export type BacklinkTarget = 'node' | 'block';

/** What one article's group for one entry is made from: [node id, block id] of each occurrence in it. */
export interface BacklinkItem {
  target: BacklinkTarget;
  /** The entry, for messages: “term `g-lgwh`”. */
  what: string;
  occurrences: Array<[string, string]>;
}

/** The article a group belongs to, as its page knows it. */
export interface BacklinkArticle {
  id: string;
  title: string;
  file: string;
  sourceFile: string;
  /** Every id written into the article's page. */
  ids: ReadonlySet<string>;
}

/** One article's group of back-links for one entry: a `li` with the article's title and numbered links. */
export function backlinkGroup(labels: Labels, article: BacklinkArticle, item: BacklinkItem, report: (d: Diagnostic) => void): ElementContent {
  const links: ElementContent[] = item.occurrences.map(([nodeId, blockId], i) => {
    let anchor = item.target === 'node' ? nodeId : blockId;
    if (!article.ids.has(anchor)) {
      report(
        diagnostic('warning', SOURCE, 'occurrence-missing-anchor', `Unexpected link target \`${anchor}\` for ${item.what}, expected an id on the page of \`${article.id}\`; linked to ${article.ids.has(blockId) ? 'its block' : 'the article'} instead`, { file: article.sourceFile }),
      );
      anchor = article.ids.has(blockId) ? blockId : article.id;
    }
    return h('a', { className: ['occurrence'], href: `${article.file}#${anchor}`, ariaLabel: `${article.title} ${fill(labels.occurrenceOf, { n: i + 1 })}` }, String(i + 1));
  });
  return h('li', [h('a', { className: ['occurrence-article'], href: article.file }, article.title), ' ', h('span', { className: ['occurrence-list'] }, links.flatMap((l, i) => (i === 0 ? [l] : [' ', l])))]);
}

/** The back-links under an entry, from its groups in order (or a note that it does not occur). */
export function occurrenceList(labels: Labels, groups: ElementContent[]): ElementContent[] {
  if (groups.length === 0) return [h('p', { className: ['occurrences', 'none'] }, labels.noOccurrences)];
  return [h('ul', { className: ['occurrences'], ariaLabel: labels.occurrences }, groups)];
}

/** One group of an entry's back-links: the item of an article's unit, or a warning where the article is missing. */
export type BacklinkSlot = { articleId: string; item: number } | { missing: Diagnostic };

/** Where each index page's back-link groups come from: per article the items its unit makes, per entry the groups in order. */
export interface BacklinkPlan {
  /** article id → the items to make with its page. */
  items: Map<string, BacklinkItem[]>;
  /** Per kind, per entry: its groups in order. */
  entries: Record<BacklinkKind, BacklinkSlot[][]>;
}

export type BacklinkKind = 'glossary' | 'documents' | 'events';

/**
 * Split every entry's occurrences by article (articles in order of first occurrence, as the pages list
 * them). Occurrences in an article the book does not have are left out, with a warning.
 */
export function backlinkPlan(site: Site): BacklinkPlan {
  const items = new Map<string, BacklinkItem[]>();
  const plan = (list: ReadonlyArray<{ id: string; occurrences: readonly Occurrence[] }>, target: BacklinkTarget, noun: string): BacklinkSlot[][] =>
    list.map((entry) => {
      const what = `${noun} \`${entry.id}\``;
      const byArticle = new Map<string, BacklinkItem>();
      for (const o of entry.occurrences) {
        let item = byArticle.get(o.articleId);
        if (!item) byArticle.set(o.articleId, (item = { target, what, occurrences: [] }));
        item.occurrences.push([o.nodeId, o.blockId]);
      }
      const slots: BacklinkSlot[] = [];
      for (const [articleId, item] of byArticle) {
        if (!site.articles.has(articleId) || !site.files.has(articleId)) {
          slots.push({ missing: diagnostic('warning', SOURCE, 'occurrence-missing-article', `Unexpected occurrence of ${what} in article \`${articleId}\`, expected an article of the book; left out`) });
          continue;
        }
        let own = items.get(articleId);
        if (!own) items.set(articleId, (own = []));
        slots.push({ articleId, item: own.push(item) - 1 });
      }
      return slots;
    });
  const { root } = site;
  const entries = {
    glossary: plan(root.data.glossary, 'node', 'term'),
    documents: plan(root.data.documents, 'block', 'document'),
    events: plan(root.data.events, 'block', 'event'),
  };
  return { items, entries };
}

/** Serialise one group, for the article's unit. */
export function backlinkFragment(labels: Labels, article: BacklinkArticle, item: BacklinkItem, report: (d: Diagnostic) => void): string {
  return fragment(backlinkGroup(labels, article, item, report));
}
