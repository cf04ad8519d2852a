/**
 * What every page of the bundle needs to know about the book: the edition's labels and language, where
 * each article's page is, and how terms render (a glossary link with a tooltip).
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { Article, BookMeta, Lang, Root, Script } from '../../ir.js';
import type { GlossaryTerm, HastOptions } from '../hast/index.js';
import { labelsFor, type Labels } from './labels.js';
import { articleFiles, PAGES } from './paths.js';

export const SOURCE = 'render:html';

/** What the page shell shows on every page (and so what every page depends on). */
export interface Shell {
  script: Script;
  lang: Lang;
  book: Pick<BookMeta, 'title' | 'compiler' | 'date'>;
}

export interface Site {
  root: Root;
  shell: Shell;
  labels: Labels;
  /** article id → page file name */
  files: Map<string, string>;
  articles: Map<string, Article>;
  report(d: Diagnostic): void;
}

export function createSite(root: Root, report: (d: Diagnostic) => void): Site {
  const { title, compiler, date } = root.data.book;
  return {
    root,
    shell: { script: root.data.script, lang: root.data.lang, book: { title, compiler, date } },
    labels: labelsFor(root.data.script),
    files: articleFiles(root.children),
    articles: new Map(root.children.map((a) => [a.id, a])),
    report,
  };
}

export function hastOptions(labels: Labels, glossary: readonly GlossaryTerm[], report: (d: Diagnostic) => void): HastOptions {
  return {
    source: SOURCE,
    report,
    glossary,
    term: { mode: 'tooltip', href: (entry) => `${PAGES.glossary}#${entry.id}` },
    headingOffset: 1,
    selfLinks: { heading: labels.headingLink, paragraph: labels.paragraphLink },
  };
}
