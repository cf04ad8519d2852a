import { h } from 'hastscript';
import type { RunInHead } from '../../../ir.js';
import type { Handler } from '../state.js';

/** A run-in head is set off in bold at the start of its paragraph. */
export const runInHead: Handler<RunInHead> = (state, node) => [h('strong', { className: ['run-in'] }, state.all(node))];
