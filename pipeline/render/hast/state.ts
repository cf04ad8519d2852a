/**
 * The state shared by the IR → hast handlers, in the mdast-util-to-hast way: `one` renders a node with
 * the handler of its type, `all` renders the children of a parent. Every renderer that wants HTML
 * (the HTML bundle, the EPUB chapters) builds one state per page and chooses how terms look.
 */
import type { ElementContent } from 'hast';
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { GlossaryEntry, Node, Parent, Term } from '../../ir.js';

/** What a term occurrence needs of its glossary entry (not its occurrences: a page depends on no other page). */
export type GlossaryTerm = Pick<GlossaryEntry, 'id' | 'term' | 'definition'>;

/** A handler turns one IR node into zero or more hast nodes. */
export type Handler<N extends Node = Node> = (state: State, node: N, parent: Parent | null) => ElementContent[];

export type NodeTypeName = Node['type'];

/** One handler per IR node type, plus `unknown` for a type the IR does not define (reports, never guesses). */
export type Handlers = { [T in NodeTypeName]: Handler<Extract<Node, { type: T }>> } & { unknown: Handler<Node> };

/**
 * How a term occurrence is rendered:
 * - `tooltip`: a link to the glossary entry plus its short definition, shown on hover, focus and tap
 *   (the HTML bundle);
 * - `noteref`: an `epub:type="noteref"` link to a footnote or glossary entry, which reading systems pop up
 *   (EPUB);
 * - `text`: the bare text, with its id kept so back-links still land.
 */
export type TermRendering =
  | { mode: 'tooltip'; href: (entry: GlossaryTerm, node: Term) => string }
  | {
      mode: 'noteref';
      href: (entry: GlossaryTerm, node: Term) => string;
      /** Link only an article's first occurrence of each term (`data.first`); the others render as `text`. */
      firstOnly?: boolean;
    }
  | { mode: 'text' };

/** Accessible names of the self-links on headings and paragraphs, in the publication's language. */
export interface SelfLinkLabels {
  heading: string;
  paragraph: string;
}

export interface HastOptions {
  /** Stage name for diagnostics, e.g. `render:html`. */
  source: string;
  report: (d: Diagnostic) => void;
  /** The glossary entries the page may link to (at least those of its terms). */
  glossary: readonly GlossaryTerm[];
  term: TermRendering;
  /** Added to a heading's depth to get its rank: 1 makes IR depth 1 an `h2` under the article's `h1`. */
  headingOffset?: number;
  /** Add a “#”/“¶” link to each heading and paragraph so a reader can link to it; null for none. */
  selfLinks?: SelfLinkLabels | null;
  /** Map an IR id to the id written in the page (EPUB may need a prefix); identity by default. */
  idFor?: (irId: string) => string;
  /** Replace or add handlers by node type. */
  handlers?: Partial<Handlers>;
}

export interface State {
  readonly options: HastOptions;
  readonly handlers: Handlers;
  /** Source file of the article being rendered, for diagnostics. */
  file: string | null;
  /** Ids of the glossary entries used on this page, in order of first use. */
  readonly termsUsed: string[];
  /** Every id written into the page so far (to check link targets). */
  readonly ids: Set<string>;
  one(node: Node, parent: Parent | null): ElementContent[];
  all(parent: Parent): ElementContent[];
  /** The page id for an IR id; records it as written. */
  id(irId: string): string;
  glossaryEntry(termId: string): GlossaryTerm | undefined;
  warn(node: Node, ruleId: string, message: string): void;
}

export function createState(options: HastOptions, handlers: Handlers, file: string | null = null): State {
  const glossary = new Map(options.glossary.map((entry) => [entry.id, entry]));
  const idFor = options.idFor ?? ((irId: string) => irId);
  const merged: Handlers = { ...handlers, ...options.handlers } as Handlers;
  const state: State = {
    options,
    handlers: merged,
    file,
    termsUsed: [],
    ids: new Set(),
    one(node, parent) {
      // `unknown` is a handler name, not a node type: a node claiming it still goes to the fallback.
      const known = (node.type as string) !== 'unknown' && Object.hasOwn(merged, node.type);
      const handler = (known ? merged[node.type as NodeTypeName] : merged.unknown) as Handler;
      return handler(state, node, parent);
    },
    all(parent) {
      const out: ElementContent[] = [];
      for (const child of parent.children as Node[]) out.push(...state.one(child, parent));
      return out;
    },
    id(irId) {
      const id = idFor(irId);
      state.ids.add(id);
      return id;
    },
    glossaryEntry(termId) {
      return glossary.get(termId);
    },
    warn(node, ruleId, message) {
      const start = 'position' in node ? node.position?.start : undefined;
      options.report(diagnostic('warning', options.source, ruleId, message, { file: state.file, line: start?.line ?? null, column: start?.column ?? null }));
    },
  };
  return state;
}
