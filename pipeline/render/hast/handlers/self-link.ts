import { h } from 'hastscript';
import type { Element } from 'hast';

/** A small “#”/“¶” link to the element itself, so a reader can copy a link to it. */
export function selfLink(id: string, mark: string, label: string): Element {
  return h('a', { className: ['self-link'], href: `#${id}`, ariaLabel: label }, mark);
}
