import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Labels } from '../labels.js';
import type { Landmark, TocEntry } from '../toc.js';

/**
 * The navigation document's body: the contents (`toc`) that reading systems show as their chapter list,
 * and the landmarks they use for “go to cover / start / glossary”. Landmarks are hidden by the stylesheet
 * (not by `hidden`, which has no XHTML-serialisable form here) since they repeat the contents.
 */
export function navBody(entries: TocEntry[], marks: Landmark[], labels: Labels): Element {
  const list = (items: TocEntry[]): Element =>
    h(
      'ol',
      items.map((item) => h('li', [h('a', { href: item.href }, item.label), ...(item.children.length > 0 ? [list(item.children)] : [])])),
    );
  return h('body', { 'epub:type': 'frontmatter' }, [
    h('nav', { id: 'toc', 'epub:type': 'toc', role: 'doc-toc', ariaLabelledBy: 'toc-title' }, [h('h1', { id: 'toc-title' }, labels.contents), list(entries)]),
    h('nav', { id: 'landmarks', className: ['landmarks'], 'epub:type': 'landmarks', ariaLabel: labels.landmarks }, [
      h('h2', labels.landmarks),
      h(
        'ol',
        marks.map((mark) => h('li', [h('a', { href: mark.href, 'epub:type': mark.type }, mark.label)])),
      ),
    ]),
  ]);
}
