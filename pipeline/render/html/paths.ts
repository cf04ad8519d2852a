/**
 * File names in the bundle. Article pages are named after the article id; an id that would clash with a
 * page of the bundle itself (an article file called `index.txt`) or with another article gets a suffix.
 */
import type { Article } from '../../ir.js';

export const PAGES = {
  index: 'index.html',
  glossary: 'glossary.html',
  documents: 'documents.html',
  events: 'events.html',
  search: 'search.html',
} as const;

export const ASSETS = {
  style: 'assets/style.css',
  site: 'assets/site.js',
  search: 'assets/search.js',
  searchIndex: 'assets/search-index.js',
  icon: 'assets/icon.svg',
} as const;

const RESERVED = new Set(['index', 'glossary', 'documents', 'events', 'search', 'assets']);

export function articleFiles(articles: readonly Article[]): Map<string, string> {
  const files = new Map<string, string>();
  const taken = new Set<string>();
  for (const article of articles) {
    let stem = article.id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'article';
    if (RESERVED.has(stem)) stem = `${stem}-article`;
    let name = stem;
    for (let n = 2; taken.has(name); n++) name = `${stem}-${n}`;
    taken.add(name);
    files.set(article.id, `${name}.html`);
  }
  return files;
}

/**
 * Ids of the page's own parts. They start with a capital letter, which the IR's ids (derived from
 * lower-cased file names) never do, so they cannot clash with an anchor from the text.
 */
export const CHROME_IDS = {
  main: 'Main',
  siteSearch: 'SiteSearch',
  pageSearch: 'PageSearch',
  related: 'Related',
  articleContents: 'ArticleContents',
  searchStatus: 'SearchStatus',
  searchResults: 'SearchResults',
} as const;
