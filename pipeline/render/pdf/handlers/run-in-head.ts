import type { RunInHead } from '../../../ir.js';
import { textStyle } from '../style.js';
import { spansOf, type Piece, type State } from './state.js';

/** The lead sentence of a paragraph, set in bold and run in with the rest. */
export function runInHead(state: State, node: RunInHead): Piece[] {
  const bold = textStyle(state.style, 'runInHead');
  const spans = spansOf(state.withInline({ ...state.inline, font: bold.font }).all(node));
  if (spans[0]) spans[0] = { ...spans[0], anchors: [node.id, ...(spans[0].anchors ?? [])] };
  return spans;
}
