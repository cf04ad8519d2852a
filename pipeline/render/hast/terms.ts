import type { GlossaryEntry } from '../../ir.js';
import type { GlossaryTerm } from './state.js';

/**
 * The glossary entries an article's terms render with (id, term, definition; the last entry of an id, as
 * the state's lookup has it), in order of first use, from the entry ids its terms link to in that order
 * (`ArticleFacts.terms`): all a page needs of the glossary, so a page's cached unit depends on those
 * entries and not on where else they occur.
 */
export function termsOf(termIds: readonly string[], glossary: ReadonlyMap<string, GlossaryEntry>): GlossaryTerm[] {
  return termIds.flatMap((id) => {
    const entry = glossary.get(id);
    return entry ? [{ id: entry.id, term: entry.term, definition: entry.definition }] : [];
  });
}
