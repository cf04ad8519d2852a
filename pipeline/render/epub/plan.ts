/**
 * Where everything goes in the EPUB: one file name per document and the page id of every IR node, so
 * any document can link to any other. File names come from article ids (epub-gen-memory would derive
 * them from titles, and Chinese titles slugify to nothing).
 */
import type { Root } from '../../ir.js';

export const FILES = {
  cover: 'cover.xhtml',
  coverImage: 'cover.svg',
  titlePage: 'titlepage.xhtml',
  /** epub-gen-memory always writes the navigation document under this name. */
  nav: 'toc.xhtml',
  glossary: 'glossary.xhtml',
  documents: 'documents.xhtml',
  stylesheet: 'style.css',
} as const;

export interface Plan {
  hasArticle(articleId: string): boolean;
  /** Article id → its chapter file. */
  chapterFile(articleId: string): string;
  /** The id written in the page for an IR id. */
  pageId(irId: string): string;
  /**
   * `file#id` of an IR node of an article (as an occurrence names both), or null if the book has no such
   * article. Not looked up in the article: that would read every article's children.
   */
  href(articleId: string, irId: string): string | null;
  glossaryHref(entryId: string): string;
  /** Id of the chapter's footnote for a glossary entry. */
  footnoteId(entryId: string): string;
  /** The title shown for an article: never empty, since nav links and <title> must have text. */
  titleOf(articleId: string): string;
}

/**
 * XML ids (and so EPUB's) must start with a letter or underscore; IR ids of articles from files named
 * `003_….txt` start with a digit, so those get a letter in front. The same rule everywhere keeps links whole.
 */
export function pageId(irId: string): string {
  const clean = irId.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `n${clean}`;
}

/** `glossary.xhtml#…` of a glossary entry. */
export function glossaryHref(entryId: string): string {
  return `${FILES.glossary}#${pageId(entryId)}`;
}

/** Id of a chapter's footnote for a glossary entry. */
export function footnoteId(entryId: string): string {
  return pageId(`fn-${entryId}`);
}

export function planBook(root: Root): Plan {
  const files = new Map<string, string>();
  const used = new Set<string>(Object.values(FILES));
  for (const article of root.children) {
    // epub-gen-memory keeps only [-._A-Za-z0-9] of a file name; do it first so names stay unique.
    const base = `chapter-${article.id.replace(/[^-._A-Za-z0-9]/g, '')}`;
    let name = `${base}.xhtml`;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}.xhtml`;
    used.add(name);
    files.set(article.id, name);
  }

  const chapterFile = (articleId: string): string => {
    const name = files.get(articleId);
    if (name === undefined) throw new Error(`Unexpected article id \`${articleId}\`, expected one of the book's articles`);
    return name;
  };
  return {
    chapterFile,
    hasArticle: (articleId) => files.has(articleId),
    pageId,
    href(articleId, irId) {
      const file = files.get(articleId);
      if (file === undefined) return null;
      return irId === articleId ? file : `${file}#${pageId(irId)}`;
    },
    glossaryHref,
    footnoteId,
    titleOf(articleId) {
      const article = root.children.find((a) => a.id === articleId);
      if (!article) throw new Error(`Unexpected article id \`${articleId}\`, expected one of the book's articles`);
      return article.data.title.trim() || article.data.sourceFile;
    },
  };
}
