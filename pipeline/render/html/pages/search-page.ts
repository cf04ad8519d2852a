/** The search page: a form, a live status line and the results list, filled by assets/search.js from the index script. */
import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { page, searchForm } from '../layout.js';
import { ASSETS, CHROME_IDS } from '../paths.js';
import type { Site } from '../site.js';

export function searchPage(site: Site): Root {
  const { labels } = site;
  const main: ElementContent[] = [
    h('h1', labels.search),
    searchForm(labels, CHROME_IDS.pageSearch, 'page-search'),
    h('p', { className: ['intro'] }, labels.searchHint),
    h('noscript', [h('p', labels.searchNoScript)]),
    // The script's messages, in the edition's script: placeholders {q} and {n} are filled as text.
    h('p', { id: CHROME_IDS.searchStatus, className: ['search-status'], ariaLive: 'polite', dataEmpty: labels.searchEmpty, dataNone: labels.searchNone, dataCount: labels.searchCount, dataMore: labels.searchMore }),
    h('ol', { id: CHROME_IDS.searchResults, className: ['search-results'] }),
  ];
  return page(site.shell, labels, { title: labels.search, current: 'search', main, scripts: [ASSETS.searchIndex, ASSETS.search], bodyClass: 'search-page' });
}
