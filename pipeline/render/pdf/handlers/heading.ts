import type { Heading } from '../../../ir.js';
import { textStyle, type TextStyleName } from '../style.js';
import { formatOf, spansOf, widePhraseSpaces, type Piece, type State } from './state.js';

const STYLE_OF: Record<Heading['depth'], TextStyleName> = { 1: 'heading1', 2: 'heading2', 3: 'heading3' };

/** A heading stays on the page of the lines that follow it. The article title is H1, so depth 1 is H2. */
export function heading(state: State, node: Heading): Piece[] {
  const name = STYLE_OF[node.depth] ?? 'heading3';
  // A space between a heading's phrases (“淬火锻造 锲而不舍…”) is set a full em wide, as in titles.
  const spans = spansOf(state.withInline(textStyle(state.style, name)).all(node)).map((s) => ({ ...s, text: widePhraseSpaces(s.text) }));
  return [
    {
      kind: 'text',
      key: node.id,
      spans,
      format: formatOf(state.style, name, { keepWithNext: true, align: 'justify' }),
      role: 'heading',
      struct: { key: node.id, role: `H${node.depth + 1}`, parent: state.struct },
      anchors: [node.id],
    },
  ];
}
