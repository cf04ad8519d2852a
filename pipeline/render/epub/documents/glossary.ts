import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { GlossaryEntry, Root } from '../../../ir.js';
import type { Labels } from '../labels.js';
import type { Plan } from '../plan.js';

/**
 * The glossary: entries in the IR's order (pinyin), grouped under the initial of their pinyin, each with
 * its definition, aliases, the article that explains it and links back to every occurrence
 * (`backlinks[i]`: entry i's, made per article with the chapters).
 */
export function glossaryBody(root: Root, plan: Plan, labels: Labels, backlinks: ElementContent[][]): Element {
  const groups: Array<{ initial: string; entries: Array<[GlossaryEntry, ElementContent[]]> }> = [];
  root.data.glossary.forEach((entry, i) => {
    const initial = initialOf(entry.sortKey);
    const last = groups.at(-1);
    if (last && last.initial === initial) last.entries.push([entry, backlinks[i]!]);
    else groups.push({ initial, entries: [[entry, backlinks[i]!]] });
  });
  const content: ElementContent[] = [h('h1', { id: 'glossary-title' }, labels.glossary)];
  for (const group of groups) {
    content.push(h('h2', { className: ['glossary-initial'] }, group.initial));
    content.push(h('dl', { className: ['glossary'] }, group.entries.flatMap(([entry, links]) => entryNodes(entry, links, plan, labels))));
  }
  return h('body', { 'epub:type': 'backmatter' }, [
    h('section', { id: 'glossary', 'epub:type': 'glossary', role: 'doc-glossary', ariaLabelledBy: 'glossary-title' }, content),
  ]);
}

function entryNodes(entry: GlossaryEntry, links: ElementContent[], plan: Plan, labels: Labels): Element[] {
  const definition: ElementContent[] = [h('p', { className: ['definition'] }, entry.definition)];
  const aliases = entry.aliases.filter((a) => a !== entry.term);
  if (aliases.length > 0) definition.push(h('p', { className: ['aliases'] }, `${labels.aliases}：${aliases.join('、')}`));
  const see = entry.seeArticle !== null && plan.hasArticle(entry.seeArticle) ? entry.seeArticle : null;
  if (see !== null) definition.push(h('p', { className: ['see-article'] }, [`${labels.seeArticle}：`, h('a', { href: plan.chapterFile(see) }, plan.titleOf(see))]));
  if (links.length > 0) definition.push(h('p', { className: ['occurrences'] }, [`${labels.occursIn}：`, ...links]));
  return [
    h('dt', { id: plan.pageId(entry.id), 'epub:type': 'glossterm' }, [h('dfn', entry.term)]),
    h('dd', { 'epub:type': 'glossdef' }, definition),
  ];
}

/** `liang3 ge4 …` → `L`; a key that does not start with a Latin letter goes under `#`. */
function initialOf(sortKey: string): string {
  const c = sortKey.trim().charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '#';
}
