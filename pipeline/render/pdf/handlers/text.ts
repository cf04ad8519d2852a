import type { Text } from '../../../ir.js';
import type { Piece, State } from './state.js';

/**
 * Plain text. Its place is not recorded: what the book links to is a term, a sentence, a paragraph or a
 * heading (the places of a book's tens of thousands of text nodes would only weigh on its layout).
 */
export function text(state: State, node: Text): Piece[] {
  return [{ text: node.value, style: state.inline }];
}
