/**
 * Page models → a pdfkit document. A page's content is what its layout already painted (articles and
 * sections come from the build cache that way, see units.ts) followed by its other items (running heads,
 * folios, related lists, the cover), painted here the same way (content.ts). The painter ties them into
 * the document: font resources, glyphs for the fonts' subsets, and for the reading copy the structure
 * tree (Document > Art > H1/P …, one element per marked-content id), link annotations to named
 * destinations, and the destinations themselves.
 *
 * Pages, their content streams, link annotations and structure elements are written by the painter as
 * they are, in bulk: pdfkit would build, convert and write each of their tens of thousands of objects one
 * by one.
 */
import { hash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type PDFDocument from 'pdfkit';
import { fail } from '../../../diagnostics.js';
import type { EmbeddedFont } from '../fonts.js';
import type { AnchorPlace, GlyphSource, PageModel, StructRef } from '../layout/types.js';
import { num } from '../layout/runs.js';
import { fontName, pageContent, rgb, type LinkRect } from './content.js';
import { embedByGlyphId, FontGlyphs, isTrueType, type SubsetCache } from './embed.js';
import { StructureTree } from './structure.js';

type Doc = InstanceType<typeof PDFDocument>;

/** Content streams up to this size (bytes) are written uncompressed. */
const SMALL_CONTENT = 512;

interface Reference {
  id: number;
  offset: number;
  data: Record<string, unknown>;
  end(chunk?: Uint8Array | string): void;
}

interface TaggingDoc {
  _root: { data: { Pages: Reference; Names: Reference } };
  createStructParentTreeNextKey(): number;
  ref(data?: Record<string, unknown>): Reference;
  getStructTreeRoot(): Reference;
  getStructParentTree(): { get(key: number): unknown[] };
  _offset: number;
  _write(data: string | Uint8Array): void;
  _refEnd(ref: Reference): void;
}

/** Named destinations are hashed anchor ids: same length, [0-9a-f], so pdfkit's name-tree sort is byte order. */
export function destName(anchor: string): string {
  // The one-shot hash: a book has tens of thousands of anchors, and a Hash object each costs twice as much.
  return 'd' + hash('sha256', anchor).slice(0, 20);
}

export interface PaintOptions {
  /** Tie content into the structure tree, add links and destinations (off for the imposed print file). */
  interactive: boolean;
  /** Anchors to make named destinations of, with their places. */
  targets: ReadonlyMap<string, AnchorPlace>;
  lang: string;
  /** Height of the page models (pt): what painted pages were painted on. */
  pageHeight: number;
  /** Encoded font subsets from the build cache. */
  subsets?: SubsetCache;
  /** Deflates a page's own operators (`keptDeflates`); zlib's `deflateSync` when absent. */
  deflate?: (bytes: Uint8Array) => Uint8Array;
}

/** A sheet being painted: its page object, content streams, operators, annotations. */
interface Sheet {
  ref: Reference;
  width: number;
  height: number;
  streams: Reference[];
  ops: string[];
  annots: Reference[];
  /** Key of its entry in the structure parent tree, once it has marked content. */
  structKey: number | null;
}

export class Painter {
  private readonly tree: StructureTree | null;
  private readonly t: TaggingDoc;
  /** Link targets by the page they are on. */
  private readonly targetsOn = new Map<number, Array<[string, AnchorPlace]>>();
  private readonly destNames = new Map<string, string>();
  private readonly glyphs = new Map<string, FontGlyphs>();
  private readonly tablesSeen = new Set<GlyphSource>();
  /** One resource dictionary for every page: the fonts. */
  private readonly resources: Reference;
  private readonly fontsUsed = new Set<string>();
  private sheet: Sheet | null = null;

  constructor(
    doc: Doc,
    private readonly fonts: Record<string, EmbeddedFont>,
    private readonly options: PaintOptions,
  ) {
    this.t = doc as unknown as TaggingDoc;
    for (const [key, font] of Object.entries(fonts)) {
      if (!isTrueType(font)) fail('render:pdf', 'font-outlines', `Unexpected font \`${key}\` with CFF outlines, expected a TrueType font (glyf outlines, as .ttf files have)`);
      this.glyphs.set(key, new FontGlyphs());
    }
    this.resources = this.t.ref();
    this.tree = options.interactive ? new StructureTree(this.t, options.lang) : null;
    for (const [anchor, place] of options.targets) {
      const list = this.targetsOn.get(place.page) ?? [];
      list.push([anchor, place]);
      this.targetsOn.set(place.page, list);
    }
  }

  /** Start a sheet (a page of the PDF) of the given size; page models are then painted on it. */
  addPage(width: number, height: number): void {
    this.endPage();
    // The page object's data is never written (endPage writes it); its MediaBox is there for pdfkit's outline.
    const ref = this.t.ref({ MediaBox: [0, 0, width, height] });
    const pages = this.t._root.data.Pages.data as { Kids: Reference[]; Count: number };
    pages.Kids.push(ref);
    pages.Count++;
    this.sheet = { ref, width, height, streams: [], ops: [], annots: [], structKey: null };
  }

  /** Paint one page model on the current sheet, its top left corner at (dx, dy) from the sheet's. */
  paint(page: PageModel, dx = 0, dy = 0): void {
    const sheet = this.sheet!;
    const oy = sheet.height - dy;
    const painted = page.painted;
    let links: LinkRect[] = [];
    let marks = 0;
    if (painted) {
      // Painted on a page of its own: moved to its place on the sheet.
      const ty = oy - this.options.pageHeight;
      const shifted = dx !== 0 || ty !== 0;
      if (shifted) sheet.streams.push(this.stream(`q 1 0 0 1 ${num(dx)} ${num(ty)} cm\n`));
      sheet.streams.push(this.stream(painted.content, true));
      if (shifted) sheet.streams.push(this.stream('Q\n'));
      for (const key of painted.fonts) this.fontsUsed.add(key);
      for (const table of painted.glyphs) this.useGlyphs(table);
      for (const mark of painted.marks) this.mark(mark);
      marks = painted.marks.length;
      links = painted.links.map(([x1, y1, x2, y2, target]): LinkRect => [x1 + dx, y1 + ty, x2 + dx, y2 + ty, target]);
    }
    const rest = page.items.slice(painted?.items ?? 0);
    for (const item of rest) if (item.type === 'line') for (const run of item.runs) this.useGlyphs(run.table);
    const content = pageContent(rest, dx, oy, marks);
    for (const op of content.ops) sheet.ops.push(op);
    for (const key of content.fonts) this.fontsUsed.add(key);
    if (!this.tree) return;
    for (const mark of content.marks) this.mark(mark);
    this.links([...links, ...content.links]);
    const dests = this.t._root.data.Names.data.Dests as { add(name: string, value: unknown[]): void };
    for (const [anchor, place] of this.targetsOn.get(page.index) ?? []) dests.add(this.destName(anchor), [sheet.ref, 'XYZ', null, sheet.height - Math.max(0, place.y - 4), null]);
  }

  /** A stroke in the sheet's top-down coordinates (fold marks). */
  stroke(x1: number, y1: number, x2: number, y2: number, width: number, color: string): void {
    const sheet = this.sheet!;
    const h = sheet.height;
    sheet.ops.push(`q ${num(width)} w ${rgb(color, 'RG')} ${num(x1)} ${num(h - y1)} m ${num(x2)} ${num(h - y2)} l S Q`);
  }

  /** Write the last sheet, the structure tree and the shared resources, and make the fonts' subsets. */
  async finish(): Promise<void> {
    this.endPage();
    this.tree?.finish();
    const fonts: Record<string, unknown> = {};
    for (const key of [...this.fontsUsed].sort()) {
      const font = this.fonts[key];
      if (!font) throw new Error(`font \`${key}\` is not registered`);
      fonts[fontName(key)] = font.ref();
    }
    this.resources.data.ProcSet = ['PDF', 'Text'];
    this.resources.data.Font = fonts;
    this.resources.end();
    for (const [key, glyphs] of this.glyphs) if (glyphs.texts.size > 0) await embedByGlyphId(key, this.fonts[key]!, glyphs, this.options.subsets ?? null);
  }

  private endPage(): void {
    const sheet = this.sheet;
    if (!sheet) return;
    // The operators painted here: a few running heads and folios are left as they are (deflating each
    // costs more than it saves).
    const text = Buffer.from(sheet.ops.join('\n') + '\n', 'latin1');
    sheet.streams.push(text.length > SMALL_CONTENT ? this.stream((this.options.deflate ?? deflateSync)(text), true) : this.stream(text));
    const t = this.t;
    let body = `<</Type/Page/Parent ${t._root.data.Pages.id} 0 R/MediaBox[0 0 ${num6(sheet.width)} ${num6(sheet.height)}]/Resources ${this.resources.id} 0 R`;
    body += sheet.streams.length === 1 ? `/Contents ${sheet.streams[0]!.id} 0 R` : `/Contents[${sheet.streams.map((r) => `${r.id} 0 R`).join(' ')}]`;
    if (sheet.structKey !== null) body += `/StructParents ${sheet.structKey}`;
    if (sheet.annots.length > 0) body += `/Annots[${sheet.annots.map((r) => `${r.id} 0 R`).join(' ')}]`;
    if (this.tree) body += '/Tabs/S';
    writeObjects(t, [[sheet.ref, `${body}>>`]]);
    this.sheet = null;
  }

  /**
   * A content stream of the current sheet, written at once, as pdfkit writes a stream it does not deflate
   * (`PDFReference.finalize`), without its copy of the bytes and its dictionary conversion: a book has
   * two or three a page.
   */
  private stream(data: Uint8Array | string, deflated = false): Reference {
    const t = this.t;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    const ref = t.ref();
    ref.offset = t._offset;
    t._write(`${ref.id} 0 obj`);
    t._write(`<<${deflated ? '\n/Filter /FlateDecode' : ''}\n/Length ${bytes.length}\n>>`);
    t._write('stream');
    t._write(bytes);
    t._write('\nendstream');
    t._write('endobj');
    t._refEnd(ref);
    return ref;
  }

  /** The next marked-content id of the sheet holds content of `struct`. */
  private mark(struct: StructRef): void {
    const sheet = this.sheet!;
    const t = this.t;
    this.tree?.mark(struct, {
      dictionary: sheet.ref,
      get structParentTreeKey(): number {
        return (sheet.structKey ??= t.createStructParentTreeNextKey());
      },
    });
  }

  private useGlyphs(table: GlyphSource): void {
    if (this.tablesSeen.has(table)) return;
    this.tablesSeen.add(table);
    const glyphs = this.glyphs.get(table.font);
    if (!glyphs) throw new Error(`font \`${table.font}\` is not registered`);
    // A glyph's text is made only when the document does not have the glyph yet (the first text stays).
    table.eachGlyph(
      (gid) => !glyphs.texts.has(gid),
      (gid, text) => glyphs.texts.set(gid, text),
    );
  }

  /** Link annotations to the targets that are known, written together. */
  private links(rects: readonly LinkRect[]): void {
    const objects: Array<[Reference, string]> = [];
    for (const [x1, y1, x2, y2, target] of rects) {
      if (!this.options.targets.has(target)) continue;
      objects.push([this.t.ref(), `<</Type/Annot/Subtype/Link/Rect[${x1} ${y1} ${x2} ${y2}]/Border[0 0 0]/F 4/Dest(${this.destName(target)})>>`]);
    }
    writeObjects(this.t, objects);
    for (const [ref] of objects) this.sheet!.annots.push(ref);
  }

  private destName(anchor: string): string {
    let name = this.destNames.get(anchor);
    if (name === undefined) this.destNames.set(anchor, (name = destName(anchor)));
    return name;
  }
}

/** Indirect objects written as they are, in one write; each object's offset is where its text starts. */
function writeObjects(t: TaggingDoc, objects: ReadonlyArray<readonly [Reference, string]>): void {
  if (objects.length === 0) return;
  let offset = t._offset;
  const text = objects
    .map(([ref, body]) => {
      const object = `${ref.id} 0 obj\n${body}\nendobj`;
      ref.offset = offset;
      offset += object.length + 1;
      return object;
    })
    .join('\n');
  t._write(text);
  for (const [ref] of objects) t._refEnd(ref);
}

/** A number as pdfkit writes one (six decimals at most). */
function num6(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
