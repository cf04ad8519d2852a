/**
 * The EPUB 3 renderer: IR → `compendium.epub`. Cover, title page, navigation (articles with their
 * sections, landmarks), one chapter per article with its term notes, the glossary and the index of cited
 * documents; packaged by epub-gen-memory with our templates, reproducibly (see package.ts).
 *
 * Work is done per article where it can be (chapter-unit.ts: the chapter, deflated, and its back-links
 * for the glossary and the index), so a rebuild after one article changed reuses the others' from the
 * build cache; the cover and the documents about the whole book are reused when they come out the same.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Element, ElementContent } from 'hast';
import { diagnostic } from '../../diagnostics.js';
import type { BookMeta } from '../../ir.js';
import { sha256 } from '../../output.js';
import { articleFacts } from '../article-facts.js';
import { termDigests } from '../hast/index.js';
import { memoText, readBytes, type OutputFile, type Renderer, type RenderContext } from '../index.js';
import { chapterUnit } from './chapter-unit.js';
import type { CoverArt } from './cover-art.js';
import { citedIndexBody } from './documents/cited-index.js';
import { coverBody } from './documents/cover.js';
import { glossaryBody } from './documents/glossary.js';
import { navBody } from './documents/nav.js';
import { joinGroups, occurrenceGroup, occurrenceGroups, type OccurrenceGroup } from './documents/occurrences.js';
import { titlePageBody } from './documents/title-page.js';
import { labelsFor, type Labels } from './labels.js';
import { packageMeta } from './metadata.js';
import { packageEpub, packDocument, packEntry, type EpubDocument, type PackedEntry } from './package.js';
import { FILES, planBook, type Plan } from './plan.js';
import { landmarks, ncxPoints, tableOfContents } from './toc.js';
import { reuseBytes, toXhtml, toXhtmlBytes } from './xhtml.js';

export const EPUB_FILE = 'compendium.epub';

const TEMPLATE = 'chapter.xhtml.ejs';
const NAV_UNIT = 'epub-nav';

export const renderEpub: Renderer = async (root, context) => {
  const report = context.report;
  const labels = labelsFor(root.data.script);
  const plan = planBook(root);
  const book = root.data.book;
  const lang = root.data.lang;
  const template = await readFile(join(context.options.templatesDir, 'epub', TEMPLATE), 'utf8');
  const backMatter = { glossary: root.data.glossary.length > 0, documents: root.data.documents.length > 0 || root.data.events.length > 0 };

  // Each entry's back-links, grouped by article; the groups of an article are made with its chapter.
  const backlinks = {
    glossary: root.data.glossary.map((g) => occurrenceGroups(g.occurrences, { plan, labels, target: 'node' })),
    documents: root.data.documents.map((d) => occurrenceGroups(d.occurrences, { plan, labels, target: 'block', epubType: 'index-locator' })),
    events: root.data.events.map((e) => occurrenceGroups(e.occurrences, { plan, labels, target: 'block' })),
  };
  const groupsOf = new Map<string, OccurrenceGroup[]>();
  for (const entries of Object.values(backlinks)) {
    for (const groups of entries) {
      for (const group of groups) {
        if (!plan.hasArticle(group.articleId)) continue;
        const list = groupsOf.get(group.articleId);
        if (list) list.push(group);
        else groupsOf.set(group.articleId, [group]);
      }
    }
  }
  // Titles resolve to an id's first article (plan.titleOf), so that one makes the id's back-links.
  const firstOf = new Map<string, number>();
  root.children.forEach((article, i) => void (firstOf.has(article.id) || firstOf.set(article.id, i)));
  const glossary = new Map(root.data.glossary.map((g) => [g.id, g]));
  const digests = termDigests(glossary);

  const facts = await articleFacts(context, root.children);
  const chapters = await Promise.all(
    root.children.map((article, i) =>
      chapterUnit(context, { article, digest: context.digest(article), root, glossary, termDigests: digests, terms: facts[i]!.terms, plan, labels, template, groups: firstOf.get(article.id) === i ? (groupsOf.get(article.id) ?? []) : [] }),
    ),
  );
  const made = new Map<OccurrenceGroup, string | null>();
  root.children.forEach((article, i) => {
    const unit = chapters[i]!;
    unit.messages.forEach(report);
    if (firstOf.get(article.id) === i) (groupsOf.get(article.id) ?? []).forEach((group, g) => made.set(group, unit.backlinks[g]!));
  });
  const links = (entries: OccurrenceGroup[][]): ElementContent[][] => entries.map((groups) => joinGroups(groups.map((group) => groupContent(group, made, plan, labels))));

  const documents: EpubDocument[] = [
    await documentOf(context, template, lang, { id: 'cover', filename: FILES.cover, title: labels.cover, beforeToc: true }, coverBody(book, labels)),
    await documentOf(context, template, lang, { id: 'titlepage', filename: FILES.titlePage, title: book.title, beforeToc: true }, titlePageBody(root, labels)),
  ];
  root.children.forEach((article, i) => {
    documents.push({ id: `chapter-${plan.pageId(article.id)}`, filename: plan.chapterFile(article.id), title: plan.titleOf(article.id), body: chapters[i]!.entry, beforeToc: false });
  });
  if (backMatter.glossary) {
    documents.push(await documentOf(context, template, lang, { id: 'glossary', filename: FILES.glossary, title: labels.glossary, beforeToc: false }, glossaryBody(root, plan, labels, links(backlinks.glossary))));
  }
  if (backMatter.documents) {
    const body = citedIndexBody(root, plan, labels, { documents: links(backlinks.documents), events: links(backlinks.events) });
    documents.push(await documentOf(context, template, lang, { id: 'documents', filename: FILES.documents, title: labels.documents, beforeToc: false }, body));
  }

  const entries = tableOfContents(root, facts, plan, labels, backMatter);
  const marks = landmarks(root, plan, labels, backMatter);
  // The navigation document's body (the contents: every article's title and headings), made again only
  // when they or the landmarks change: serialising it took ~0.09 s of a 200-article rebuild.
  const nav = await memoText(context, NAV_UNIT, { entries, marks, labels }, () => toXhtml(navBody(entries, marks, labels)));
  const cover = await coverUnit(context, labels, book);
  if (cover.art.missing.length > 0) {
    report(diagnostic('warning', 'render:epub', 'cover-missing-glyphs', `Unexpected characters without a glyph in the cover font: ${cover.art.missing.join(' ')}, expected characters of Noto Serif SC; they show as boxes on the cover`));
  }

  const data = await packageEpub({
    meta: packageMeta(root, context.options.sourceDateEpoch, { glossary: backMatter.glossary, index: backMatter.documents }),
    documents,
    navTitle: labels.contents,
    navBody: Buffer.from(nav.buffer, nav.byteOffset, nav.byteLength).toString('utf8'),
    ncx: ncxPoints(entries),
    css: await readFile(join(context.options.templatesDir, 'epub', FILES.stylesheet), 'utf8'),
    coverSvg: cover.art.svg,
    coverPacked: cover.packed,
    templatesDir: context.options.templatesDir,
    sourceDateEpoch: context.options.sourceDateEpoch,
    // The navigation, NCX and OPF list every article: reused while they come out the same.
    pack: (content) => context.memo('epub-entry', { content: sha256(content) }, () => packEntry(content)),
  });
  const out: OutputFile = { path: EPUB_FILE, data };
  return [out];
};

/** A group as its chapter made it; one in an article the book does not have is made here (and fails if it has links, as a link to nowhere would). */
function groupContent(group: OccurrenceGroup, made: ReadonlyMap<OccurrenceGroup, string | null>, plan: Plan, labels: Labels): ElementContent | null {
  if (made.has(group)) {
    const stored = made.get(group)!;
    return stored === null ? null : reuseBytes(readBytes(stored));
  }
  return group.hrefs.length === 0 ? null : occurrenceGroup(group, plan.titleOf(group.articleId), labels);
}

/**
 * A document about the whole book (cover page, title page, glossary, index), packed: the deflate is
 * reused while the document's text stays the same (its SHA-256 is the unit's input). Made as UTF-8 bytes
 * with the chapters' back-links put in undecoded (toXhtmlBytes): the glossary's 1.4 MB were decoded,
 * spliced, and encoded twice more as a text.
 */
async function documentOf(context: RenderContext, template: string, lang: string, doc: Omit<EpubDocument, 'body'>, body: Element): Promise<EpubDocument> {
  const full = { ...doc, body: toXhtmlBytes(body) };
  const packed = await context.memo('epub-document', { template, lang, doc, body: sha256(full.body) }, () => packDocument(template, lang, full));
  return { ...doc, body: packed };
}

/** The cover image: glyph outlines of the title drawn once per title (fontkit, slow to load, loaded only then), and packed. */
function coverUnit(context: RenderContext, labels: Labels, book: BookMeta): Promise<{ art: CoverArt; packed: PackedEntry }> {
  const text = {
    title: book.title,
    subtitle: book.subtitle,
    compiler: book.compiler ? `${book.compiler} ${labels.compiledBy}` : null,
    footer: book.date ? book.date.slice(0, 4) : null,
    label: `${labels.coverImage}${book.title}`,
  };
  return context.memo('epub-cover', text, async () => {
    const art = (await import('./cover-art.js')).coverArt(text);
    return { art, packed: packEntry(art.svg) };
  });
}
