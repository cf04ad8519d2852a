/**
 * One article laid out on pages of its own: a unit of the build cache. An article starts on a right-hand
 * page, so its title, body and their pagination do not depend on where the book puts it; what does — the
 * page numbers of its related articles, the running heads and folios — book.ts sets around it.
 * Rebuilding a book after one article changed lays out that article only.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { Article, Node, Parent, Root } from '../../ir.js';
import { headingsOf } from '../article-facts.js';
import { articleAnchor, relatedArticles, relatedKeepHeight } from './handlers/article.js';
import { handlers, unknown } from './handlers/index.js';
import { blocksOf, type Piece, type State } from './handlers/state.js';
import type { Metrics, TextStyle } from './layout/atoms.js';
import { Flow, type SectionStart } from './layout/flow.js';
import type { StructRef } from './layout/types.js';
import { textStyle, type Geometry, type PdfStyle } from './style.js';
import { contentHash, type FlowLayout, type OutlineEntry, type Units } from './units.js';

export const ARTICLE_UNIT = 'pdf-article';

export interface ArticleContext {
  root: Root;
  style: PdfStyle;
  geometry: Geometry;
  metrics: Metrics & { missing?(text: string, font: string): string[] };
  label(name: string, vars?: Record<string, string | number>): string;
  /** The articles' titles by id (see articleTitles). */
  titles: ReadonlyMap<string, string>;
  /** `RenderContext.contentDigest`: an article's children, digested without being read again. */
  contentDigest(article: Article): string;
  /** The glossary entries each article uses, by article id (see termsByArticle). */
  knownTerms: ReadonlyMap<string, readonly string[]>;
}

/**
 * Everything an article's layout depends on besides the style, page size, fonts and script (which every
 * unit's key holds): the article's own content — not what enrich worked out from the whole book, such as
 * keywords and related articles, only how many related entries follow, for keeping a last heading with
 * them — and which of its terms the glossary knows. Its children are taken by their digest: a reused
 * layout never needs them parsed (a render thread keeps them as text until then).
 */
export function articleInputs(article: Article, ctx: ArticleContext): Record<string, unknown> {
  const d = article.data;
  const head = { id: article.id, title: d.title, subtitle: d.subtitle, author: d.author, source: d.source, date: d.date, editors: d.editors, sourceFile: d.sourceFile };
  return {
    article: contentHash(head),
    children: ctx.contentDigest(article),
    knownTerms: ctx.knownTerms.get(article.id) ?? [],
    related: relatedArticles(ctx.titles, article).length,
  };
}

/**
 * The glossary entries each article uses, sorted, from the glossary's occurrences (every term node of
 * an article is one of them) instead of walking the articles.
 */
export function termsByArticle(root: Root): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  for (const entry of root.data.glossary) {
    for (const o of entry.occurrences) {
      const set = sets.get(o.articleId);
      if (set) set.add(entry.id);
      else sets.set(o.articleId, new Set([entry.id]));
    }
  }
  return new Map([...sets].map(([id, terms]) => [id, [...terms].sort()]));
}

/** The article's layout, from the build cache when nothing it depends on changed. */
export function articleLayout(article: Article, ctx: ArticleContext, units: Units): Promise<FlowLayout> {
  return units.flow(ARTICLE_UNIT, articleInputs(article, ctx), () => layoutArticle(article, ctx), { paintFrom: 0 });
}

export function layoutArticle(article: Article, ctx: ArticleContext): FlowLayout {
  const messages: Diagnostic[] = [];
  const flow = new Flow(ctx.geometry, ctx.metrics, new Map());
  flow.startSection(articleSection(article));
  const state = articleState(ctx, article, (d) => messages.push(d), () => {
    throw new Error('an article’s own layout cannot depend on page numbers');
  });
  flow.place(blocksOf(state.one(article, ctx.root)), relatedKeepHeight(ctx.style, relatedArticles(ctx.titles, article).length));
  reportMissingGlyphs(ctx, article, (d) => messages.push(d));
  return { pages: flow.pages, anchors: flow.anchors, end: flow.end, messages, outline: articleOutline(article) };
}

/** The article's sections as the contents list them: its top-level headings. */
export function articleOutline(article: Article): OutlineEntry[] {
  return headingsOf(article)
    .filter((h) => h.depth === 1)
    .map((h) => ({ title: h.text.trim(), anchor: h.id }));
}

export function articleSection(article: Article): SectionStart {
  return { section: article.id, title: article.data.title, kind: 'body', recto: true, columns: 1, columnGap: 0 };
}

/** The handlers' state for one article (the mdast-util-to-hast `state`). */
export function articleState(ctx: ArticleContext, article: Article, report: (d: Diagnostic) => void, pageOf: (anchor: string) => string | null): State {
  const struct: StructRef = { key: articleAnchor(article.id), role: 'Art', parent: null, title: article.data.title };
  const make = (inline: TextStyle): State => {
    const state: State = {
      style: ctx.style,
      root: ctx.root,
      article,
      struct,
      inline,
      label: ctx.label,
      pageOf,
      withInline: (style) => make(style),
      one(node: Node, parent: Parent | null): Piece[] {
        const handler = handlers[node.type];
        return handler ? handler(state, node as never, parent) : unknown(state, node);
      },
      all(parent: Parent): Piece[] {
        return (parent.children as Node[]).flatMap((child) => state.one(child, parent));
      },
      warn(node, ruleId, message) {
        const at = 'position' in node ? node.position : undefined;
        report(diagnostic('warning', 'render:pdf', ruleId, message, { file: article.data.sourceFile, line: at?.start.line ?? null, column: at?.start.column ?? null }));
      },
      report,
    };
    return state;
  };
  return make(textStyle(ctx.style, 'body'));
}

/** Characters the fonts cannot show would print as empty boxes: say which and where. */
function reportMissingGlyphs(ctx: ArticleContext, article: Article, report: (d: Diagnostic) => void): void {
  const missing = ctx.metrics.missing?.bind(ctx.metrics);
  if (!missing) return;
  const font = textStyle(ctx.style, 'body').font;
  const seen = new Set<string>();
  const check = (node: Node): void => {
    const at = 'position' in node ? node.position : undefined;
    if ('value' in node) {
      for (const ch of missing(node.value, font)) {
        if (seen.has(ch)) continue;
        seen.add(ch);
        const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        report(diagnostic('warning', 'render:pdf', 'glyph-missing', `Unexpected character U+${cp} “${ch}” that the body font cannot show, expected text the font covers; it prints as an empty box`, { file: article.data.sourceFile, line: at?.start.line ?? null, column: at?.start.column ?? null }));
      }
    }
    if ('children' in node) for (const child of node.children as Node[]) check(child);
  };
  check(article);
}

