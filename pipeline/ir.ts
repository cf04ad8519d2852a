/**
 * The compendium IR: the one contract between the stages.
 *
 * A unist-compatible tree (https://github.com/syntax-tree/unist): every node has a `type`, parents have
 * `children`, literals have `value`, and `position` points into the ORIGINAL source file (1-based line;
 * the column counts characters in the cleaned line, since repairs shift columns). On top of unist, every
 * node has an `id` that is derived from its article and its own text, so it stays the same from build to
 * build while its text does (HTML anchors, EPUB links and index entries rely on that).
 *
 * Shape (IR_VERSION 1):
 *
 *   root                          data: book metadata, script/lang of the text, glossary, indexes
 *   └─ article                    data: title, subtitle, author, source, date, sourceFile, encoding, …
 *      ├─ heading  (depth 1–3)    children: inline
 *      ├─ paragraph               data.role: body | caption | note
 *      │  ├─ runInHead            a short lead sentence set off in bold (“服务元首外交，发挥战略引领作用。”)
 *      │  └─ sentence             children: inline
 *      └─ separator               an omission mark line (“…………”)
 *   inline = text | term
 *
 * Stages: normalize (bytes → NormalizedSource) and segment (→ Article) are per file and pure; enrich
 * (Root → Root) adds term nodes, `root.data.glossary`, the indexes and `article.data.related`; the
 * renderers only read a Root. The tree is always Simplified Chinese; a Traditional edition is made by
 * `toEdition` (pipeline/edition.ts) between the IR and the renderers, and says so in `root.data.script`.
 */

export const IR_VERSION = 1;

export type Script = 'hans' | 'hant';
export type Lang = 'zh-CN' | 'zh-TW';

export interface Point {
  line: number;
  column: number;
}

export interface Position {
  start: Point;
  end: Point;
}

interface NodeBase {
  type: string;
  id: string;
  position?: Position;
}

// ---- inline -------------------------------------------------------------------------------------

export interface Text extends NodeBase {
  type: 'text';
  value: string;
}

/** An occurrence of a glossary term or alias; `value` is the text as it stands in the article. */
export interface Term extends NodeBase {
  type: 'term';
  value: string;
  data: {
    termId: string;
    /** The first occurrence of this term in its article (renderers may style only that one). */
    first: boolean;
  };
}

export type Inline = Text | Term;

// ---- blocks -------------------------------------------------------------------------------------

export interface Sentence extends NodeBase {
  type: 'sentence';
  children: Inline[];
}

/** The lead sentence of a paragraph that works as its heading (a “run-in head”). */
export interface RunInHead extends NodeBase {
  type: 'runInHead';
  children: Inline[];
}

export interface Heading extends NodeBase {
  type: 'heading';
  /** 1 = a section of the article, 2 = a subsection, 3 = below that. The article title is not a heading. */
  depth: 1 | 2 | 3;
  children: Inline[];
  data: {
    /** The numbering as printed (“一、”, “（一）”, “1.”, “第一章”), or null for an unnumbered heading. */
    numbering: string | null;
  };
}

export type ParagraphRole = 'body' | 'caption' | 'note';

export interface Paragraph extends NodeBase {
  type: 'paragraph';
  children: Array<RunInHead | Sentence>;
  data: {
    /** body text; `caption` of a photo left in the page; `note` such as “（本文发布时有删节）”. */
    role: ParagraphRole;
  };
}

/** A line of omission marks (“…………”, “……”) between passages. */
export interface Separator extends NodeBase {
  type: 'separator';
  value: string;
}

export type Block = Heading | Paragraph | Separator;

// ---- article and root ---------------------------------------------------------------------------

export interface RelatedArticle {
  articleId: string;
  /** Higher is closer; shared terms and shared cited documents both count. */
  score: number;
  /** Glossary entry ids both articles use: the reason they are related. */
  sharedTerms: string[];
  /** Cited-document ids both articles cite. */
  sharedDocuments: string[];
}

export interface ArticleData {
  title: string;
  subtitle: string | null;
  author: string | null;
  /** Where the article was first published (a site, a paper), as the page names it. */
  source: string | null;
  /** YYYY-MM-DD, or null where the page gives none. */
  date: string | null;
  editors: string[];
  keywords: string[];
  /** Path of the source file relative to the corpus folder, with forward slashes. */
  sourceFile: string;
  /** Encoding detected in the source bytes (utf-8, utf-16le, utf-16be, gb18030, big5). */
  encoding: string;
  /** Script of the source text before conversion; the IR text itself is always Simplified. */
  script: Script;
  /** Filled by enrich: the other articles ranked by what they share with this one. */
  related: RelatedArticle[];
}

export interface Article extends NodeBase {
  type: 'article';
  data: ArticleData;
  children: Block[];
}

/**
 * Where something occurs: the article, the node itself, and the block (heading/paragraph) holding it.
 * For a glossary entry the node is the `term` node; for a cited document or an event it is the sentence,
 * run-in head or heading that names it.
 */
export interface Occurrence {
  articleId: string;
  nodeId: string;
  blockId: string;
}

export interface GlossaryEntry {
  id: string;
  term: string;
  aliases: string[];
  definition: string;
  category: string;
  /**
   * Pinyin sort key (toneless syllables, then tone digits, then the text: `liang-ge-wei-hu 3424 两个维护`),
   * so entries sort in pinyin order when compared code unit by code unit (`<`, not localeCompare).
   * `glossary`, `documents` and `events` already come in this order.
   */
  sortKey: string;
  /** Optional note of the article that explains the term, e.g. its id. */
  seeArticle: string | null;
  occurrences: Occurrence[];
}

/** A document cited as 《…》; titles that differ only slightly are one entry. */
export interface DocumentEntry {
  id: string;
  title: string;
  variants: string[];
  sortKey: string;
  occurrences: Occurrence[];
}

/** A dated event named in several places (“2019年7月9日 … 中央和国家机关党的建设工作会议”). */
export interface EventEntry {
  id: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY: as precise as the sources say. */
  date: string;
  name: string;
  sortKey: string;
  occurrences: Occurrence[];
}

export interface BookMeta {
  title: string;
  subtitle: string | null;
  compiler: string | null;
  /** YYYY-MM-DD: from the corpus YAML, else SOURCE_DATE_EPOCH, else the newest article date. */
  date: string | null;
  /** Stable identifier derived from the book's content (urn:uuid form), never random. */
  identifier: string;
}

export interface RootData {
  book: BookMeta;
  /** Script of the text in this tree: 'hans' in the IR, 'hant' in a Traditional edition. */
  script: Script;
  lang: Lang;
  glossary: GlossaryEntry[];
  documents: DocumentEntry[];
  events: EventEntry[];
}

export interface Root {
  type: 'root';
  id: 'root';
  irVersion: typeof IR_VERSION;
  data: RootData;
  children: Article[];
}

export type Parent = Root | Article | Heading | Paragraph | Sentence | RunInHead;
export type Node = Parent | Text | Term | Separator;
export type NodeType = Node['type'];

// ---- small helpers shared by the stages ---------------------------------------------------------

/** The plain text of a node and everything under it. */
export function toText(node: Node): string {
  if ('value' in node) return node.value;
  if ('children' in node) {
    let out = '';
    for (const child of node.children as Node[]) out += toText(child);
    return out;
  }
  return '';
}

/** Visit every node depth-first, parents before children. */
export function visit(node: Node, fn: (node: Node, parent: Parent | null) => void, parent: Parent | null = null): void {
  fn(node, parent);
  if ('children' in node) for (const child of node.children as Node[]) visit(child, fn, node);
}
