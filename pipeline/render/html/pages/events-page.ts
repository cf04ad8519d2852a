/** The index of dated events: date, name, and back-links to where each is mentioned. */
import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { chineseDate, isMachineDate } from '../../dates.js';
import { page } from '../layout.js';
import { occurrenceList } from '../occurrences.js';
import type { Site } from '../site.js';

/** `backlinks[i]`: the back-link groups of event `i`, one per article (see occurrences.ts). */
export function eventsPage(site: Site, backlinks: ElementContent[][]): Root {
  const { labels, root } = site;
  const main: ElementContent[] = [h('h1', labels.events), h('p', { className: ['intro'] }, labels.eventsIntro)];
  if (root.data.events.length === 0) main.push(h('p', labels.empty));
  else {
    main.push(
      h(
        'ol',
        { className: ['index-list', 'events'] },
        root.data.events.map((e, i) => {
          const date = isMachineDate(e.date) ? h('time', { dateTime: e.date }, chineseDate(e.date)) : h('span', e.date);
          return h('li', { id: e.id }, [h('p', { className: ['entry-name'] }, [date, ' ', e.name]), ...occurrenceList(labels, backlinks[i]!)]);
        }),
      ),
    );
  }
  return page(site.shell, labels, { title: labels.events, current: 'events', main, bodyClass: 'index-page events-page' });
}
