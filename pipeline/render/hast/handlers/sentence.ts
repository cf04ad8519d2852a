import type { Sentence } from '../../../ir.js';
import type { Handler } from '../state.js';

/** Sentences run on inside their paragraph: no element of their own (keeps the markup light). */
export const sentence: Handler<Sentence> = (state, node) => state.all(node);
