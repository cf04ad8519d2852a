/**
 * The HTML bundle: a static site under `html/` that works from a folder offline and from any static server.
 * index.html (contents), one page per article, glossary.html, documents.html, events.html, search.html, and
 * assets/ (stylesheet and scripts from templates/html, the generated search index). Pages are hast trees
 * serialised with rehype-stringify; the output depends only on the IR, the options and the templates.
 *
 * Work is done per article where it can be (article-unit.ts: the page and its back-links for the glossary
 * and the indexes; search-units.ts: its part of the search index), so a rebuild after one article changed
 * reuses the others' from the build cache; the pages about the whole book are put together from the parts.
 */
import type { ElementContent } from 'hast';
import { articleFacts } from '../article-facts.js';
import { readBytes, readText, type OutputFile, type Renderer } from '../index.js';
import { articleUnit, bookIndex, type ArticleUnit } from './article-unit.js';
import { readTemplates } from './assets.js';
import { charMapFor, storedCharTable } from './char-map.js';
import { backlinkPlan, type BacklinkKind, type BacklinkPlan } from './occurrences.js';
import { documentsPage } from './pages/documents-page.js';
import { eventsPage } from './pages/events-page.js';
import { glossaryPage } from './pages/glossary-page.js';
import { indexPage } from './pages/index-page.js';
import { searchPage } from './pages/search-page.js';
import { ASSETS, PAGES } from './paths.js';
import { searchIndexScript } from './search-index.js';
import { bookParts } from './search-units.js';
import { reuse, serialize } from './serialize.js';
import { createSite, type Site } from './site.js';

const OUT = 'html';

export const renderHtml: Renderer = async (root, context) => {
  const templates = await readTemplates(context.options.templatesDir);
  const site = createSite(root, context.report);
  const tablePairs = storedCharTable();
  const table = new Map(tablePairs);
  const plan = backlinkPlan(site);
  const book = bookIndex(site);
  // An article id given twice resolves to its last article everywhere (files, links), so that one makes the back-links.
  const lastOf = new Map(root.children.map((a, i) => [a.id, i]));
  const digests = root.children.map((article) => context.digest(article));
  const hant = root.data.script === 'hant';
  const facts = await articleFacts(context, root.children);
  // Both read from the cache at the same time.
  const [units, searchParts] = await Promise.all([
    Promise.all(root.children.map((article, i) => articleUnit(context, site, book, i, digests[i]!, facts[i]!.terms, lastOf.get(article.id) === i ? (plan.items.get(article.id) ?? []) : []))),
    bookParts(context, root.children, root.children.map((article) => site.files.get(article.id)!), digests, hant ? table : null),
  ]);

  const pages = new Map<string, string | Uint8Array>();
  root.children.forEach((article, i) => {
    const { page } = units[i]!;
    page.messages.forEach(context.report);
    pages.set(site.files.get(article.id)!, readBytes(page.value));
  });
  const groups = (kind: BacklinkKind): ElementContent[][] => backlinkGroups(site, plan, units, lastOf, kind);
  pages.set(PAGES.index, serialize(indexPage(site, facts)));
  pages.set(PAGES.glossary, serialize(glossaryPage(site, groups('glossary'))));
  pages.set(PAGES.documents, serialize(documentsPage(site, groups('documents'))));
  pages.set(PAGES.events, serialize(eventsPage(site, groups('events'))));
  pages.set(PAGES.search, serialize(searchPage(site)));

  const chars = new Set<string>();
  for (const part of searchParts) for (const c of part.chars) chars.add(c);
  const map = charMapFor(table, tablePairs, chars).pairs.map(([t, s]) => t + s).join('');
  const files: OutputFile[] = [...pages].map(([path, html]) => ({ path: `${OUT}/${path}`, data: html }));
  files.push({ path: `${OUT}/${ASSETS.style}`, data: templates.style });
  files.push({ path: `${OUT}/${ASSETS.site}`, data: templates.site });
  files.push({ path: `${OUT}/${ASSETS.search}`, data: templates.search });
  files.push({ path: `${OUT}/${ASSETS.icon}`, data: templates.icon });
  files.push({ path: `${OUT}/${ASSETS.searchIndex}`, data: searchIndexScript({ v: 2, foldText: hant, map }, searchParts.map((part) => part.json)) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
};

/** Each entry's back-link groups, taken from the units of the articles it occurs in (their messages raised in page order). */
function backlinkGroups(site: Site, plan: BacklinkPlan, units: readonly ArticleUnit[], lastOf: ReadonlyMap<string, number>, kind: BacklinkKind): ElementContent[][] {
  return plan.entries[kind].map((slots) =>
    slots.flatMap((slot) => {
      if ('missing' in slot) {
        site.report(slot.missing);
        return [];
      }
      const group = units[lastOf.get(slot.articleId)!]!.backlinks[slot.item]!;
      group.messages.forEach(site.report);
      return [reuse(readText(group.value))];
    }),
  );
}
