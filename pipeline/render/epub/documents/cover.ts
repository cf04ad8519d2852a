import type { Element } from 'hast';
import { h } from 'hastscript';
import type { BookMeta } from '../../../ir.js';
import type { Labels } from '../labels.js';
import { FILES } from '../plan.js';

/** The cover page: the generated cover image alone, with the title as its text alternative. */
export function coverBody(book: BookMeta, labels: Labels): Element {
  return h('body', { className: ['cover'], 'epub:type': 'cover' }, [
    h('section', { className: ['cover'], 'epub:type': 'cover', ariaLabel: labels.cover }, [
      h('img', { src: FILES.coverImage, alt: `${labels.coverImage}${book.title}`, role: 'doc-cover' }),
    ]),
  ]);
}
