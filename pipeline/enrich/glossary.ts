/**
 * glossary.yaml: load and validate. The file is a mapping with `entries` (a list of terms) and an
 * optional `ignore` (formulations never to report as glossary candidates); a bare list is read as
 * `entries`. Each entry:
 *
 *   - term: 两个维护                 the headword (required)
 *     aliases: [“四强”, 四强支部]     other spellings; one written in quotes (“…”) only matches where the
 *                                    text quotes it, and links the words, not the quotes
 *     category: 政治要求              (required)
 *     definition: …                   2–4 factual sentences in Chinese (required, not empty)
 *     see: 004_52700c0b7c2082a9.txt   optional: the article file that explains the term
 *
 * Every problem is a diagnostic naming the file, line and column, one message text per kind of miss.
 * A bad entry (or a duplicate alias) is left out and the rest is used, so one slip does not lose the
 * whole glossary; the errors still fail the build.
 */
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { parseYaml } from '../corpus.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { articleIdFor, shortHash } from '../ids.js';
import { isMap, isScalar, isSeq } from '../yaml-library.js';
import { PINYIN, type Pinyin } from './pinyin.js';

const SOURCE = 'enrich';
const FIELDS = ['term', 'aliases', 'category', 'definition', 'see'] as const;
const REQUIRED = ['term', 'category', 'definition'] as const;

/** Quote pairs a quoted alias may be written with, and that it matches in the text. */
export const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
  ['"', '"'],
];

/** One spelling a term is found by: the words, and whether they count only inside quotes. */
export interface TermForm {
  words: string;
  quoted: boolean;
}

export interface GlossaryDef {
  id: string;
  term: string;
  /** The aliases as written in the file (quotes included), for display. */
  aliases: string[];
  definition: string;
  category: string;
  /** Article id of `see`, when it names a file of the book. */
  seeArticle: string | null;
  forms: TermForm[];
  /** Where the entry starts in glossary.yaml. */
  line: number | null;
}

export interface LoadedGlossary {
  entries: GlossaryDef[];
  /** Formulations the candidates report leaves out (as written, quotes stripped). */
  ignore: string[];
  messages: Diagnostic[];
}

export const EMPTY_GLOSSARY: LoadedGlossary = { entries: [], ignore: [], messages: [] };

/** A quoted alias (“四强”) → its words and `quoted: true`; anything else is matched as written. */
export function parseForm(text: string): TermForm {
  for (const [open, close] of QUOTE_PAIRS) {
    if (text.length > 2 && text.startsWith(open) && text.endsWith(close)) {
      const words = text.slice(open.length, text.length - close.length).trim();
      if (words !== '' && !words.includes(open) && !words.includes(close)) return { words, quoted: true };
    }
  }
  return { words: text, quoted: false };
}

/**
 * @param bookFiles source files of the articles in the book (for `see`)
 */
export function loadGlossary(source: { file: string; text: string }, bookFiles: readonly string[], pinyin: Pinyin = PINYIN): LoadedGlossary {
  const messages: Diagnostic[] = [];
  const { doc, where, ok } = parseYaml(source.text, source.file, messages, SOURCE);
  if (!ok) return { entries: [], ignore: [], messages };
  const root = doc.contents as YamlNode | null;
  if (root === null || (isScalar(root) && root.value === null)) return { entries: [], ignore: [], messages };

  let entriesNode: YamlNode | null = null;
  let ignoreNode: YamlNode | null = null;
  if (isSeq(root)) entriesNode = root;
  else if (isMap(root)) {
    for (const pair of root.items) {
      const key = keyOf(pair);
      if (key === 'entries') entriesNode = pair.value as YamlNode | null;
      else if (key === 'ignore') ignoreNode = pair.value as YamlNode | null;
      else messages.push(diagnostic('warning', SOURCE, 'glossary-unknown-field', `Unexpected field \`${key}\`, expected entries or ignore`, where(pair.key as YamlNode)));
    }
  } else {
    messages.push(diagnostic('error', SOURCE, 'glossary-not-a-map', 'Unexpected YAML value, expected a mapping with `entries` (a list of terms) and optional `ignore`', where(root)));
    return { entries: [], ignore: [], messages };
  }

  const files = new Set(bookFiles);
  const drafts: Array<Omit<GlossaryDef, 'id'>> = [];
  // Every form's words, to find duplicates: words → where they were first defined.
  const seen = new Map<string, { entry: number; quoted: boolean; line: number | null }>();
  if (entriesNode !== null && !(isScalar(entriesNode) && entriesNode.value === null)) {
    if (!isSeq(entriesNode)) {
      messages.push(diagnostic('error', SOURCE, 'glossary-field-type', 'Unexpected value for `entries`, expected a list of texts', where(entriesNode)));
    } else {
      for (const item of entriesNode.items as YamlNode[]) {
        const draft = readEntry(item, drafts.length, { where, messages, files, seen });
        if (draft !== null) drafts.push(draft);
      }
    }
  }

  const ignore = readIgnore(ignoreNode, where, messages);
  return { entries: assignIds(drafts, pinyin), ignore, messages };
}

type Where = ReturnType<typeof parseYaml>['where'];

interface EntryContext {
  where: Where;
  messages: Diagnostic[];
  files: ReadonlySet<string>;
  seen: Map<string, { entry: number; quoted: boolean; line: number | null }>;
}

function readEntry(node: YamlNode, index: number, ctx: EntryContext): Omit<GlossaryDef, 'id'> | null {
  const { where, messages } = ctx;
  if (!isMap(node)) {
    messages.push(diagnostic('error', SOURCE, 'glossary-entry-not-a-map', 'Unexpected entry, expected a mapping with term, aliases, category, definition and optional see', where(node)));
    return null;
  }
  const fields = fieldsOf(node, ctx);
  let bad = false;
  for (const name of REQUIRED) {
    if (!fields.has(name)) {
      messages.push(diagnostic('error', SOURCE, 'glossary-missing-field', `Unexpected entry without \`${name}\`, expected term, category and definition`, where(node)));
      bad = true;
    }
  }
  const term = text(fields.get('term'), 'term', ctx);
  const category = text(fields.get('category'), 'category', ctx);
  const definitionNode = fields.get('definition');
  const definition = text(definitionNode, 'definition', ctx);
  if (definitionNode !== undefined && definition === '') {
    messages.push(diagnostic('error', SOURCE, 'glossary-empty-definition', `Unexpected empty definition of “${term ?? ''}”, expected 2–4 sentences`, where(definitionNode)));
    bad = true;
  }
  if (fields.has('term') && term === '') {
    messages.push(diagnostic('error', SOURCE, 'glossary-empty-term', 'Unexpected empty `term`, expected the words of the term', where(fields.get('term'))));
    bad = true;
  }
  if (term === null || category === null || definition === null || term === '' || definition === '' || bad) return null;

  const aliases = list(fields.get('aliases'), 'aliases', ctx);
  const see = text(fields.get('see'), 'see', ctx);
  let seeArticle: string | null = null;
  if (see !== null && see !== '') {
    if (ctx.files.has(see)) seeArticle = articleIdFor(see);
    else messages.push(diagnostic('warning', SOURCE, 'glossary-see-missing', `Unexpected \`see: ${see}\`, expected an article file of the book`, where(fields.get('see'))));
  }

  // Register the term and its aliases; a form whose words another entry already has is an error.
  const forms: TermForm[] = [];
  const keptAliases: string[] = [];
  const candidates: Array<{ raw: string; node: YamlNode | undefined; isTerm: boolean }> = [
    { raw: term, node: fields.get('term'), isTerm: true },
    ...aliases.map((a) => ({ raw: a.value, node: a.node, isTerm: false })),
  ];
  const local = new Set<string>();
  for (const { raw, node: at, isTerm } of candidates) {
    const form = parseForm(raw);
    const key = `${form.quoted ? 'q' : 'b'}:${form.words}`;
    const first = ctx.seen.get(form.words);
    if (local.has(key) || (first !== undefined && first.entry !== index)) {
      const line = first?.line ?? null;
      const pos = where(at);
      messages.push(diagnostic('error', SOURCE, 'glossary-duplicate-term', `Unexpected duplicate “${form.words}”, expected each term and alias once in the glossary${line !== null && first?.entry !== index ? ` (first at line ${line})` : ''}`, pos));
      if (isTerm) return null;
      continue;
    }
    local.add(key);
    if (first === undefined) ctx.seen.set(form.words, { entry: index, quoted: form.quoted, line: where(at).line });
    forms.push(form);
    if (!isTerm) keptAliases.push(raw);
  }
  return { term, aliases: keptAliases, definition, category, seeArticle, forms, line: where(node).line };
}

function fieldsOf(node: YAMLMap, ctx: EntryContext): Map<string, YamlNode | undefined> {
  const out = new Map<string, YamlNode | undefined>();
  for (const pair of node.items) {
    const key = keyOf(pair);
    if ((FIELDS as readonly string[]).includes(key)) out.set(key, (pair.value ?? undefined) as YamlNode | undefined);
    else ctx.messages.push(diagnostic('warning', SOURCE, 'glossary-unknown-field', `Unexpected field \`${key}\`, expected one of ${FIELDS.join(', ')}`, ctx.where(pair.key as YamlNode)));
  }
  return out;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

/** A text field: trimmed, inner line breaks of folded YAML joined; null when absent or of the wrong type. */
function text(node: YamlNode | undefined, field: string, ctx: EntryContext): string | null {
  if (node === undefined) return null;
  if (isScalar(node) && node.value === null) return '';
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
    return tidy(String(node.value));
  }
  ctx.messages.push(diagnostic('error', SOURCE, 'glossary-field-type', `Unexpected value for \`${field}\`, expected text`, ctx.where(node)));
  return null;
}

/**
 * Whitespace collapsed, and dropped next to Chinese characters: a folded YAML scalar (`>`) joins its
 * lines with a space, which Chinese text must not get.
 */
export function tidy(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .replace(/ (?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’])|(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]) /gu, '')
    .trim();
}

function list(node: YamlNode | undefined, field: string, ctx: EntryContext): Array<{ value: string; node: YamlNode }> {
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) {
    ctx.messages.push(diagnostic('error', SOURCE, 'glossary-field-type', `Unexpected value for \`${field}\`, expected a list of texts`, ctx.where(node)));
    return [];
  }
  const out: Array<{ value: string; node: YamlNode }> = [];
  for (const item of node.items as YamlNode[]) {
    const value = text(item, field, ctx);
    if (value !== null && value !== '') out.push({ value, node: item });
  }
  return out;
}

function readIgnore(node: YamlNode | null, where: Where, messages: Diagnostic[]): string[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  const ctx: EntryContext = { where, messages, files: new Set(), seen: new Map() };
  return list(node, 'ignore', ctx).map((item) => parseForm(item.value).words);
}

/**
 * `g-` + the toneless pinyin of the term (`两个维护` → `g-lianggeweihu`): stable while the term is, and
 * readable in URLs. Terms that read alike get a hash of their text added, all of them, so no id depends
 * on which entry came first.
 */
function assignIds(drafts: Array<Omit<GlossaryDef, 'id'>>, pinyin: Pinyin): GlossaryDef[] {
  const slugs = drafts.map((d) => pinyin.slug(d.term));
  const count = new Map<string, number>();
  for (const s of slugs) count.set(s, (count.get(s) ?? 0) + 1);
  return drafts.map((d, i) => {
    const s = slugs[i]!;
    return { id: count.get(s)! > 1 || s === '' ? `g-${s}${s === '' ? '' : '-'}${shortHash(d.term, 6)}` : `g-${s}`, ...d };
  });
}
