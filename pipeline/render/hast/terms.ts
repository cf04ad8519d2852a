import { hashOf } from '../../cache.js';
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

/**
 * A digest of what `termsOf` takes from each entry, by id: stands for the entries in the key of a page's
 * unit. Serialised in every key instead, the definitions made a fifth of the keys' text on the main thread.
 */
export function termDigests(glossary: ReadonlyMap<string, GlossaryEntry>): Map<string, string> {
  return new Map([...glossary].map(([id, entry]) => [id, hashOf(entry.id, entry.term, entry.definition)]));
}

/** `termsOf`'s entries as their digests (`termDigests`), for a unit's key. */
export function termKeys(terms: readonly GlossaryTerm[], digests: ReadonlyMap<string, string>): string[] {
  return terms.map((term) => digests.get(term.id)!);
}
