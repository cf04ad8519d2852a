import type { Text } from '../../../ir.js';
import type { Piece, State } from './state.js';

export function text(state: State, node: Text): Piece[] {
  return [{ text: node.value, style: state.inline, anchors: [node.id] }];
}
