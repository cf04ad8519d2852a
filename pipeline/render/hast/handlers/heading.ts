import { h } from 'hastscript';
import type { Heading } from '../../../ir.js';
import type { Handler } from '../state.js';
import { selfLink } from './self-link.js';

/** IR depth 1–3 → h2–h4 by default: the article title is the page's h1. */
export const heading: Handler<Heading> = (state, node) => {
  const rank = Math.min(6, Math.max(1, node.depth + (state.options.headingOffset ?? 1)));
  const id = state.id(node.id);
  const children = state.all(node);
  const labels = state.options.selfLinks;
  if (labels) children.push(selfLink(id, '#', labels.heading));
  return [h(`h${rank}`, { id }, children)];
};
