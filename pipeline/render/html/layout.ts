/**
 * The page shell shared by every page: head, skip link, site header (title, navigation, search box),
 * main content and footer. Only assets of the bundle are referenced, so it works from a folder offline.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { chineseDate } from '../dates.js';
import { ASSETS, CHROME_IDS, PAGES } from './paths.js';
import type { Labels } from './labels.js';
import type { Shell } from './site.js';

export type NavKey = 'index' | 'glossary' | 'documents' | 'events' | 'search';

export interface PageSpec {
  title: string;
  current: NavKey | null;
  main: ElementContent[];
  /** Extra scripts after the site script (the search page). */
  scripts?: string[];
  /** Extra head elements (e.g. prev/next links). */
  head?: Element[];
  bodyClass?: string;
}

export function page(shell: Shell, labels: Labels, spec: PageSpec): Root {
  const book = shell.book;
  const title = spec.current === 'index' ? book.title : `${spec.title} - ${book.title}`;
  const nav: Array<[NavKey, string, string]> = [
    ['index', PAGES.index, labels.contents],
    ['glossary', PAGES.glossary, labels.glossary],
    ['documents', PAGES.documents, labels.documents],
    ['events', PAGES.events, labels.events],
    ['search', PAGES.search, labels.search],
  ];
  const scripts = [ASSETS.site, ...(spec.scripts ?? [])];
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: shell.lang }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'color-scheme', content: 'light dark' }),
          h('title', title),
          h('link', { rel: 'stylesheet', href: ASSETS.style }),
          h('link', { rel: 'icon', type: 'image/svg+xml', href: ASSETS.icon }),
          ...(spec.head ?? []),
          ...scripts.map((src) => h('script', { src, defer: true })),
        ]),
        h('body', { className: spec.bodyClass ? [spec.bodyClass] : undefined }, [
          h('a', { className: ['skip-link'], href: `#${CHROME_IDS.main}` }, labels.skipToContent),
          h('header', { className: ['site-header'] }, [
            h('div', { className: ['site-header-inner'] }, [
              h('a', { className: ['site-title'], href: PAGES.index }, book.title),
              h('nav', { className: ['site-nav'], ariaLabel: labels.siteNavigation }, [
                h(
                  'ul',
                  nav.map(([key, href, text]) => h('li', [h('a', { href, ariaCurrent: key === spec.current ? 'page' : undefined }, text)])),
                ),
              ]),
              searchForm(labels, CHROME_IDS.siteSearch, 'site-search'),
            ]),
          ]),
          h('main', { id: CHROME_IDS.main }, spec.main),
          h('footer', { className: ['site-footer'] }, [
            h('p', [book.title, ...(book.compiler ? [' · ', book.compiler] : []), ...(book.date ? [' · ', chineseDate(book.date)] : [])]),
          ]),
        ]),
      ]),
    ],
  };
}

/** A GET form to the search page: works without a server (file://) and without script until the results. */
export function searchForm(labels: Labels, inputId: string, className: string, value?: string): Element {
  return h('form', { className: [className], role: 'search', action: PAGES.search, method: 'get' }, [
    h('label', { className: ['visually-hidden'], htmlFor: inputId }, labels.searchLabel),
    h('input', { type: 'search', id: inputId, name: 'q', placeholder: labels.searchPlaceholder, autocomplete: 'off', value }),
    h('button', { type: 'submit' }, labels.searchButton),
  ]);
}
