/**
 * Larger corpora for the benchmarks, made from the real pages we have (the seed articles in `corpus/` and
 * the development set): N raw `.txt` pages the CLI normalizes like any other. Each generated page keeps a
 * host page's surroundings (menus, meta line, footer: the cleaning has work to do), gets a title of its
 * own, and a body whose sections keep the host's headings but whose paragraphs are shuffled and partly
 * taken from the other pages — so every article differs, and glossary linking, cross-references and
 * layout do real work. Deterministic: the same N gives the same files. Some pages are written as
 * GB18030 or as UTF-8 with a BOM and CRLF line endings, as scraped pages come.
 *
 *   node --import tsx bench/lib/corpus-gen.ts N DIR     writes DIR/*.txt, compendium.yaml, glossary.yaml
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parse, stringify } from 'yaml';
import type { Block } from '../../pipeline/ir.js';
import { normalize } from '../../pipeline/normalize/index.js';
import { segment } from '../../pipeline/segment.js';

/** A raw page cut into the lines around the body, its title line and the body's blocks. */
interface Page {
  file: string;
  lines: string[];
  /** 0-based index of the title line, or null. */
  titleLine: number | null;
  /** 0-based index of the first and one past the last body line. */
  bodyStart: number;
  bodyEnd: number;
  /** The body as units of raw text (each one block), grouped into sections that start at a heading. */
  sections: Array<{ heading: string | null; paragraphs: string[] }>;
  title: string;
  headings: string[];
}

/** A small deterministic random generator (mulberry32), so the corpus is the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The source pages: the seeds and the development set, each once (its re-encoded copies left out). */
export async function sourcePaths(repo: string): Promise<string[]> {
  const devset = join(repo, 'tests', 'fixtures', 'devset', 'raw');
  return [
    ...(await readdir(join(repo, 'corpus'))).filter((n) => n.endsWith('.txt')).sort().map((n) => join(repo, 'corpus', n)),
    ...(await readdir(devset)).filter((n) => n.endsWith('.txt') && !/gb18030|utf8bom/.test(n)).sort().map((n) => join(devset, n)),
  ];
}

function textOf(block: Block): string {
  const walk = (node: unknown): string => {
    const n = node as { value?: string; children?: unknown[] };
    return typeof n.value === 'string' ? n.value : (n.children ?? []).map(walk).join('');
  };
  return walk(block);
}

async function readPage(path: string): Promise<Page> {
  const bytes = await readFile(path);
  const file = path.split('/').at(-1)!;
  const normalized = normalize({ file, bytes });
  const article = segment(normalized, {});
  const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').split(/\r?\n/);
  const blocks = article.children.filter((b) => b.position);
  const bodyStart = Math.min(...blocks.map((b) => b.position!.start.line)) - 1;
  const bodyEnd = Math.max(...blocks.map((b) => b.position!.end.line));
  const sections: Page['sections'] = [{ heading: null, paragraphs: [] }];
  for (const block of blocks) {
    const raw = lines.slice(block.position!.start.line - 1, block.position!.end.line).join('\n');
    if (block.type === 'heading') sections.push({ heading: raw, paragraphs: [] });
    else sections.at(-1)!.paragraphs.push(raw);
  }
  const headings = blocks
    .filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading')
    .map((b) => textOf(b))
    .filter((t) => t.length >= 6 && t.length <= 16 && /^[\p{Script=Han}\u3000]+$/u.test(t));
  return {
    file,
    lines,
    titleLine: normalized.meta.titleLine === null ? null : normalized.meta.titleLine - 1,
    bodyStart,
    bodyEnd,
    sections: sections.filter((s) => s.heading !== null || s.paragraphs.length > 0),
    title: article.data.title,
    headings,
  };
}

/** The body of one generated page: the host's headings in order, its paragraphs shuffled, some replaced. */
function bodyOf(host: Page, pool: string[], rand: () => number): string[] {
  const out: string[] = [];
  for (const section of host.sections) {
    if (section.heading !== null) out.push(section.heading);
    const paragraphs = shuffled(section.paragraphs, rand).map((p) => (rand() < 0.4 ? pick(pool, rand) : p));
    // Sections grow or shrink by a paragraph, so page breaks fall elsewhere.
    if (rand() < 0.3) paragraphs.push(pick(pool, rand));
    if (rand() < 0.2 && paragraphs.length > 2) paragraphs.pop();
    out.push(...paragraphs);
  }
  return out;
}

/** A title of its own: a clause of another page's title and a section heading of a third. */
function titleOf(host: Page, pages: Page[], headings: string[], index: number, rand: () => number): string {
  const clause = pick(pages, rand).title.split(/\s+/)[0]!;
  const heading = headings.length > 0 ? pick(headings, rand) : host.title;
  return clause === heading ? `${clause} 之${index + 1}` : `${clause} ${heading}`;
}

export interface GeneratedCorpus {
  dir: string;
  files: string[];
  /** Characters of raw text written (before encoding). */
  chars: number;
}

/** Write a corpus of `count` generated pages, the book file and the glossary into `dir`. */
export async function generateCorpus(repo: string, count: number, dir: string): Promise<GeneratedCorpus> {
  await mkdir(dir, { recursive: true });
  const pages = await Promise.all((await sourcePaths(repo)).map(readPage));
  const pool = pages.flatMap((p) => p.sections.flatMap((s) => s.paragraphs));
  const headings = pages.flatMap((p) => p.headings);
  const files: string[] = [];
  const hostFile = new Map<string, string>();
  let chars = 0;
  for (let i = 0; i < count; i++) {
    const rand = random(0x5eed + i);
    const host = pages[i % pages.length]!;
    const lines = [...host.lines];
    if (host.titleLine !== null) lines[host.titleLine] = titleOf(host, pages, headings, i, rand);
    const text = [...lines.slice(0, host.bodyStart), ...bodyOf(host, pool, rand).join('\n\n').split('\n'), ...lines.slice(host.bodyEnd)].join('\n');
    const name = `${String(i).padStart(4, '0')}_${host.file.replace(/^\d+_/, '').replace(/\.txt$/, '').slice(0, 24)}.txt`;
    files.push(name);
    if (!hostFile.has(host.file)) hostFile.set(host.file, name);
    chars += text.length;
    await writeFile(join(dir, name), encodingOf(i, text));
  }
  await writeFile(join(dir, 'compendium.yaml'), await bookFile(repo));
  await writeFile(join(dir, 'glossary.yaml'), await glossaryFile(repo, hostFile));
  return { dir, files, chars };
}

/** Most pages UTF-8; every 25th GB18030, every 40th UTF-8 with a BOM and CRLF. */
function encodingOf(index: number, text: string): Uint8Array | string {
  if (index % 25 === 24) return iconv.encode(text, 'gb18030');
  if (index % 40 === 39) return '\uFEFF' + text.replace(/\n/g, '\r\n');
  return text;
}

/** The seed corpus's book file without its reading order and overrides (they name the seed files). */
async function bookFile(repo: string): Promise<string> {
  const book = parse(await readFile(join(repo, 'corpus', 'compendium.yaml'), 'utf8')) as Record<string, unknown>;
  delete book.order;
  delete book.articles;
  return stringify(book);
}

/** The project glossary, its `see:` references pointing at the first page generated from that seed. */
async function glossaryFile(repo: string, hostFile: Map<string, string>): Promise<string> {
  const text = await readFile(join(repo, 'corpus', 'glossary.yaml'), 'utf8');
  return text.replace(/^(\s*see:\s*)(\S+)/gm, (line, lead: string, file: string) => (hostFile.has(file) ? lead + hostFile.get(file)! : line));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [count, dir] = [Number(process.argv[2]), process.argv[3]];
  if (!Number.isInteger(count) || count < 1 || !dir) {
    console.error('usage: node --import tsx bench/lib/corpus-gen.ts N DIR');
    process.exitCode = 2;
  } else {
    const repo = join(fileURLToPath(import.meta.url), '..', '..', '..');
    const made = await generateCorpus(repo, count, dir);
    console.log(`${made.files.length} articles, ${made.chars} characters → ${dir}`);
  }
}
