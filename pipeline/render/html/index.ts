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
import { memoText, readText, type OutputFile, type Renderer } from '../index.js';
import { articlePageFile, articleUnit, bookIndex, type ArticleUnit, type MadePages } from './article-unit.js';
import { readTemplates } from './assets.js';
import { charMapFor, storedCharTable } from './char-map.js';
import { backlinkPlan, type BacklinkItem, type BacklinkKind, type BacklinkPlan } from './occurrences.js';
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
const INDEX_PAGE_UNIT = 'html-index-page';

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
  const made: MadePages = new Map();
  const backlinksOf = (i: number): BacklinkItem[] => (lastOf.get(root.children[i]!.id) === i ? (plan.items.get(root.children[i]!.id) ?? []) : []);
  const [units, searchParts] = await Promise.all([
    Promise.all(root.children.map((_, i) => articleUnit(context, site, book, i, digests[i]!, facts[i]!.terms, backlinksOf(i), made))),
    bookParts(context, root.children, root.children.map((article) => site.files.get(article.id)!), digests, hant ? table : null),
  ]);

  // An article's page is written only when it is not on disk as the previous build wrote it.
  const articlePages = new Map<string, number>();
  root.children.forEach((article, i) => {
    units[i]!.page.messages.forEach(context.report);
    articlePages.set(site.files.get(article.id)!, i);
  });
  const articleFiles = await Promise.all(
    [...articlePages].map(async ([path, i]): Promise<OutputFile> => {
      const hash = units[i]!.page.value;
      if (context.kept?.(`${OUT}/${path}`, hash)) return { path: `${OUT}/${path}`, data: '', kept: hash };
      return { path: `${OUT}/${path}`, data: await articlePageFile(context, site, book, i, facts[i]!.terms, backlinksOf(i), hash, made) };
    }),
  );
  const pages = new Map<string, string | Uint8Array>();
  const groups = (kind: BacklinkKind): ElementContent[][] => backlinkGroups(site, plan, units, lastOf, kind);
  // The front page (every article's title, facts and sections) is made again only when what it shows changes.
  const front = {
    shell: site.shell,
    labels: site.labels,
    book: root.data.book,
    articles: root.children.map(({ id, data: { title, subtitle, source, date, author } }, i) => [site.files.get(id), title, subtitle, source, date, author, facts[i]!.headings.filter((heading) => heading.depth === 1)]),
  };
  pages.set(PAGES.index, await memoText(context, INDEX_PAGE_UNIT, front, () => serialize(indexPage(site, facts))));
  pages.set(PAGES.glossary, serialize(glossaryPage(site, groups('glossary'))));
  pages.set(PAGES.documents, serialize(documentsPage(site, groups('documents'))));
  pages.set(PAGES.events, serialize(eventsPage(site, groups('events'))));
  pages.set(PAGES.search, serialize(searchPage(site)));

  const chars = new Set<string>();
  for (const part of searchParts) for (const c of part.chars) chars.add(c);
  const map = charMapFor(table, tablePairs, chars).pairs.map(([t, s]) => t + s).join('');
  // A book page takes the place of an article's page of the same name, as it always did.
  const files: OutputFile[] = [...articleFiles.filter((f) => !pages.has(f.path.slice(OUT.length + 1))), ...[...pages].map(([path, html]) => ({ path: `${OUT}/${path}`, data: html }))];
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
