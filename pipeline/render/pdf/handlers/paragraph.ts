import type { Paragraph } from '../../../ir.js';
import { textStyle } from '../style.js';
import { formatOf, spansOf, type Piece, type State } from './state.js';

const STYLE_OF: Record<Paragraph['data']['role'], 'body' | 'caption' | 'note'> = { body: 'body', caption: 'caption', note: 'note' };

export function paragraph(state: State, node: Paragraph): Piece[] {
  const name = STYLE_OF[node.data.role] ?? 'body';
  const spans = spansOf(state.withInline(textStyle(state.style, name)).all(node));
  return [
    {
      kind: 'text',
      key: node.id,
      spans,
      format: formatOf(state.style, name),
      role: name,
      struct: { key: node.id, role: 'P', parent: state.struct },
      anchors: [node.id],
    },
  ];
}
