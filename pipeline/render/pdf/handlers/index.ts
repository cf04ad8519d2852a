/**
 * The IR handlers of the PDF renderer, one per node type: each turns a node into blocks (paragraphs,
 * headings, separators) or spans (text, terms). A node of an unknown type is reported, not guessed at.
 */
import type { Article, Heading, Node, Paragraph, Parent, RunInHead, Sentence, Separator, Term, Text } from '../../../ir.js';
import { article } from './article.js';
import { heading } from './heading.js';
import { paragraph } from './paragraph.js';
import { runInHead } from './run-in-head.js';
import { sentence } from './sentence.js';
import type { Piece, State } from './state.js';
import { term } from './term.js';
import { text } from './text.js';
import { separator } from './separator.js';

type Handler = (state: State, node: never, parent: Parent | null) => Piece[];

export const handlers: Record<string, Handler> = {
  article: article as (state: State, node: Article) => Piece[],
  heading: heading as (state: State, node: Heading) => Piece[],
  paragraph: paragraph as (state: State, node: Paragraph) => Piece[],
  separator: separator as (state: State, node: Separator) => Piece[],
  runInHead: runInHead as (state: State, node: RunInHead) => Piece[],
  sentence: sentence as (state: State, node: Sentence) => Piece[],
  text: text as (state: State, node: Text) => Piece[],
  term: term as (state: State, node: Term) => Piece[],
};

export function unknown(state: State, node: Node): Piece[] {
  state.warn(node, 'node-unknown', `Unexpected node type \`${node.type}\`, expected one of ${Object.keys(handlers).join(', ')}; it is left out of the PDF`);
  return [];
}
