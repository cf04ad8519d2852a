/** What the book's sections (cover, contents, glossary, index …) share while being laid out. */
import type { Diagnostic } from '../../../diagnostics.js';
import type { Occurrence, Root } from '../../../ir.js';
import type { Span, TextStyle } from '../layout/atoms.js';
import type { Flow } from '../layout/flow.js';
import type { LineRole, ParagraphFormat, StructRef, TextBlock } from '../layout/types.js';
import type { Geometry, PdfStyle } from '../style.js';
import type { PageRef } from './pages.js';

export interface BookContext {
  readonly root: Root;
  readonly style: PdfStyle;
  readonly geometry: Geometry;
  readonly flow: Flow;
  label(name: string, vars?: Record<string, string | number>): string;
  /** Printed page of an anchor, from the previous layout pass (a placeholder in the first one). */
  pageOf(anchor: string): string | null;
  /**
   * Page references worked out in this pass, by list of occurrences (`pageRefs`): the index lists the
   * glossary's terms again, with the same occurrences.
   */
  readonly refs?: Map<readonly Occurrence[], PageRef[]>;
  report(d: Diagnostic): void;
}

export function textBlock(key: string, spans: Span[], format: ParagraphFormat, role: LineRole, struct: StructRef | null, anchors: string[] = []): TextBlock {
  return { kind: 'text', key, spans, format, role, struct, anchors };
}

export function span(text: string, style: TextStyle, link?: string | null): Span {
  return link ? { text, style, link } : { text, style };
}
