import type { Text } from '../../../ir.js';
import type { Handler } from '../state.js';

/** Text becomes a hast text node: the serialiser escapes it, so corpus text can never become markup. */
export const text: Handler<Text> = (_state, node) => [{ type: 'text', value: node.value }];
