import type { Term } from '../../../ir.js';
import type { Piece, State } from './state.js';

/** A glossary term: set like the text around it, linked to its glossary entry. */
export function term(state: State, node: Term): Piece[] {
  const known = state.root.data.glossary.some((g) => g.id === node.data.termId);
  if (!known) state.warn(node, 'term-unknown', `Unexpected term id \`${node.data.termId}\`, expected an entry of the glossary`);
  return [{ text: node.value, style: state.inline, anchors: [node.id], link: known ? glossaryAnchor(node.data.termId) : null }];
}

export function glossaryAnchor(termId: string): string {
  return `glossary:${termId}`;
}
