import { h } from 'hastscript';
import type { Term } from '../../../ir.js';
import type { Handler } from '../state.js';

/**
 * A term occurrence. Its IR id is always written, since the glossary's back-links point at it. How it
 * looks is the renderer's choice (`options.term`): a glossary link with a tooltip, or an EPUB noteref.
 */
export const term: Handler<Term> = (state, node) => {
  const id = state.id(node.id);
  const entry = state.glossaryEntry(node.data.termId);
  if (!entry) {
    state.warn(node, 'term-unknown', `Unexpected term \`${node.data.termId}\` (“${node.value}”), expected an id of the glossary; rendered as plain text`);
    return [h('span', { id }, node.value)];
  }
  if (!state.termsUsed.includes(entry.id)) state.termsUsed.push(entry.id);
  const className = node.data.first ? ['term', 'term-first'] : ['term'];
  const rendering = state.options.term;
  switch (rendering.mode) {
    case 'text':
      return [h('span', { id, className }, node.value)];
    case 'noteref':
      if (rendering.firstOnly && !node.data.first) return [h('span', { id, className }, node.value)];
      return [h('a', { id, className, href: rendering.href(entry, node), 'epub:type': 'noteref', role: 'doc-noteref' }, node.value)];
    case 'tooltip': {
      // The definition sits next to its link so CSS alone can show it on hover and focus; it is hidden
      // until then (and for reader views), and aria-describedby gives it to screen readers.
      const tipId = state.id(`${node.id}-tip`);
      return [
        h('span', { className }, [
          h('a', { id, className: ['term-link'], href: rendering.href(entry, node), ariaDescribedBy: tipId }, node.value),
          h('span', { id: tipId, className: ['term-tip'], role: 'tooltip', hidden: true }, entry.definition),
        ]),
      ];
    }
  }
};
