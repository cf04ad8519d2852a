/**
 * The Traditional edition: one pure step between the IR and the renderers. Every text the renderers
 * can show (node values, article and book metadata, glossary, indexes) is converted with opencc-js,
 * and the tree says it is `hant` / `zh-TW`. Ids are left alone so links stay the same in both editions.
 */
import type { Node, Root, Script } from './ir.js';
import { toTraditional } from './script.js';

export function toEdition(root: Root, script: Script): Root {
  if (script === 'hans') return root;
  const t = toTraditional;
  const tn = (s: string | null): string | null => (s === null ? null : t(s));
  const convertNode = <N extends Node>(node: N): N => {
    const copy = { ...node } as N & { value?: string; children?: Node[] };
    if (typeof copy.value === 'string') copy.value = t(copy.value);
    if (Array.isArray(copy.children)) copy.children = copy.children.map(convertNode);
    return copy;
  };
  const book = root.data.book;
  return {
    ...root,
    data: {
      ...root.data,
      script: 'hant',
      lang: 'zh-TW',
      book: { ...book, title: t(book.title), subtitle: tn(book.subtitle), compiler: tn(book.compiler) },
      glossary: root.data.glossary.map((g) => ({ ...g, term: t(g.term), aliases: g.aliases.map(t), definition: t(g.definition), category: t(g.category) })),
      documents: root.data.documents.map((d) => ({ ...d, title: t(d.title), variants: d.variants.map(t) })),
      events: root.data.events.map((e) => ({ ...e, name: t(e.name) })),
    },
    children: root.children.map((article) => {
      const converted = convertNode(article);
      const d = article.data;
      converted.data = {
        ...d,
        title: t(d.title),
        subtitle: tn(d.subtitle),
        author: tn(d.author),
        source: tn(d.source),
        editors: d.editors.map(t),
        keywords: d.keywords.map(t),
      };
      return converted;
    }),
  };
}
