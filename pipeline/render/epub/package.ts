/**
 * Packaging with epub-gen-memory: it writes the mimetype, container.xml, OPF, NCX, nav document and the
 * zip. Our templates (templates/epub/) replace its defaults where they fall short — its package has
 * `xml:lang="en"`, a random UUID, the clock's time as `dcterms:modified` and no accessibility metadata —
 * and chapter bodies are handed to the templates ready-made: through its `content` field they would be
 * re-serialised with every non-ASCII character as a numeric reference and non-allow-listed attributes
 * dropped. A subclass stamps every zip entry with SOURCE_DATE_EPOCH instead of the current time.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  /** The serialised `<body>…</body>`. */
  body: string;
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
  templatesDir: string;
  sourceDateEpoch: number;
}

const TEMPLATES = {
  contentOPF: 'content.opf.ejs',
  tocNCX: 'toc.ncx.ejs',
  tocXHTML: 'nav.xhtml.ejs',
  chapterXHTML: 'chapter.xhtml.ejs',
} as const;

/** Zip (DOS) time cannot go before 1980; an earlier SOURCE_DATE_EPOCH is clamped to its start. */
const ZIP_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 0);

export async function packageEpub(input: PackageInput): Promise<Uint8Array> {
  const templates = await loadTemplates(join(input.templatesDir, 'epub'));
  const options: Options & Record<string, unknown> = {
    ...templates,
    title: input.meta.title,
    lang: input.meta.lang,
    date: input.meta.date ?? undefined,
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
      body: doc.body,
      beforeToc: doc.beforeToc,
      excludeFromToc: true,
      properties: doc.properties,
    }),
  );
  const epub = new ReproducibleEPub(options, chapters, input.meta.identifier, new Date(Math.max(ZIP_EPOCH, input.sourceDateEpoch * 1000)));
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
  ) {
    super(options, content);
    // The library draws a random UUID; the book's own identifier is stable.
    this.uuid = identifier;
  }

  async build(): Promise<Uint8Array> {
    await this.render();
    for (const entry of Object.values(this.zip.files)) entry.date = this.mtime;
    return this.zip.generateAsync({
      type: 'uint8array',
      mimeType: 'application/epub+zip',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
  }
}
