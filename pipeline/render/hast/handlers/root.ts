import type { Root } from '../../../ir.js';
import type { Handler } from '../state.js';

/** The whole book: its articles one after the other (pages are usually made per article instead). */
export const root: Handler<Root> = (state, node) => state.all(node);
