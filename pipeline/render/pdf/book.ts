/**
 * The whole book laid out: cover, title page and its back, contents, the articles (each from a right-hand
 * page), glossary and index. Each article is laid out once, on pages of its own (article-layout.ts: the
 * unit the build cache keeps), and placed in the book as it is. Page numbers are only known after layout,
 * so the parts that print them — contents, related articles, glossary, index — are laid out again with
 * the numbers of the pass before until every printed reference stays the same (two or three passes);
 * running heads and folios are added to the final pages.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { Article, Root } from '../../ir.js';
import { toTraditional } from '../../script.js';
import { articleLayout, articleSection, articleState, termsByArticle, type ArticleContext } from './article-layout.js';
import { articleTitles, relatedArticles, relatedBlocks, relatedKeepHeight } from './handlers/article.js';
import type { Metrics } from './layout/atoms.js';
import { Flow, type LayoutCache, type SectionEnd, type SectionPlan, type SectionStart } from './layout/flow.js';
import { FlowAnchors, type Anchors } from './layout/anchors.js';
import type { TextBlock, PageModel } from './layout/types.js';
import { bookIndex } from './sections/book-index.js';
import { contents, contentsEntries, type ContentsEntry } from './sections/contents.js';
import type { BookContext } from './sections/context.js';
import { colophon, cover, titlePage } from './sections/cover.js';
import { glossary } from './sections/glossary.js';
import { decorate } from './sections/running-heads.js';
import type { Geometry, PdfStyle } from './style.js';
import { linkSlots, type FlowLayout, type Units } from './units.js';

export interface BookLayout {
  pages: PageModel[];
  anchors: Anchors;
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
  /** The build cache, for the articles' and sections' layouts. */
  units: Units;
  /** `RenderContext.contentDigest`. */
  contentDigest(article: Article): string;
}

const MAX_PASSES = 5;
/** Printed where a page number is not known yet (first pass): two digits wide. */
const PLACEHOLDER = '00';

/** The body of the book — articles, glossary, index — on pages numbered from 0 (a right-hand page), page n labelled n + 1. */
interface Body {
  pages: PageModel[];
  anchors: Anchors;
}

function labelIn(body: Body, anchor: string): string | null {
  const place = body.anchors.get(anchor);
  return place ? String(place.page + 1) : null;
}

export async function layoutBook(input: LayoutInput): Promise<BookLayout> {
  const { root, style } = input;
  const article: ArticleContext = {
    root,
    style,
    geometry: input.geometry,
    metrics: input.metrics,
    label: labeller(style, root),
    titles: articleTitles(root),
    contentDigest: input.contentDigest,
    knownTerms: termsByArticle(root),
  };
  const articles = new Map<string, FlowLayout>();
  // Asked for all at once: reading them from the cache is mostly waiting on the disk.
  const own = await Promise.all(root.children.map((a) => articleLayout(a, article, input.units)));
  root.children.forEach((a, i) => articles.set(a.id, own[i]!));
  // Line layouts of the sections laid out anew, shared by the passes.
  const cache: LayoutCache = new Map();
  const newFlow = (): Flow => new Flow(input.geometry, input.metrics, cache);
  // The body is laid out again with the page numbers of the pass before until those it prints stay the
  // same; the first pass takes them from the articles' own layouts. That first pass only sizes the
  // book: the articles and their related lists decide where every page the book prints falls, so the
  // glossary and the index (long, and printing thousands of page numbers) are laid out from the second
  // pass on, with numbers that are then right, instead of once more with guesses first.
  const estimates = estimatedLabels(input, article.titles, articles);
  let previous: Body | null = null;
  let body: Body | null = null;
  // Messages are only kept from the last pass, so each is reported once.
  let messages: Diagnostic[] = [];
  let passes = 0;
  while (passes < MAX_PASSES) {
    passes++;
    const sizing = passes === 1;
    const printed = new Map<string, string | null>();
    const last: Body | null = previous;
    const pageOf = (anchor: string): string | null => {
      const page = last ? labelIn(last, anchor) : (estimates(anchor) ?? PLACEHOLDER);
      printed.set(anchor, page);
      return page;
    };
    messages = [];
    const made: Body = await composeBody(input, article, articles, newFlow, pageOf, (d) => messages.push(d), !sizing);
    body = made;
    if (!sizing && [...printed].every(([anchor, page]) => labelIn(made, anchor) === page)) break;
    if (passes === MAX_PASSES) input.report(diagnostic('warning', 'render:pdf', 'page-references-unstable', `Unexpected page references still moving after ${MAX_PASSES} layout passes, expected them to settle; some printed page numbers may be off by one`));
    previous = made;
  }
  // The front matter, its contents with the body's page numbers (arabic from the body's first page, so
  // however long the front matter turns out, they stay right).
  const done: Body = body!;
  const flow = newFlow();
  const ctx: BookContext = { root, style, geometry: input.geometry, flow, label: article.label, pageOf: (anchor) => labelIn(done, anchor), report: (d) => messages.push(d) };
  const entries = contentsEntries(root, article.label, (a) => articles.get(a.id)!.outline ?? []);
  cover(ctx);
  titlePage(ctx);
  colophon(ctx);
  await placeSection(flow, contents(ctx, entries), input.units, newFlow);
  const bodyStart = flow.appendBody(done.pages, done.anchors);
  const labels = flow.pages.map((p) => (p.index < bodyStart ? roman(p.index + 1) : String(p.index - bodyStart + 1)));
  const seen = new Set<string>();
  for (const d of [...[...articles.values()].flatMap((a) => a.messages), ...messages]) {
    const key = JSON.stringify(d);
    if (!seen.has(key)) input.report(d);
    seen.add(key);
  }
  await decorate(flow.pages, flow.pages.map((p, i) => (p.blank ? null : labels[i]!)), root.data.book.title, style, input.geometry, input.units, newFlow);
  return { pages: flow.pages, anchors: flow.anchors, labels, bodyStart, contents: entries, passes };
}

export function labelOf(layout: BookLayout, anchor: string): string | null {
  const place = layout.anchors.get(anchor);
  return place ? layout.labels[place.page]! : null;
}

/** The articles, each followed by its related list, then (with `sections`) the glossary and the index. */
async function composeBody(
  input: LayoutInput,
  article: ArticleContext,
  articles: ReadonlyMap<string, FlowLayout>,
  newFlow: () => Flow,
  pageOf: (anchor: string) => string | null,
  report: (d: Diagnostic) => void,
  sections: boolean,
): Promise<Body> {
  const { root, style, geometry, units } = input;
  const flow = newFlow();
  const ctx: BookContext = { root, style, geometry, flow, label: article.label, pageOf, report, refs: new Map() };
  // Every part is asked for at once (see above), then placed in order.
  const related = root.children.map((a) => {
    const blocks = relatedBlocks(articleState(article, a, report, pageOf), a, article.titles);
    const own = articles.get(a.id)!;
    return blocks.length > 0 ? continuedLayout(RELATED_UNIT, articleSection(a), blocks, Flow.isRecto(own.pages.length - 1), own.end, units, newFlow) : null;
  });
  const parts = sections ? [glossary(ctx), bookIndex(ctx)].filter((p): p is SectionPlan => p !== null).map((plan) => [plan, partedSectionLayout(plan, units, newFlow)] as const) : [];
  for (const [i, a] of root.children.entries()) {
    const own = articles.get(a.id)!;
    flow.appendSection(articleSection(a), own.pages, own.anchors, own.end);
    const after = await related[i];
    if (after) flow.appendContinuation(after.pages, Flow.continuedPage(Flow.isRecto(own.pages.length - 1)), after.anchors, after.end);
  }
  for (const [plan, layout] of parts) {
    const own = await layout;
    flow.appendSection(plan.start, own.pages, own.anchors, own.end);
  }
  return { pages: flow.pages, anchors: flow.anchors };
}

/** A section (contents, glossary, index) laid out on pages of its own, from the cache when its blocks are. */
function sectionLayout(plan: SectionPlan, units: Units, newFlow: () => Flow): Promise<FlowLayout> {
  const { key, targets } = linkSlots(plan.blocks, [plan.start, plan.columns ?? null]);
  return units.flow(
    'pdf-section',
    { plan: key },
    () => {
      const f = newFlow();
      f.placeSection(plan);
      return { pages: f.pages, anchors: f.anchors, end: f.end, messages: [] };
    },
    { targets, paintFrom: 0 },
  );
}

/** Blocks of a part of a section laid out in parts (see partedSectionLayout), at least. */
const PART_BLOCKS = 24;
/** The cache unit of such a part after the first (the first is the section's own unit). */
export const SECTION_PART_UNIT = 'pdf-section-part';
/** The cache unit of an article's related list. */
const RELATED_UNIT = 'pdf-related';

/**
 * A section (the glossary, the index) laid out in parts that the build cache keeps one by one, each going
 * on from where the one before it ended (as an article's related list goes on from the article), in its
 * column. An edit that changes a few of the page numbers they print (an article's text moving down its
 * pages) sets again only the parts holding those entries, and those after them whose start moved, instead
 * of both sections whole: ~0.25 s of a rebuild, most of it code running for the first time. A part ends
 * after a block that does not keep with the next, so no rule looks across: placing is as in one flow.
 */
async function partedSectionLayout(plan: SectionPlan, units: Units, newFlow: () => Flow): Promise<FlowLayout> {
  const [first, ...rest] = sectionParts(plan.blocks);
  if (!first || rest.length === 0 || first.length < (plan.columns?.from ?? 0)) return sectionLayout(plan, units, newFlow);
  // The parts after the first go on in the section's columns.
  const start = plan.columns ? { ...plan.start, columns: plan.columns.count, columnGap: plan.columns.gap } : plan.start;
  const whole = newFlow();
  const opening = await sectionLayout({ ...plan, blocks: first }, units, newFlow);
  whole.appendSection(start, opening.pages, opening.anchors, opening.end);
  for (const blocks of rest) {
    // The page it goes on, in the section's own numbering (its first page is a right-hand one).
    const recto = Flow.isRecto(whole.pages.length - 1);
    const part = await continuedLayout(SECTION_PART_UNIT, start, blocks, recto, whole.end, units, newFlow, true);
    whole.appendContinuation(part.pages, Flow.continuedPage(recto), part.anchors, part.end);
  }
  return { pages: whole.pages, anchors: whole.anchors, end: whole.end, messages: [] };
}

/** Blocks in runs of PART_BLOCKS or a few more, each ending with a block that does not keep with the next. */
function sectionParts(blocks: readonly TextBlock[]): TextBlock[][] {
  const parts: TextBlock[][] = [];
  let part: TextBlock[] = [];
  for (const block of blocks) {
    part.push(block);
    if (part.length >= PART_BLOCKS && !block.format.keepWithNext) {
      parts.push(part);
      part = [];
    }
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

async function placeSection(flow: Flow, plan: SectionPlan, units: Units, newFlow: () => Flow): Promise<void> {
  const own = await sectionLayout(plan, units, newFlow);
  flow.appendSection(plan.start, own.pages, own.anchors, own.end);
}

/**
 * Blocks set on from where a flow ended (`end`, on its last page, a right-hand one if `recto`): an
 * article's related list, a part of the glossary or the index. Its first page is that last page
 * (`Flow.continuedPage`); with `paint`, the pages after it are kept painted.
 */
function continuedLayout(unit: string, start: SectionStart, blocks: TextBlock[], recto: boolean, end: SectionEnd, units: Units, newFlow: () => Flow, paint = false): Promise<FlowLayout> {
  const { key, targets } = linkSlots(blocks, start);
  return units.flow(
    unit,
    { blocks: key, recto, end },
    () => {
      const f = newFlow();
      f.continueSection(start, recto, end);
      f.place(blocks);
      return { pages: f.pages, anchors: f.anchors, end: f.end, messages: [] };
    },
    paint ? { targets, paintFrom: Flow.continuedPage(recto) + 1 } : { targets },
  );
}

/**
 * The page labels the first pass prints: each article's pages counted on from the one before, with a
 * page more where its related list will not fit below it, the next starting on a right-hand page;
 * elsewhere a placeholder. Close guesses save a pass: the glossary and index take the room they need.
 */
function estimatedLabels(input: LayoutInput, titles: ReadonlyMap<string, string>, articles: ReadonlyMap<string, FlowLayout>): (anchor: string) => string | undefined {
  const starts: Array<[FlowLayout, number]> = [];
  let start = 0;
  for (const a of input.root.children) {
    const own = articles.get(a.id)!;
    starts.push([own, start]);
    const related = relatedKeepHeight(input.style, relatedArticles(titles, a).length);
    const pages = own.pages.length + (related > 0 && own.end.y + related > input.geometry.textHeight ? 1 : 0);
    start += pages + (pages % 2);
  }
  // Taken over as a body takes them (by reference, by section): the sizing pass asks for an anchor of
  // every related article, and asking each article in turn cost ~25 ms.
  const anchors = new FlowAnchors();
  for (const [own, first] of starts) anchors.takeOver(own.anchors, first);
  return (anchor) => {
    const place = anchors.get(anchor);
    return place ? String(place.page + 1) : undefined;
  };
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
