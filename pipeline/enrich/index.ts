/**
 * enrich: Root → Root, the only stage that sees the whole book. Collects the glossary, links terms,
 * gathers back-references, related articles and the indexes of cited documents and events.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Root } from '../ir.js';

export interface GlossarySource {
  file: string;
  text: string;
}

export interface EnrichResult {
  root: Root;
  messages: Diagnostic[];
}

export function enrich(root: Root, glossary: GlossarySource | null): EnrichResult {
  void glossary;
  return { root, messages: [] };
}
