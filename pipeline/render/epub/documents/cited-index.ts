import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Root } from '../../../ir.js';
import { chineseDate } from '../format.js';
import type { Labels } from '../labels.js';
import type { Plan } from '../plan.js';
import { occurrenceLinks } from './occurrences.js';

/**
 * The index of cited documents (《…》 titles in the IR's pinyin order) with links to the passages that
 * cite them, in EPUB Indexes markup; then the dated events the articles name, by date.
 */
export function citedIndexBody(root: Root, plan: Plan, labels: Labels): Element {
  const content: ElementContent[] = [h('h1', { id: 'documents-title' }, labels.documents), h('p', { className: ['index-intro'], 'epub:type': 'index-headnotes' }, labels.documentsIntro)];
  content.push(
    h(
      'ol',
      { className: ['index'], 'epub:type': 'index-entry-list' },
      root.data.documents.map((doc) =>
        h('li', { id: plan.pageId(doc.id), 'epub:type': 'index-entry' }, [
          h('span', { className: ['index-term'], 'epub:type': 'index-term' }, `《${doc.title}》`),
          ' ',
          h('span', { className: ['index-locators'] }, occurrenceLinks(doc.occurrences, { plan, labels, target: 'block', epubType: 'index-locator' })),
        ]),
      ),
    ),
  );
  const body: ElementContent[] = [h('section', { id: 'documents', 'epub:type': 'index', role: 'doc-index', ariaLabelledBy: 'documents-title' }, content)];
  if (root.data.events.length > 0) {
    body.push(
      h('section', { id: 'events', ariaLabelledBy: 'events-title' }, [
        h('h2', { id: 'events-title' }, labels.events),
        h(
          'ol',
          { className: ['events'] },
          root.data.events.map((event) =>
            h('li', { id: plan.pageId(event.id) }, [
              h('time', { className: ['event-date'], dateTime: event.date }, chineseDate(event.date)),
              ' ',
              h('span', { className: ['event-name'] }, event.name),
              ' ',
              h('span', { className: ['index-locators'] }, occurrenceLinks(event.occurrences, { plan, labels, target: 'block' })),
            ]),
          ),
        ),
      ]),
    );
  }
  return h('body', { 'epub:type': 'backmatter' }, body);
}
