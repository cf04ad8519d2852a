/**
 * Synthetic books for the in-process benchmarks (enrich, PDF): an article copied under another id, every
 * node id, the title and the file name changed with it, so a book of N copies has no two nodes alike.
 */
import { IR_VERSION, type Article, type Node, type Root } from '../../pipeline/ir.js';

export function replica(article: Article, copy: number): Article {
  const id = `${article.id}-r${copy}`;
  const rename = (node: Node): Node => {
    const clone: Record<string, unknown> = { ...node };
    if ('id' in node && typeof node.id === 'string' && node.id.startsWith(article.id)) clone.id = id + node.id.slice(article.id.length);
    if ('children' in node) clone.children = (node.children as Node[]).map(rename);
    return clone as unknown as Node;
  };
  const renamed = rename(article) as Article;
  renamed.data = { ...article.data, title: `${article.data.title}（${copy + 1}）`, sourceFile: article.data.sourceFile.replace(/(\.[^.]+)$/, `-r${copy}$1`), related: [] };
  return renamed;
}

/** `scale` copies of each article (the first copy the article itself), in that order. */
export function replicated(articles: readonly Article[], scale: number): Article[] {
  return Array.from({ length: scale }, (_, copy) => articles.map((a) => (copy === 0 ? a : replica(a, copy)))).flat();
}

/** A book (not yet enriched) holding `articles`. */
export function bookOf(articles: Article[], title = 'bench', subtitle: string | null = null, compiler: string | null = null): Root {
  return {
    type: 'root',
    id: 'root',
    irVersion: IR_VERSION,
    data: { book: { title, subtitle, compiler, date: null, identifier: 'urn:uuid:bench' }, script: 'hans', lang: 'zh-CN', glossary: [], documents: [], events: [] },
    children: articles,
  };
}
