/**
 * The IR as Pandoc Markdown, for timing Pandoc on exactly the text our renderers set: the book's title
 * block, each article (title, subtitle, byline, headings, paragraphs with run-in heads in bold,
 * separators) and the glossary. Terms are plain text (Pandoc has no glossary linking); every character
 * of the text is kept, Markdown's own marks escaped. The language is left to the command line (XeLaTeX's
 * babel has no zh-CN; Pandoc's HTML and EPUB writers take `--metadata lang=`).
 */
import type { Article, Block, Node, Root } from '../../pipeline/ir.js';

/** Characters Markdown would read as markup, escaped wherever they stand. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#+|!~^$@-]/g, (c) => `\\${c}`);
}

function inline(node: Node): string {
  const n = node as { value?: string; children?: Node[] };
  return typeof n.value === 'string' ? escape(n.value) : (n.children ?? []).map(inline).join('');
}

function block(node: Block): string {
  switch (node.type) {
    case 'heading':
      return `${'#'.repeat(node.depth + 1)} ${inline(node)}`;
    case 'paragraph':
      return node.children.map((c) => (c.type === 'runInHead' ? `**${inline(c)}**` : inline(c))).join('');
    case 'separator':
      return escape(node.value);
  }
}

function article(a: Article): string {
  const byline = [a.data.author, a.data.source, a.data.date].filter((s): s is string => s !== null && s !== '').map(escape).join(' · ');
  return [
    `# ${escape(a.data.title)}`,
    a.data.subtitle ? `*${escape(a.data.subtitle)}*` : '',
    byline,
    ...a.children.map(block),
  ].filter((s) => s !== '').join('\n\n');
}

/** A YAML string Pandoc reads back verbatim (double-quoted, escaped). */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

export function toMarkdown(root: Root): string {
  const book = root.data.book;
  const head = ['---', `title: ${yamlString(book.title)}`, book.subtitle ? `subtitle: ${yamlString(book.subtitle)}` : '', book.compiler ? `author: ${yamlString(book.compiler)}` : '', book.date ? `date: ${yamlString(book.date)}` : '', '---']
    .filter((s) => s !== '')
    .join('\n');
  const glossary = root.data.glossary.length
    ? ['# 术语表', ...root.data.glossary.map((g) => `**${escape(g.term)}**　${escape(g.definition)}`)].join('\n\n')
    : '';
  return [head, ...root.children.map(article), glossary].filter((s) => s !== '').join('\n\n') + '\n';
}
