import type { Separator } from '../../../ir.js';
import { textStyle } from '../style.js';
import { formatOf, type Piece, type State } from './state.js';

/** A line of omission marks between passages, centred. */
export function separator(state: State, node: Separator): Piece[] {
  return [
    {
      kind: 'text',
      key: node.id,
      spans: [{ text: node.value, style: textStyle(state.style, 'separator'), anchors: [node.id] }],
      format: formatOf(state.style, 'separator', { align: 'center', firstIndent: 0, keepTogether: true, avoidLonelyLast: false }),
      role: 'separator',
      struct: { key: node.id, role: 'P', parent: state.struct },
      anchors: [node.id],
    },
  ];
}
