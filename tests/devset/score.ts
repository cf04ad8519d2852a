/**
 * Scores normalize + segment against the development set: real articles from another site, each
 * with a careful reader's expectations (tests/fixtures/devset/README.md). One point per field per
 * file; texts are compared after NFKC and with all whitespace removed.
 *
 * Print the table: `npx tsx tests/devset/score.ts`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toText, type Article } from '../../pipeline/ir.js';
import { normalize } from '../../pipeline/normalize/index.js';
import { segment } from '../../pipeline/segment.js';

export const DEVSET_DIR = fileURLToPath(new URL('../fixtures/devset/', import.meta.url));

export const FIELDS = [
  'title',
  'subtitle',
  'date',
  'source',
  'author',
  'encoding',
  'script',
  'first_paragraph_starts',
  'last_paragraph_ends',
  'headings',
  'boilerplate_lines',
  'photo_captions',
] as const;
export type Field = (typeof FIELDS)[number];

export interface Expected {
  title: string;
  subtitle: string | null;
  date: string | null;
  source: string | null;
  author: string | null;
  encoding: string;
  script: string;
  first_paragraph_starts: string;
  last_paragraph_ends: string;
  boilerplate_lines: string[];
  headings: string[];
  photo_captions?: string[];
}

export interface FieldResult {
  field: Field;
  ok: boolean;
  expected: unknown;
  actual: unknown;
}

export interface FileResult {
  file: string;
  fields: FieldResult[];
}

export const fold = (s: string | null): string | null => (s === null ? null : s.normalize('NFKC').replace(/\s+/gu, ''));

export function devsetFiles(): string[] {
  return readdirSync(join(DEVSET_DIR, 'raw'))
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

export function scoreFile(file: string): FileResult {
  const expected = JSON.parse(readFileSync(join(DEVSET_DIR, 'expected', `${file}.json`), 'utf8')) as Expected;
  const source = normalize({ file, bytes: readFileSync(join(DEVSET_DIR, 'raw', file)) });
  const article = segment(source);
  return { file, fields: compare(article, expected) };
}

export function compare(article: Article, expected: Expected): FieldResult[] {
  const d = article.data;
  const paragraphs = article.children.filter((b) => b.type === 'paragraph');
  const first = paragraphs[0] ? toText(paragraphs[0]) : '';
  const last = paragraphs.at(-1) ? toText(paragraphs.at(-1)!) : '';
  const headings = article.children.filter((b) => b.type === 'heading').map((h) => fold(toText(h))!);
  const blocks = article.children.map((b) => fold(toText(b))!);
  const survivors = expected.boilerplate_lines.filter((line) => {
    const f = fold(line)!;
    return blocks.some((b) => b === f || (f.length >= 10 && b.includes(f)));
  });
  const captions = paragraphs.filter((p) => p.data.role === 'caption').map((p) => fold(toText(p))!);
  const results: FieldResult[] = [
    same('title', d.title, expected.title),
    same('subtitle', d.subtitle, expected.subtitle),
    same('date', d.date, expected.date),
    same('source', d.source, expected.source),
    same('author', d.author, expected.author),
    same('encoding', d.encoding, expected.encoding),
    same('script', d.script, expected.script),
    { field: 'first_paragraph_starts', ok: fold(first)!.startsWith(fold(expected.first_paragraph_starts)!), expected: expected.first_paragraph_starts, actual: first.slice(0, 20) },
    { field: 'last_paragraph_ends', ok: fold(last)!.endsWith(fold(expected.last_paragraph_ends)!), expected: expected.last_paragraph_ends, actual: last.slice(-20) },
    { field: 'headings', ok: JSON.stringify(headings) === JSON.stringify(expected.headings.map((h) => fold(h))), expected: expected.headings, actual: headings },
    { field: 'boilerplate_lines', ok: survivors.length === 0, expected: [], actual: survivors },
  ];
  if (expected.photo_captions) {
    const want = expected.photo_captions.map((c) => fold(c)!);
    results.push({ field: 'photo_captions', ok: JSON.stringify(captions) === JSON.stringify(want), expected: want, actual: captions });
  }
  return results;
}

function same(field: Field, actual: string | null, expected: string | null): FieldResult {
  return { field, ok: fold(actual) === fold(expected), expected, actual };
}

export function scoreDevset(): { files: FileResult[]; passed: number; total: number } {
  const files = devsetFiles().map(scoreFile);
  const all = files.flatMap((f) => f.fields);
  return { files, passed: all.filter((r) => r.ok).length, total: all.length };
}

/** The score as a Markdown table: one row per file, one column per field. */
export function scoreTable(result = scoreDevset()): string {
  const short: Record<Field, string> = {
    title: 'title', subtitle: 'subt.', date: 'date', source: 'source', author: 'author', encoding: 'enc.', script: 'script',
    first_paragraph_starts: 'first', last_paragraph_ends: 'last', headings: 'headings', boilerplate_lines: 'boilerpl.', photo_captions: 'captions',
  };
  const rows = [`| file | ${FIELDS.map((f) => short[f]).join(' | ')} | score |`, `|---|${FIELDS.map(() => ':-:').join('|')}|--:|`];
  for (const f of result.files) {
    const cells = FIELDS.map((field) => {
      const r = f.fields.find((x) => x.field === field);
      return r === undefined ? '–' : r.ok ? '✓' : '✗';
    });
    rows.push(`| ${f.file.replace(/^(\d+)_.*?((?:\.[a-z0-9-]+)?\.txt)$/, '$1$2')} | ${cells.join(' | ')} | ${f.fields.filter((r) => r.ok).length}/${f.fields.length} |`);
  }
  rows.push(`\n**${result.passed}/${result.total} fields (${((100 * result.passed) / result.total).toFixed(1)} %)**`);
  return rows.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = scoreDevset();
  console.log(scoreTable(result));
  for (const f of result.files) for (const r of f.fields) if (!r.ok) console.log(`✗ ${f.file} ${r.field}: expected ${JSON.stringify(r.expected)}, got ${JSON.stringify(r.actual)}`);
}
