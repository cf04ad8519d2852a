/** The index of cited documents (《…》): each with its other spellings and back-links to where it is cited. */
import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { page } from '../layout.js';
import { occurrenceList } from '../occurrences.js';
import type { Site } from '../site.js';

/** `backlinks[i]`: the back-link groups of document `i`, one per article (see occurrences.ts). */
export function documentsPage(site: Site, backlinks: ElementContent[][]): Root {
  const { labels, root } = site;
  const main: ElementContent[] = [h('h1', labels.documents), h('p', { className: ['intro'] }, labels.documentsIntro)];
  if (root.data.documents.length === 0) main.push(h('p', labels.empty));
  else {
    main.push(
      h(
        'ol',
        { className: ['index-list', 'documents'] },
        root.data.documents.map((d, i) => {
          const children: ElementContent[] = [h('cite', { id: d.id, className: ['entry-name'] }, `《${d.title}》`)];
          const others = d.variants.filter((v) => v !== d.title);
          if (others.length > 0) children.push(h('p', { className: ['entry-facts'] }, `${labels.variants}：${others.map((v) => `《${v}》`).join(labels.listSeparator)}`));
          children.push(...occurrenceList(labels, backlinks[i]!));
          return h('li', children);
        }),
      ),
    );
  }
  return page(site.shell, labels, { title: labels.documents, current: 'documents', main, bodyClass: 'index-page documents-page' });
}
