/**
 * The whole book laid out: cover, title page and its back, contents, the articles (each from a right-hand
 * page), glossary and index. Page numbers are only known after layout, so the book is laid out again with
 * the numbers of the pass before until every printed reference stays the same (two or three passes).
 */
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { Article, Node, Parent, Root } from '../../ir.js';
import { toTraditional } from '../../script.js';
import { articleAnchor } from './handlers/article.js';
import { handlers, unknown } from './handlers/index.js';
import { blocksOf, type Piece, type State } from './handlers/state.js';
import type { Metrics, TextStyle } from './layout/atoms.js';
import { Flow, type SetText } from './layout/flow.js';
import type { AnchorPlace, PageModel, StructRef } from './layout/types.js';
import { bookIndex } from './sections/book-index.js';
import { contents, contentsEntries, type ContentsEntry } from './sections/contents.js';
import type { BookContext } from './sections/context.js';
import { colophon, cover, titlePage } from './sections/cover.js';
import { glossary } from './sections/glossary.js';
import { decorate } from './sections/running-heads.js';
import { textStyle, type Geometry, type PdfStyle } from './style.js';

export interface BookLayout {
  pages: PageModel[];
  anchors: Map<string, AnchorPlace>;
  /** Page label of every page (roman in the front matter, arabic from the first article). */
  labels: string[];
  /** Index of the first article page, where arabic numbering starts at 1. */
  bodyStart: number;
  contents: ContentsEntry[];
  passes: number;
}

export interface LayoutInput {
  root: Root;
  style: PdfStyle;
  geometry: Geometry;
  metrics: Metrics;
  report(d: Diagnostic): void;
}

const MAX_PASSES = 5;
/** Printed where a page number is not known yet (first pass): two digits wide. */
const PLACEHOLDER = '00';

export function layoutBook(input: LayoutInput): BookLayout {
  const cache = new Map<string, SetText>();
  let previous: BookLayout | null = null;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const printed = new Map<string, string | null>();
    const pageOf = (anchor: string): string | null => {
      const page = previous ? labelOf(previous, anchor) : PLACEHOLDER;
      printed.set(anchor, page);
      return page;
    };
    // Messages are only kept from the last pass, so each is reported once.
    const messages: Diagnostic[] = [];
    const layout = composeBook({ ...input, report: (d) => messages.push(d) }, cache, pageOf, pass);
    const stable = [...printed].every(([anchor, page]) => labelOf(layout, anchor) === page);
    if (stable || pass === MAX_PASSES) {
      if (!stable) input.report(diagnostic('warning', 'render:pdf', 'page-references-unstable', `Unexpected page references still moving after ${MAX_PASSES} layout passes, expected them to settle; some printed page numbers may be off by one`));
      const seen = new Set<string>();
      for (const d of messages) {
        const key = JSON.stringify(d);
        if (!seen.has(key)) input.report(d);
        seen.add(key);
      }
      return layout;
    }
    previous = layout;
  }
  throw new Error('unreachable');
}

export function labelOf(layout: BookLayout, anchor: string): string | null {
  const place = layout.anchors.get(anchor);
  return place ? layout.labels[place.page]! : null;
}

function composeBook(input: LayoutInput, cache: Map<string, SetText>, pageOf: (anchor: string) => string | null, pass: number): BookLayout {
  const { root, style, geometry } = input;
  const flow = new Flow(geometry, input.metrics, cache);
  const label = labeller(style, root);
  const ctx: BookContext = { root, style, geometry, flow, label, pageOf, report: input.report };
  const entries = contentsEntries(root, label);
  cover(ctx);
  titlePage(ctx);
  colophon(ctx);
  contents(ctx, entries);
  let bodyStart = -1;
  for (const article of root.children) {
    flow.startSection({ section: article.id, title: article.data.title, kind: 'body', recto: true, columns: 1, columnGap: 0 });
    if (bodyStart < 0) bodyStart = flow.page.index;
    const state = articleState(ctx, article);
    flow.place(blocksOf(state.one(article, root)));
    reportMissingGlyphs(ctx, article, input.metrics);
  }
  if (bodyStart < 0) bodyStart = flow.pages.length;
  glossary(ctx);
  bookIndex(ctx);
  const labels = flow.pages.map((p) => (p.index < bodyStart ? roman(p.index + 1) : String(p.index - bodyStart + 1)));
  decorate(flow.pages, flow.pages.map((p, i) => (p.blank ? null : labels[i]!)), root.data.book.title, style, geometry, flow);
  return { pages: flow.pages, anchors: flow.anchors, labels, bodyStart, contents: entries, passes: pass };
}

function articleState(ctx: BookContext, article: Article): State {
  const struct: StructRef = { key: articleAnchor(article.id), role: 'Art', parent: null, title: article.data.title };
  const make = (inline: TextStyle): State => {
    const state: State = {
      style: ctx.style,
      root: ctx.root,
      article,
      struct,
      inline,
      label: ctx.label,
      pageOf: ctx.pageOf,
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
        ctx.report(diagnostic('warning', 'render:pdf', ruleId, message, { file: article.data.sourceFile, line: at?.start.line ?? null, column: at?.start.column ?? null }));
      },
      report: ctx.report,
    };
    return state;
  };
  return make(textStyle(ctx.style, 'body'));
}

/** Characters the fonts cannot show would print as empty boxes: say which and where. */
function reportMissingGlyphs(ctx: BookContext, article: Article, metrics: Metrics & { missing?: (text: string, font: string) => string[] }): void {
  if (!metrics.missing) return;
  const seen = new Set<string>();
  const check = (node: Node): void => {
    const at = 'position' in node ? node.position : undefined;
    if ('value' in node) {
      for (const ch of metrics.missing!(node.value, textStyle(ctx.style, 'body').font)) {
        if (seen.has(ch)) continue;
        seen.add(ch);
        const cp = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        ctx.report(diagnostic('warning', 'render:pdf', 'glyph-missing', `Unexpected character U+${cp} “${ch}” that the body font cannot show, expected text the font covers; it prints as an empty box`, { file: article.data.sourceFile, line: at?.start.line ?? null, column: at?.start.column ?? null }));
      }
    }
    if ('children' in node) for (const child of node.children as Node[]) check(child);
  };
  check(article);
}

/** Labels from the style, `{name}` filled in, in Traditional for a zh-TW edition. */
function labeller(style: PdfStyle, root: Root): (name: string, vars?: Record<string, string | number>) => string {
  return (name, vars = {}) => {
    let text = style.labels[name] ?? name;
    if (root.data.script === 'hant') text = toTraditional(text);
    return text.replace(/\{(\w+)\}/g, (m, key: string) => (key in vars ? String(vars[key]) : m));
  };
}

export function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, digits] of table) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}
