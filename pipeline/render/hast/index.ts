/**
 * IR → hast, shared by the renderers that write HTML (the HTML bundle, the EPUB chapters). A map of
 * handlers by node type (one file each under handlers/) and a state with `one`/`all`, in the
 * mdast-util-to-hast way. Pages are serialised with rehype-stringify, so text is escaped by construction.
 */
import type { ElementContent } from 'hast';
import type { Node } from '../../ir.js';
import { handlers } from './handlers/index.js';
import { createState, type HastOptions, type State } from './state.js';

export { handlers } from './handlers/index.js';
export { selfLink } from './handlers/self-link.js';
export { termDigests, termKeys, termsOf } from './terms.js';
export type { GlossaryTerm, Handler, Handlers, HastOptions, SelfLinkLabels, State, TermRendering } from './state.js';

/** A fresh state for one page; `file` names the source for diagnostics. */
export function createHastState(options: HastOptions, file: string | null = null): State {
  return createState(options, handlers, file);
}

/** Render one IR node (and everything under it) to hast. */
export function toHast(node: Node, options: HastOptions): ElementContent[] {
  const state = createHastState(options);
  return state.one(node, null);
}
