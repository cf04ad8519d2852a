/**
 * The glossary in pinyin order (the order of the IR, which enrich sorts), grouped by initial letter,
 * each entry with its definition, aliases, category and back-links to every occurrence in the text.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { GlossaryEntry } from '../../../ir.js';
import { page } from '../layout.js';
import { occurrenceList } from '../occurrences.js';
import type { Site } from '../site.js';

/** `backlinks[i]`: the back-link groups of entry `i`, one per article (see occurrences.ts). */
export function glossaryPage(site: Site, backlinks: ElementContent[][]): Root {
  const { labels, root } = site;
  const groups = new Map<string, Array<[GlossaryEntry, ElementContent[]]>>();
  root.data.glossary.forEach((entry, i) => {
    const letter = initial(entry);
    if (!groups.has(letter)) groups.set(letter, []);
    groups.get(letter)!.push([entry, backlinks[i]!]);
  });
  const main: ElementContent[] = [h('h1', labels.glossary), h('p', { className: ['intro'] }, labels.glossaryIntro)];
  if (groups.size === 0) main.push(h('p', labels.empty));
  else {
    main.push(
      h('nav', { className: ['letters'], ariaLabel: labels.glossaryLetters }, [
        h('ul', [...groups.keys()].map((letter) => h('li', [h('a', { href: `#${letterId(letter)}` }, letter)]))),
      ]),
    );
    for (const [letter, entries] of groups) {
      main.push(h('section', { className: ['letter-group'], ariaLabelledBy: letterId(letter) }, [h('h2', { id: letterId(letter) }, letter), h('dl', { className: ['glossary'] }, entries.flatMap(([e, links]) => entry(site, e, links)))]));
    }
  }
  return page(site.shell, labels, { title: labels.glossary, current: 'glossary', main, bodyClass: 'glossary-page' });
}

function entry(site: Site, g: GlossaryEntry, backlinks: ElementContent[]): Element[] {
  const { labels } = site;
  const details: ElementContent[] = [h('p', { className: ['definition'] }, g.definition)];
  const facts: ElementContent[] = [];
  if (g.aliases.length > 0) facts.push(h('span', `${labels.aliases}：${g.aliases.join(labels.listSeparator)}`));
  if (g.category) facts.push(h('span', `${labels.category}：${g.category}`));
  const see = g.seeArticle ? site.articles.get(g.seeArticle) : undefined;
  if (see) facts.push(h('span', [`${labels.seeArticle}：`, h('a', { href: site.files.get(see.id) }, see.data.title)]));
  if (facts.length > 0) details.push(h('p', { className: ['entry-facts'] }, facts.flatMap((f, i) => (i === 0 ? [f] : [{ type: 'text', value: '　' } as ElementContent, f]))));
  details.push(...occurrenceList(labels, backlinks));
  return [h('dt', { id: g.id }, g.term), h('dd', details)];
}

/** Ids of the letter headings (capitalised, so never an entry id); “#” gathers keys that start with a digit. */
function letterId(letter: string): string {
  return letter === '#' ? 'Letter-other' : `Letter-${letter}`;
}

/** The entry's initial for grouping: the first letter of its pinyin sort key, or “#”. */
function initial(g: GlossaryEntry): string {
  const c = g.sortKey.trim().charAt(0).toUpperCase();
  return /^[A-Z]$/.test(c) ? c : '#';
}
