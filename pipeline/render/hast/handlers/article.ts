import { h } from 'hastscript';
import type { Article } from '../../../ir.js';
import type { Handler } from '../state.js';

/**
 * The default article: its title as the h1, the subtitle, then the blocks. Renderers that add a byline
 * or related articles build their own wrapper around `state.all(article)`.
 */
export const article: Handler<Article> = (state, node) => {
  state.file = node.data.sourceFile;
  const header = [h('h1', node.data.title)];
  if (node.data.subtitle) header.push(h('p', { className: ['subtitle'] }, node.data.subtitle));
  return [h('article', { id: state.id(node.id) }, [h('header', header), ...state.all(node)])];
};
