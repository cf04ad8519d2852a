import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Root } from '../../../ir.js';
import { chineseDate } from '../../dates.js';
import type { Labels } from '../labels.js';
import type { Plan } from '../plan.js';

/**
 * The index of cited documents (《…》 titles in the IR's pinyin order) with links to the passages that
 * cite them, in EPUB Indexes markup; then the dated events the articles name, by date. The links of entry
 * i are `backlinks.documents[i]` / `backlinks.events[i]`, made per article with the chapters.
 */
export function citedIndexBody(root: Root, plan: Plan, labels: Labels, backlinks: { documents: ElementContent[][]; events: ElementContent[][] }): Element {
  const content: ElementContent[] = [h('h1', { id: 'documents-title' }, labels.documents), h('p', { className: ['index-intro'], 'epub:type': 'index-headnotes' }, labels.documentsIntro)];
  content.push(
    h(
      'ol',
      { className: ['index'], 'epub:type': 'index-entry-list' },
      root.data.documents.map((doc, i) =>
        h('li', { id: plan.pageId(doc.id), 'epub:type': 'index-entry' }, [
          h('span', { className: ['index-term'], 'epub:type': 'index-term' }, `《${doc.title}》`),
          ' ',
          h('span', { className: ['index-locators'] }, backlinks.documents[i]!),
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
          root.data.events.map((event, i) =>
            h('li', { id: plan.pageId(event.id) }, [
              h('time', { className: ['event-date'], dateTime: event.date }, chineseDate(event.date)),
              ' ',
              h('span', { className: ['event-name'] }, event.name),
              ' ',
              h('span', { className: ['index-locators'] }, backlinks.events[i]!),
            ]),
          ),
        ),
      ]),
    );
  }
  return h('body', { 'epub:type': 'backmatter' }, body);
}
