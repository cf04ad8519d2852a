/**
 * Reading a corpus folder: the article files, `compendium.yaml` (the book and per-article overrides) and
 * `glossary.yaml` (read here as raw text; enrich validates its entries). Both YAML files are optional.
 * Every problem is a Diagnostic naming the file, line and column.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import { readWholeFile } from './read-file.js';
import { isMap, isScalar, isSeq, yamlLibrary } from './yaml-library.js';

export const BOOK_FILE = 'compendium.yaml';
export const GLOSSARY_FILE = 'glossary.yaml';
/** Source files the pipeline reads; anything else in the folder is ignored (with a warning). */
const ARTICLE_EXTENSIONS = ['.txt'];
/** Files a corpus folder may hold besides the articles, read or ignored without a word. */
const KNOWN_FILES = [BOOK_FILE, GLOSSARY_FILE];
/** Default size limit of one source file: real articles are tens of kilobytes; a 2 MiB single line builds in about 0.5 GB. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ReadCorpusOptions {
  /** Larger article files are left out with a `file-too-large` error, without being read. */
  maxFileBytes?: number;
  /**
   * Reads compendium.yaml's text: `parseBookConfig` (the default), or one that takes what an earlier
   * build read from the same text and article files. Its messages go to `messages`.
   */
  parseBook?: (text: string, file: string, messages: Diagnostic[], articles: ReadonlySet<string>) => BookConfig | Promise<BookConfig>;
}

/** Article metadata a user may override in compendium.yaml when the heuristics get it wrong. */
export interface ArticleOverrides {
  title?: string;
  subtitle?: string | null;
  author?: string | null;
  source?: string | null;
  date?: string | null;
  editors?: string[];
  keywords?: string[];
}

export const OVERRIDE_FIELDS = ['title', 'subtitle', 'author', 'source', 'date', 'editors', 'keywords'] as const;

export interface BookConfig {
  title: string | null;
  subtitle: string | null;
  compiler: string | null;
  date: string | null;
  /** Article files in reading order; files not listed follow in name order. */
  order: string[];
  overrides: Record<string, ArticleOverrides>;
}

export interface SourceFile {
  /** Path relative to the corpus, forward slashes. */
  file: string;
  bytes: Uint8Array;
}

export interface Corpus {
  dir: string;
  book: BookConfig;
  files: SourceFile[];
  /** Raw text of glossary.yaml, or null when the corpus has none. */
  glossary: { file: string; text: string } | null;
  messages: Diagnostic[];
}

const EMPTY_BOOK: BookConfig = { title: null, subtitle: null, compiler: null, date: null, order: [], overrides: {} };

export async function readCorpus(dir: string, options: ReadCorpusOptions = {}): Promise<Corpus> {
  const messages: Diagnostic[] = [];
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const names = await listArticleFiles(dir, messages);
  const bookText = await readOptional(join(dir, BOOK_FILE));
  const book = bookText === null ? { ...EMPTY_BOOK } : await (options.parseBook ?? parseBookConfig)(bookText, BOOK_FILE, messages, new Set(names));
  const files: SourceFile[] = [];
  for (const file of orderFiles(names, book.order, messages)) {
    const bytes = readArticle(join(dir, ...file.split('/')), file, maxFileBytes, messages);
    if (bytes !== null) files.push({ file, bytes });
  }
  const glossaryText = await readOptional(join(dir, GLOSSARY_FILE));
  return {
    dir,
    book,
    files,
    glossary: glossaryText === null ? null : { file: GLOSSARY_FILE, text: glossaryText },
    messages,
  };
}

/**
 * The article files under `dir`, by name. A symbolic link is followed only when it stays inside the
 * corpus folder; one that leads out of it is an error (the build must not publish files from elsewhere),
 * and a folder reached twice (a link to a parent) is walked once. Other files (a PDF dropped in by
 * mistake) are ignored with a warning; a named pipe, socket or device is an error (reading one could
 * block the build forever).
 */
async function listArticleFiles(dir: string, messages: Diagnostic[]): Promise<string[]> {
  const out: string[] = [];
  const root = await realpath(dir);
  const walked = new Set<string>();
  const walk = async (folder: string, real: string): Promise<void> => {
    walked.add(real);
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      const file = relative(dir, full).split(sep).join(posix.sep);
      // Only a link can lead out of the folder: other entries are where the walk found them.
      const target = entry.isSymbolicLink() ? await realpath(full).catch(() => null) : join(real, entry.name);
      if (target === null || (target !== root && !target.startsWith(root + sep))) {
        messages.push(diagnostic('error', 'corpus', 'symlink-outside-corpus', 'Unexpected symbolic link to a file outside the corpus folder (or to nothing), expected a file inside it; the link is left out', { file }));
        continue;
      }
      const info = entry.isSymbolicLink() ? await stat(full) : entry;
      const isArticle = ARTICLE_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext));
      if (info.isDirectory()) {
        if (!walked.has(target)) await walk(full, target);
      } else if (!info.isFile()) {
        messages.push(diagnostic('error', 'corpus', 'file-not-regular', 'Unexpected named pipe, socket or device, expected a regular file; it is not read', { file }));
      } else if (isArticle) out.push(file);
      else if (!(folder === dir && KNOWN_FILES.includes(entry.name))) {
        messages.push(diagnostic('warning', 'corpus', 'file-ignored', `Unexpected file \`${file}\`, expected article text files (${ARTICLE_EXTENSIONS.join(', ')}); it is ignored`, { file }));
      }
    }
  };
  await walk(dir, root);
  return out.sort();
}

/** The bytes of one article, or null (with an error) when it is too large or cannot be read. */
function readArticle(path: string, file: string, maxFileBytes: number, messages: Diagnostic[]): Uint8Array | null {
  try {
    // A huge file is measured, never read.
    const { bytes, size } = readWholeFile(path, maxFileBytes);
    if (bytes === null) {
      messages.push(diagnostic('error', 'corpus', 'file-too-large', `Unexpected file of ${formatBytes(size)}, expected at most ${formatBytes(maxFileBytes)} per article (raise the limit with --max-file-size); the file is left out`, { file }));
      return null;
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } catch (error) {
    messages.push(diagnostic('error', 'corpus', 'file-unreadable', `Unexpected ${(error as NodeJS.ErrnoException).code ?? 'error'} while reading the file, expected a readable file; the file is left out`, { file }));
    return null;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} bytes`;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The YAML order first (missing files reported), then every other file by name. */
export function orderFiles(names: string[], order: string[], messages: Diagnostic[]): string[] {
  const present = new Set(names);
  const listed: string[] = [];
  for (const name of order) {
    if (present.has(name)) listed.push(name);
    else messages.push(diagnostic('warning', 'corpus', 'order-missing-file', `Unexpected \`${name}\` in \`order\`, expected a file of the corpus`, { file: BOOK_FILE }));
  }
  const seen = new Set(listed);
  return [...listed, ...names.filter((name) => !seen.has(name))];
}

// ---- compendium.yaml ----------------------------------------------------------------------------

type Where = (node: YamlNode | null | undefined) => { file: string; line: number | null; column: number | null };

/** Parse YAML text, turning syntax errors into diagnostics; returns the plain value and a locator. */
export function parseYaml(text: string, file: string, messages: Diagnostic[], source: string) {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    messages.push(diagnostic('error', source, 'yaml-syntax', `Unexpected YAML: ${firstLine(error.message)}`, { file, line: pos.line, column: pos.col }));
  }
  const where: Where = (node) => {
    const start = node?.range?.[0];
    if (start === undefined) return { file, line: null, column: null };
    const pos = lineCounter.linePos(start);
    return { file, line: pos.line, column: pos.col };
  };
  return { doc, where, ok: doc.errors.length === 0 };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** `articles` (the names of the corpus's article files) lets overrides of missing files be reported. */
export function parseBookConfig(text: string, file: string, messages: Diagnostic[], articles?: ReadonlySet<string>): BookConfig {
  const book: BookConfig = { ...EMPTY_BOOK, order: [], overrides: {} };
  const { doc, where, ok } = parseYaml(text, file, messages, 'corpus');
  if (!ok || doc.contents === null) return book;
  const root = doc.contents;
  if (!isMap(root)) {
    messages.push(diagnostic('error', 'corpus', 'book-not-a-map', 'Unexpected YAML value, expected a mapping of book fields', where(root)));
    return book;
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'title':
      case 'subtitle':
      case 'compiler':
        book[key] = stringOrNull(value, key, where, messages);
        break;
      case 'date':
        book.date = dateOrNull(value, key, where, messages);
        break;
      case 'order':
        book.order = stringList(value, key, where, messages);
        break;
      case 'articles':
        book.overrides = parseOverrides(value, where, messages, articles);
        break;
      default:
        messages.push(diagnostic('warning', 'corpus', 'book-unknown-field', `Unexpected field \`${key}\`, expected one of title, subtitle, compiler, date, order, articles`, where(pair.key as YamlNode)));
    }
  }
  return book;
}

function parseOverrides(node: YamlNode | null, where: Where, messages: Diagnostic[], articles?: ReadonlySet<string>): Record<string, ArticleOverrides> {
  const out: Record<string, ArticleOverrides> = {};
  if (node === null || (isScalar(node) && node.value === null)) return out;
  if (!isMap(node)) {
    messages.push(diagnostic('error', 'corpus', 'overrides-not-a-map', 'Unexpected value for `articles`, expected a mapping from file name to fields', where(node)));
    return out;
  }
  for (const pair of node.items) {
    const file = isScalar(pair.key) ? String(pair.key.value) : '';
    const fields = pair.value as YamlNode | null;
    const entry: ArticleOverrides = {};
    if (articles !== undefined && !articles.has(file)) {
      messages.push(diagnostic('warning', 'corpus', 'override-missing-file', `Unexpected override for \`${file}\`, expected the name of an article file of the corpus; it applies to nothing`, where(pair.key as YamlNode)));
    }
    if (!isMap(fields)) {
      messages.push(diagnostic('error', 'corpus', 'overrides-not-a-map', `Unexpected value for \`${file}\`, expected a mapping of metadata fields`, where(fields ?? (pair.key as YamlNode))));
      continue;
    }
    for (const field of fields.items) {
      const name = isScalar(field.key) ? String(field.key.value) : '';
      const value = field.value as YamlNode | null;
      if (name === 'title') {
        const title = stringOrNull(value, name, where, messages);
        if (title !== null) entry.title = title;
      } else if (name === 'subtitle' || name === 'author' || name === 'source') {
        entry[name] = stringOrNull(value, name, where, messages);
      } else if (name === 'date') {
        entry.date = dateOrNull(value, name, where, messages);
      } else if (name === 'editors' || name === 'keywords') {
        entry[name] = stringList(value, name, where, messages);
      } else {
        messages.push(diagnostic('warning', 'corpus', 'override-unknown-field', `Unexpected field \`${name}\`, expected one of ${OVERRIDE_FIELDS.join(', ')}`, where(field.key as YamlNode)));
      }
    }
    out[file] = entry;
  }
  return out;
}

function stringOrNull(node: YamlNode | null, key: string, where: Where, messages: Diagnostic[]): string | null {
  if (node === null || (isScalar(node) && node.value === null)) return null;
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
    const text = String(node.value).trim();
    return text === '' ? null : text;
  }
  messages.push(diagnostic('error', 'corpus', 'field-not-text', `Unexpected value for \`${key}\`, expected text`, where(node)));
  return null;
}

function dateOrNull(node: YamlNode | null, key: string, where: Where, messages: Diagnostic[]): string | null {
  const text = stringOrNull(node, key, where, messages);
  if (text === null) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  messages.push(diagnostic('error', 'corpus', 'field-not-date', `Unexpected \`${text}\` for \`${key}\`, expected a date as YYYY-MM-DD`, where(node)));
  return null;
}

function stringList(node: YamlNode | null, key: string, where: Where, messages: Diagnostic[]): string[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) {
    messages.push(diagnostic('error', 'corpus', 'field-not-list', `Unexpected value for \`${key}\`, expected a list`, where(node)));
    return [];
  }
  const out: string[] = [];
  for (const item of node.items as YamlNode[]) {
    const text = stringOrNull(item, key, where, messages);
    if (text !== null) out.push(text);
  }
  return out;
}
