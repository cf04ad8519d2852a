/**
 * The EPUB 3 renderer: IR → `compendium.epub`. Cover, title page, navigation (articles with their
 * sections, landmarks), one chapter per article with its term notes, the glossary and the index of cited
 * documents; packaged by epub-gen-memory with our templates, reproducibly (see package.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Element } from 'hast';
import { diagnostic } from '../../diagnostics.js';
import type { Root } from '../../ir.js';
import type { OutputFile, Renderer } from '../index.js';
import { coverArt } from './cover-art.js';
import { chapterBody } from './documents/chapter.js';
import { citedIndexBody } from './documents/cited-index.js';
import { coverBody } from './documents/cover.js';
import { glossaryBody } from './documents/glossary.js';
import { navBody } from './documents/nav.js';
import { titlePageBody } from './documents/title-page.js';
import { labelsFor } from './labels.js';
import { packageMeta } from './metadata.js';
import { packageEpub, type EpubDocument } from './package.js';
import { FILES, planBook } from './plan.js';
import { landmarks, ncxPoints, tableOfContents } from './toc.js';
import { toXhtml } from './xhtml.js';

export const EPUB_FILE = 'compendium.epub';

export const renderEpub: Renderer = async (root, context) => {
  const report = context.report;
  const labels = labelsFor(root.data.script);
  const plan = planBook(root);
  const book = root.data.book;
  const backMatter = { glossary: root.data.glossary.length > 0, documents: root.data.documents.length > 0 || root.data.events.length > 0 };

  const doc = (id: string, filename: string, title: string, body: Element, beforeToc = false): EpubDocument => ({ id, filename, title, body: toXhtml(body), beforeToc });
  const documents: EpubDocument[] = [
    doc('cover', FILES.cover, labels.cover, coverBody(book, labels), true),
    doc('titlepage', FILES.titlePage, book.title, titlePageBody(root, labels), true),
  ];
  for (const article of root.children) {
    const chapter = chapterBody(article, root, plan, labels, report);
    documents.push(doc(`chapter-${plan.pageId(article.id)}`, plan.chapterFile(article.id), plan.titleOf(article.id), chapter.body));
  }
  if (backMatter.glossary) documents.push(doc('glossary', FILES.glossary, labels.glossary, glossaryBody(root, plan, labels)));
  if (backMatter.documents) documents.push(doc('documents', FILES.documents, labels.documents, citedIndexBody(root, plan, labels)));

  const entries = tableOfContents(root, plan, labels, backMatter);
  const art = coverArt({
    title: book.title,
    subtitle: book.subtitle,
    compiler: book.compiler ? `${book.compiler} ${labels.compiledBy}` : null,
    footer: book.date ? book.date.slice(0, 4) : null,
    label: `${labels.coverImage}${book.title}`,
  });
  if (art.missing.length > 0) {
    report(diagnostic('warning', 'render:epub', 'cover-missing-glyphs', `Unexpected characters without a glyph in the cover font: ${art.missing.join(' ')}, expected characters of Noto Serif SC; they show as boxes on the cover`));
  }

  const data = await packageEpub({
    meta: packageMeta(root, context.options.sourceDateEpoch, { glossary: backMatter.glossary, index: backMatter.documents }),
    documents,
    navTitle: labels.contents,
    navBody: toXhtml(navBody(entries, landmarks(root, plan, labels, backMatter), labels)),
    ncx: ncxPoints(entries),
    css: await readFile(join(context.options.templatesDir, 'epub', FILES.stylesheet), 'utf8'),
    coverSvg: art.svg,
    templatesDir: context.options.templatesDir,
    sourceDateEpoch: context.options.sourceDateEpoch,
  });
  const out: OutputFile = { path: EPUB_FILE, data };
  return [out];
};

