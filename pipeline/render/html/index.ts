/**
 * The HTML bundle: a static site under `html/` that works from a folder offline and from any static server.
 * index.html (contents), one page per article, glossary.html, documents.html, events.html, search.html, and
 * assets/ (stylesheet and scripts from templates/html, the generated search index). Pages are hast trees
 * serialised with rehype-stringify; the output depends only on the IR, the options and the templates.
 */
import type { Root as HastRoot } from 'hast';
import type { OutputFile, Renderer } from '../index.js';
import { readTemplates } from './assets.js';
import { articlePage } from './pages/article-page.js';
import { documentsPage } from './pages/documents-page.js';
import { eventsPage } from './pages/events-page.js';
import { glossaryPage } from './pages/glossary-page.js';
import { indexPage } from './pages/index-page.js';
import { searchPage } from './pages/search-page.js';
import { ASSETS, PAGES } from './paths.js';
import { buildSearchData, searchIndexScript } from './search-index.js';
import { serialize } from './serialize.js';
import { createSite, type Site } from './site.js';

const OUT = 'html';

/** Every page as a hast tree, by path inside the bundle (article pages first: the indexes check their links). */
export function renderPages(site: Site): Map<string, HastRoot> {
  const { root } = site;
  const pages = new Map<string, HastRoot>();
  root.children.forEach((article, i) => pages.set(site.files.get(article.id)!, articlePage(site, article, i)));
  pages.set(PAGES.index, indexPage(site));
  pages.set(PAGES.glossary, glossaryPage(site));
  pages.set(PAGES.documents, documentsPage(site));
  pages.set(PAGES.events, eventsPage(site));
  pages.set(PAGES.search, searchPage(site));
  return pages;
}

export const renderHtml: Renderer = async (root, context) => {
  const templates = await readTemplates(context.options.templatesDir);
  const site = createSite(root, context.report);
  const files: OutputFile[] = [];
  for (const [path, tree] of renderPages(site)) files.push({ path: `${OUT}/${path}`, data: serialize(tree) });
  files.push({ path: `${OUT}/${ASSETS.style}`, data: templates.style });
  files.push({ path: `${OUT}/${ASSETS.site}`, data: templates.site });
  files.push({ path: `${OUT}/${ASSETS.search}`, data: templates.search });
  files.push({ path: `${OUT}/${ASSETS.icon}`, data: templates.icon });
  files.push({ path: `${OUT}/${ASSETS.searchIndex}`, data: searchIndexScript(buildSearchData(root, site.files)) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
};
