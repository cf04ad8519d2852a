/**
 * Packaging with epub-gen-memory: it writes the mimetype, container.xml, OPF, NCX, nav document and the
 * zip. Our templates (templates/epub/) replace its defaults where they fall short — its package has
 * `xml:lang="en"`, a random UUID, the clock's time as `dcterms:modified` and no accessibility metadata —
 * and chapter bodies are handed to the templates ready-made: through its `content` field they would be
 * re-serialised with every non-ASCII character as a numeric reference and non-allow-listed attributes
 * dropped. A subclass stamps every zip entry with SOURCE_DATE_EPOCH instead of the current time.
 *
 * Our documents can come ready-packed (`PackedEntry`: rendered with the chapter template as the library
 * would, deflated here and kept in the build cache), so a rebuild does not deflate again the chapters
 * that did not change: the zip takes a packed entry as it is. They are deflated by Node's zlib, several
 * times faster than the library's (pako, in JavaScript): the glossary and the index, made again in most
 * rebuilds, took a fifth of a second with it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { EPub, type Chapter as LibraryChapter, type Options } from 'epub-gen-memory';
import type { PackageMeta } from './metadata.js';
import { FILES } from './plan.js';
import type { NcxPoint } from './toc.js';

export interface EpubDocument {
  /** Manifest id (an XML name). */
  id: string;
  filename: string;
  /** The document's <title>. */
  title: string;
  /** The serialised `<body>…</body>`, or the whole file already packed (`packDocument`). */
  body: string | PackedEntry;
  /** Before the navigation document in the spine (cover, title page). */
  beforeToc: boolean;
  /** Manifest properties, e.g. `svg`. */
  properties?: string;
}

export interface PackageInput {
  meta: PackageMeta;
  documents: EpubDocument[];
  navTitle: string;
  navBody: string;
  ncx: { points: NcxPoint[]; depth: number };
  css: string;
  coverSvg: string;
  /** The cover image packed (`packEntry`), if it was. */
  coverPacked?: PackedEntry;
  templatesDir: string;
  sourceDateEpoch: number;
  /**
   * Packs a large file the library wrote itself (navigation, NCX, OPF), so a caller can reuse the deflate
   * of one that came out the same; without it the zip deflates them.
   */
  pack?: (content: Uint8Array) => Promise<PackedEntry>;
}

/** Below this size a file the library wrote is left to the zip: deflating it costs less than a cache entry. */
const PACK_MIN_BYTES = 16 * 1024;

const TEMPLATES = {
  contentOPF: 'content.opf.ejs',
  tocNCX: 'toc.ncx.ejs',
  tocXHTML: 'nav.xhtml.ejs',
  chapterXHTML: 'chapter.xhtml.ejs',
} as const;

/** Zip (DOS) time cannot go before 1980; an earlier SOURCE_DATE_EPOCH is clamped to its start. */
const ZIP_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 0);

/** A zip entry deflated ahead of time: its size, CRC-32 and deflated bytes (base64, so it can be cached as JSON). */
export interface PackedEntry {
  size: number;
  crc32: number;
  deflated: string;
}

// The library's own zip and template engine, so a packed entry holds what it would write.
const library = createRequire(createRequire(import.meta.url).resolve('epub-gen-memory'));
const CompressedObject = library('jszip/lib/compressedObject.js') as new (compressedSize: number, uncompressedSize: number, crc32: number, compression: unknown, data: Uint8Array) => object;
const compressions = library('jszip/lib/compressions.js') as { DEFLATE: unknown };
const ejs = library('ejs') as { render(template: string, data: Record<string, unknown>): string };

/** Deflate a file's content for the zip (level 9, the library's setting). */
export function packEntry(content: string | Uint8Array): PackedEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { size: bytes.length, crc32: crc32(bytes), deflated: deflateRawSync(bytes, { level: 9 }).toString('base64') };
}

/** An XHTML document as the library writes it (its chapter template around the body), packed. */
export function packDocument(template: string, lang: string, doc: Omit<EpubDocument, 'body'> & { body: string | Uint8Array }): PackedEntry {
  const body = doc.body;
  if (typeof body === 'string') return packEntry(renderDocument(template, lang, { ...doc, body }));
  // A body of bytes goes between the template's text before and after it, as it is (see aroundBody).
  const around = aroundBody(template, lang, doc);
  return packEntry(around ? Buffer.concat([Buffer.from(around[0], 'utf8'), body, Buffer.from(around[1], 'utf8')]) : renderDocument(template, lang, { ...doc, body: Buffer.from(body).toString('utf8') }));
}

function renderDocument(template: string, lang: string, doc: Omit<EpubDocument, 'body'> & { body: string }): string {
  return ejs.render(template, { lang, prependChapterTitles: false, ...libraryChapter(doc) });
}

/**
 * The template's text before and after the body, when it puts the body in once as it is: its one tag
 * that names `body` is `<%- body %>`, and rendered with two stand-ins of different lengths, each is found
 * once and the rest is the same. Null otherwise (a template that transforms the body, measures it or
 * shows it twice is rendered with the body itself).
 */
function aroundBody(template: string, lang: string, doc: Omit<EpubDocument, 'body'>): [string, string] | null {
  const naming = [...template.matchAll(/<%[\s\S]*?%>/g)].map((m) => m[0]).filter((tag) => /\bbody\b/.test(tag));
  if (naming.length !== 1 || !/^<%-\s*body\s*%>$/.test(naming[0]!)) return null;
  const [a, b] = BODY_STAND_INS.map((standIn) => renderDocument(template, lang, { ...doc, body: standIn }).split(standIn));
  return a!.length === 2 && b!.length === 2 && a![0] === b![0] && a![1] === b![1] ? [a![0]!, a![1]!] : null;
}

const BODY_STAND_INS = ['\u0000body\u0000', '\u0000the document body\u0000'];

/** The chapter object the library hands its template (what its own defaults and normalisation make of ours). */
function libraryChapter(doc: Omit<EpubDocument, 'body'> & { body: string }): Record<string, unknown> {
  return {
    title: doc.title,
    id: doc.id,
    url: '',
    excludeFromToc: true,
    beforeToc: doc.beforeToc,
    filename: doc.filename,
    // Deliberately empty: the body goes to our chapter template as `body`, untouched.
    content: '',
    body: doc.body,
    properties: doc.properties,
    author: [],
  };
}

export async function packageEpub(input: PackageInput): Promise<Uint8Array> {
  const templates = await loadTemplates(join(input.templatesDir, 'epub'));
  const options: Options & Record<string, unknown> = {
    ...templates,
    // The library renders every document with the chapter template (compiling it each time); a document
    // packed ahead of time replaces what it rendered, so when all are, it is given nothing to render.
    ...(input.documents.every((doc) => typeof doc.body !== 'string') ? { chapterXHTML: '' } : {}),
    title: input.meta.title,
    lang: input.meta.lang,
    // The library turns this into a Date (an absent one spreads as undefined and fails); our package
    // template prints `meta.date` itself, so a book without a date passes its deterministic stamp.
    date: input.meta.date ?? input.meta.modified,
    css: input.css,
    tocTitle: input.navTitle,
    cover: new File([input.coverSvg], FILES.coverImage, { type: 'image/svg+xml' }),
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    // Read by our templates (epub-gen-memory passes unknown options through to them).
    meta: input.meta,
    navBody: input.navBody,
    ncx: input.ncx,
    verbose: false,
  };
  const chapters = input.documents.map(
    (doc): LibraryChapter & Record<string, unknown> => ({
      id: doc.id,
      filename: doc.filename,
      title: doc.title,
      // Deliberately empty: the body goes to our chapter template as `body`, untouched.
      content: '',
      // A packed document's entry is replaced once the library has written it.
      body: typeof doc.body === 'string' ? doc.body : '',
      beforeToc: doc.beforeToc,
      excludeFromToc: true,
      properties: doc.properties,
    }),
  );
  const packed = new Map<string, PackedEntry>();
  input.documents.forEach((doc) => {
    if (typeof doc.body !== 'string') packed.set(doc.filename, doc.body);
  });
  if (input.coverPacked) packed.set(FILES.coverImage, input.coverPacked);
  const epub = new ReproducibleEPub(options, chapters, input.meta.identifier, new Date(Math.max(ZIP_EPOCH, input.sourceDateEpoch * 1000)), packed, input.pack);
  return epub.build();
}

async function loadTemplates(dir: string): Promise<Record<keyof typeof TEMPLATES, string>> {
  const out = {} as Record<keyof typeof TEMPLATES, string>;
  for (const [key, file] of Object.entries(TEMPLATES) as Array<[keyof typeof TEMPLATES, string]>) {
    out[key] = await readFile(join(dir, file), 'utf8');
  }
  return out;
}

class ReproducibleEPub extends EPub {
  constructor(
    options: Options,
    content: LibraryChapter[],
    identifier: string,
    private readonly mtime: Date,
    /** Entries under OEBPS/ by file name, packed ahead of time. */
    private readonly packed: ReadonlyMap<string, PackedEntry>,
    private readonly pack?: (content: Uint8Array) => Promise<PackedEntry>,
  ) {
    super(options, content);
    // The library draws a random UUID; the book's own identifier is stable.
    this.uuid = identifier;
  }

  async build(): Promise<Uint8Array> {
    await this.render();
    for (const [filename, entry] of this.packed) {
      const path = `OEBPS/${filename}`;
      if (!this.zip.files[path]) throw new Error(`Unexpected packed entry \`${path}\`, expected a file the library wrote`);
      // The same name and options as the library's entry (it keeps its place in the zip); the zip stores
      // data it is given as a CompressedObject of its own compression as it is.
      this.replace(path, entry);
    }
    if (this.pack) {
      const done = new Set([...this.packed.keys()].map((filename) => `OEBPS/${filename}`));
      for (const [path, file] of Object.entries(this.zip.files)) {
        // The mimetype is stored, never deflated; folders have no content.
        if (file.dir || done.has(path) || file.options.compression === 'STORE') continue;
        const content = await file.async('uint8array');
        if (content.length >= PACK_MIN_BYTES) this.replace(path, await this.pack(content));
      }
    }
    for (const entry of Object.values(this.zip.files)) entry.date = this.mtime;
    return this.zip.generateAsync({
      type: 'uint8array',
      mimeType: 'application/epub+zip',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
  }

  /** An entry as packed ahead of time: the same name and options as the library's (it keeps its place in the zip). */
  private replace(path: string, entry: PackedEntry): void {
    const data = Buffer.from(entry.deflated, 'base64');
    this.zip.file(path, new CompressedObject(data.length, entry.size, entry.crc32, compressions.DEFLATE, data) as unknown as string);
  }
}
