import type { Node } from '../../../ir.js';
import type { Handler } from '../state.js';

/**
 * A node type this renderer does not know (a newer IR, a bug upstream): say so, and keep its text so
 * nothing the reader should see is lost. Known nodes below it still get their own handlers.
 */
export const unknown: Handler<Node> = (state, node) => {
  state.warn(node, 'unknown-node', `Unexpected node type \`${node.type}\`, expected one of the IR's node types; rendered its content as plain text`);
  const loose = node as { value?: unknown; children?: unknown };
  if (Array.isArray(loose.children)) return state.all(node as never);
  if (typeof loose.value === 'string') return [{ type: 'text', value: loose.value }];
  return [];
};
