/**
 * What the bundle's pages take from one article, made as one unit of the build cache: its page and its
 * groups of back-links for the glossary and the indexes. The unit's inputs are
 * the article (by digest) and the little it shows of the rest of the book — the glossary entries of its
 * terms, its neighbours' and related articles' titles and files, the shell — so when one article changes,
 * only its own unit (and those of articles that show its title) is made again.
 */
import type { Article, GlossaryEntry } from '../../ir.js';
import { termDigests, termKeys, termsOf } from '../hast/index.js';
import type { Diagnostic } from '../../diagnostics.js';
import { sha256 } from '../../output.js';
import { collecting, readBytes, storeText, type RenderContext, type Reported } from '../index.js';
import type { Labels } from './labels.js';
import { backlinkFragment, type BacklinkItem } from './occurrences.js';
import { articlePage, type ArticleLink, type ArticlePageInput, type RelatedLink } from './pages/article-page.js';
import { serialize } from './serialize.js';
import type { Shell, Site } from './site.js';

export const ARTICLE_UNIT = 'html-article';
/** An article's page file, a unit of its own keyed by its SHA-256: read only when the file is written. */
export const PAGE_UNIT = 'html-page';

export interface ArticleUnit {
  /** The SHA-256 of the page file (its UTF-8 bytes); the file itself is the PAGE_UNIT of that hash. */
  page: Reported<string>;
  /** One serialised group per back-link item, in the order of the inputs (`storeText`). */
  backlinks: Array<Reported<string>>;
}

/** Pages made in this render, by their SHA-256: a page made here is not read back from the cache. */
export type MadePages = Map<string, string>;

/** What a unit is made from; in the cache key the article is replaced by its digest. */
interface UnitInputs extends Omit<ArticlePageInput, 'article'> {
  shell: Shell;
  file: string;
  backlinks: BacklinkItem[];
}

/** Lookups over the whole book, made once per render for all the units' inputs. */
export interface BookIndex {
  glossary: Map<string, GlossaryEntry>;
  /** `termDigests` of the glossary: the entries in a unit's key. */
  termDigests: Map<string, string>;
  documents: Map<string, { id: string; title: string }>;
}

export function bookIndex(site: Site): BookIndex {
  const glossary = new Map(site.root.data.glossary.map((g) => [g.id, g]));
  return {
    glossary,
    termDigests: termDigests(glossary),
    documents: new Map(site.root.data.documents.map((d) => [d.id, d])),
  };
}

/** The unit of the article at `index`, whose digest and glossary entries (`ArticleFacts.terms`) are given. */
export function articleUnit(context: RenderContext, site: Site, book: BookIndex, index: number, digest: string, terms: readonly string[], backlinks: BacklinkItem[], made: MadePages): Promise<ArticleUnit> {
  const article = site.root.children[index]!;
  const inputs = unitInputs(site, book, index, terms, backlinks);
  return context.memo(ARTICLE_UNIT, { ...inputs, glossary: termKeys(inputs.glossary, book.termDigests), article: digest }, () => makeUnit(context, site.labels, article, inputs, made));
}

/**
 * The page file of the article at `index` whose unit gave its hash: made in this render, or read from the
 * cache, or (its entry gone) made again from the same inputs.
 */
export async function articlePageFile(context: RenderContext, site: Site, book: BookIndex, index: number, terms: readonly string[], backlinks: BacklinkItem[], hash: string, made: MadePages): Promise<Uint8Array> {
  const page = made.get(hash);
  if (page !== undefined) return Buffer.from(page, 'utf8');
  const stored = await context.memo(PAGE_UNIT, { page: hash }, async () => {
    const inputs = unitInputs(site, book, index, terms, backlinks);
    return storeText(pageOf(site.labels, site.root.children[index]!, inputs, () => {}).text);
  });
  return readBytes(stored);
}

function unitInputs(site: Site, book: BookIndex, index: number, terms: readonly string[], backlinks: BacklinkItem[]): UnitInputs {
  const article = site.root.children[index]!;
  const link = (other: Article | undefined): ArticleLink | null => (other ? { file: site.files.get(other.id)!, title: other.data.title } : null);
  return {
    shell: site.shell,
    file: site.files.get(article.id)!,
    glossary: termsOf(terms, book.glossary),
    related: article.data.related.map((rel): RelatedLink => {
      const other = site.articles.get(rel.articleId);
      if (!other) return { missing: rel.articleId };
      return {
        file: site.files.get(other.id)!,
        title: other.data.title,
        terms: rel.sharedTerms.flatMap((id) => {
          const g = book.glossary.get(id);
          return g ? [{ id: g.id, term: g.term }] : [];
        }),
        documents: rel.sharedDocuments.flatMap((id) => {
          const d = book.documents.get(id);
          return d ? [{ id: d.id, title: d.title }] : [];
        }),
      };
    }),
    previous: link(site.root.children[index - 1]),
    next: link(site.root.children[index + 1]),
    backlinks,
  };
}

function pageOf(labels: Labels, article: Article, inputs: UnitInputs, report: (d: Diagnostic) => void): { text: string; ids: ReadonlySet<string> } {
  const made = articlePage(inputs.shell, labels, { ...inputs, article }, report);
  return { text: serialize(made.tree), ids: made.ids };
}

async function makeUnit(context: RenderContext, labels: Labels, article: Article, inputs: UnitInputs, made: MadePages): Promise<ArticleUnit> {
  let ids: ReadonlySet<string> = new Set();
  const page = await collecting((report) => {
    const one = pageOf(labels, article, inputs, report);
    ids = one.ids;
    const hash = sha256(one.text);
    made.set(hash, one.text);
    return hash;
  });
  await context.memo(PAGE_UNIT, { page: page.value }, () => storeText(made.get(page.value)!));
  const self = { id: article.id, title: article.data.title, file: inputs.file, sourceFile: article.data.sourceFile, ids };
  const backlinks: Array<Reported<string>> = [];
  for (const item of inputs.backlinks) backlinks.push(await collecting((report) => storeText(backlinkFragment(labels, self, item, report))));
  return { page, backlinks };
}
