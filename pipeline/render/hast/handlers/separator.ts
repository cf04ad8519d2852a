import { h } from 'hastscript';
import type { Separator } from '../../../ir.js';
import type { Handler } from '../state.js';

/** The omission marks stay visible text (they are part of what the author printed), centred by CSS. */
export const separator: Handler<Separator> = (state, node) => [h('p', { id: state.id(node.id), className: ['separator'] }, node.value)];
