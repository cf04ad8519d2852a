/**
 * What the bundle's pages take from one article, made as one unit of the build cache: its page and its
 * groups of back-links for the glossary and the indexes. The unit's inputs are
 * the article (by digest) and the little it shows of the rest of the book — the glossary entries of its
 * terms, its neighbours' and related articles' titles and files, the shell — so when one article changes,
 * only its own unit (and those of articles that show its title) is made again.
 */
import type { Article, GlossaryEntry } from '../../ir.js';
import { termsOf } from '../hast/index.js';
import { collecting, storeText, type RenderContext, type Reported } from '../index.js';
import type { Labels } from './labels.js';
import { backlinkFragment, type BacklinkItem } from './occurrences.js';
import { articlePage, type ArticleLink, type ArticlePageInput, type RelatedLink } from './pages/article-page.js';
import { serialize } from './serialize.js';
import type { Shell, Site } from './site.js';

export const ARTICLE_UNIT = 'html-article';

export interface ArticleUnit {
  /** The page file (`storeText`: it is only copied to the output). */
  page: Reported<string>;
  /** One serialised group per back-link item, in the order of the inputs (`storeText`). */
  backlinks: Array<Reported<string>>;
}

/** What a unit is made from; in the cache key the article is replaced by its digest. */
interface UnitInputs extends Omit<ArticlePageInput, 'article'> {
  shell: Shell;
  file: string;
  backlinks: BacklinkItem[];
}

/** Lookups over the whole book, made once per render for all the units' inputs. */
export interface BookIndex {
  glossary: Map<string, GlossaryEntry>;
  documents: Map<string, { id: string; title: string }>;
}

export function bookIndex(site: Site): BookIndex {
  return {
    glossary: new Map(site.root.data.glossary.map((g) => [g.id, g])),
    documents: new Map(site.root.data.documents.map((d) => [d.id, d])),
  };
}

/** The unit of the article at `index`, whose digest and glossary entries (`ArticleFacts.terms`) are given. */
export function articleUnit(context: RenderContext, site: Site, book: BookIndex, index: number, digest: string, terms: readonly string[], backlinks: BacklinkItem[]): Promise<ArticleUnit> {
  const article = site.root.children[index]!;
  const inputs = unitInputs(site, book, index, terms, backlinks);
  return context.memo(ARTICLE_UNIT, { ...inputs, article: digest }, () => makeUnit(site.labels, article, inputs));
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

async function makeUnit(labels: Labels, article: Article, inputs: UnitInputs): Promise<ArticleUnit> {
  let ids: ReadonlySet<string> = new Set();
  const page = await collecting((report) => {
    const made = articlePage(inputs.shell, labels, { ...inputs, article }, report);
    ids = made.ids;
    return storeText(serialize(made.tree));
  });
  const self = { id: article.id, title: article.data.title, file: inputs.file, sourceFile: article.data.sourceFile, ids };
  const backlinks: Array<Reported<string>> = [];
  for (const item of inputs.backlinks) backlinks.push(await collecting((report) => storeText(backlinkFragment(labels, self, item, report))));
  return { page, backlinks };
}
