/**
 * What the renderers show of an article outside its own pages — the glossary entries it uses, its
 * headings (the book's contents) — kept in the build cache by the article's content digest. A rebuild
 * then reads the children of none of the articles it does not render again: the build keeps those as
 * text (pipeline/lazy-children.ts), and a walk over every article parsed them all.
 */
import { toText, visit, type Article, type Heading } from '../ir.js';
import type { RenderContext } from './index.js';

export const FACTS_UNIT = 'article-facts';

export interface HeadingFact {
  id: string;
  depth: Heading['depth'];
  /** Its text (`toText`). */
  text: string;
}

export interface ArticleFacts {
  /** Ids of the glossary entries its terms link to, in order of first use. */
  terms: string[];
  /** Its headings (blocks of the article), in order. */
  headings: HeadingFact[];
}

export function factsOf(article: Article): ArticleFacts {
  const terms = new Set<string>();
  visit(article, (node) => {
    if (node.type === 'term') terms.add(node.data.termId);
  });
  return { terms: [...terms], headings: headingsOf(article) };
}

/** An article's headings, in order (the contents of every format list some of them). */
export function headingsOf(article: Article): HeadingFact[] {
  return article.children.flatMap((block): HeadingFact[] => (block.type === 'heading' ? [{ id: block.id, depth: block.depth, text: toText(block) }] : []));
}

/** The facts of each article of the book, in order: the same for every format, so asked of the build's shared memo. */
export function articleFacts(context: RenderContext, articles: readonly Article[]): Promise<ArticleFacts[]> {
  const memo = context.sharedMemo ?? context.memo;
  return Promise.all(articles.map((article) => memo(FACTS_UNIT, { article: context.contentDigest(article) }, () => factsOf(article))));
}
