import type { Sentence } from '../../../ir.js';
import { spansOf, type Piece, type State } from './state.js';

export function sentence(state: State, node: Sentence): Piece[] {
  const spans = spansOf(state.all(node));
  if (spans[0]) spans[0] = { ...spans[0], anchors: [node.id, ...(spans[0].anchors ?? [])] };
  return spans;
}
