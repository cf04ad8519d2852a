import { h } from 'hastscript';
import type { Paragraph } from '../../../ir.js';
import type { Handler } from '../state.js';
import { selfLink } from './self-link.js';

/** Body paragraphs are plain `p`; captions and notes carry their role as a class so CSS sets them apart. */
export const paragraph: Handler<Paragraph> = (state, node) => {
  const id = state.id(node.id);
  const children = state.all(node);
  const labels = state.options.selfLinks;
  if (labels) children.push(selfLink(id, '¶', labels.paragraph));
  const role = node.data.role;
  return [h('p', { id, className: role === 'body' ? undefined : [role] }, children)];
};
