import { visit, type Article, type GlossaryEntry } from '../../ir.js';
import type { GlossaryTerm } from './state.js';

/**
 * The glossary entries an article's terms render with (id, term, definition; the last entry of an id, as
 * the state's lookup has it), in order of first use: all a page needs of the glossary, so a page's cached
 * unit depends on those entries and not on where else they occur.
 */
export function termsOf(article: Article, glossary: ReadonlyMap<string, GlossaryEntry>): GlossaryTerm[] {
  const seen = new Set<string>();
  const out: GlossaryTerm[] = [];
  visit(article, (node) => {
    if (node.type !== 'term' || seen.has(node.data.termId)) return;
    seen.add(node.data.termId);
    const entry = glossary.get(node.data.termId);
    if (entry) out.push({ id: entry.id, term: entry.term, definition: entry.definition });
  });
  return out;
}
