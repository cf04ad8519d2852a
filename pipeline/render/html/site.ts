/**
 * What every page of the bundle needs to know about the book: the edition's labels and language, where
 * each article's page is, and how terms render (a glossary link with a tooltip).
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Article, Root } from '../../ir.js';
import type { HastOptions } from '../hast/index.js';
import { labelsFor, type Labels } from './labels.js';
import { articleFiles, PAGES } from './paths.js';

export const SOURCE = 'render:html';

export interface Site {
  root: Root;
  labels: Labels;
  /** article id → page file name */
  files: Map<string, string>;
  articles: Map<string, Article>;
  report(d: Diagnostic): void;
  /** Ids written into each article page, filled as they are rendered; back-links are checked against them. */
  pageIds: Map<string, Set<string>>;
}

export function createSite(root: Root, report: (d: Diagnostic) => void): Site {
  return {
    root,
    labels: labelsFor(root.data.script),
    files: articleFiles(root.children),
    articles: new Map(root.children.map((a) => [a.id, a])),
    report,
    pageIds: new Map(),
  };
}

export function hastOptions(site: Site): HastOptions {
  return {
    source: SOURCE,
    report: site.report,
    glossary: site.root.data.glossary,
    term: { mode: 'tooltip', href: (entry) => `${PAGES.glossary}#${entry.id}` },
    headingOffset: 1,
    selfLinks: { heading: site.labels.headingLink, paragraph: site.labels.paragraphLink },
  };
}
