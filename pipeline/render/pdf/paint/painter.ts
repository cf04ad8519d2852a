/**
 * Page models → a pdfkit document. A page's content is what its layout already painted (articles and
 * sections come from the build cache that way, see units.ts) followed by its other items (running heads,
 * folios, related lists, the cover), painted here the same way (content.ts). The painter ties them into
 * the document: font resources, glyphs for the fonts' subsets, and for the reading copy the structure
 * tree (Document > Art > H1/P …, one element per marked-content id), link annotations to named
 * destinations, and the destinations themselves.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type PDFDocument from 'pdfkit';
import { fail } from '../../../diagnostics.js';
import type { EmbeddedFont } from '../fonts.js';
import type { GlyphTable } from '../layout/runs.js';
import type { AnchorPlace, PageModel } from '../layout/types.js';
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
  write(chunk: Uint8Array): void;
  end(chunk?: Uint8Array | string): void;
  finalize(): void;
}

interface TaggingDoc {
  addContent(op: string): unknown;
  addNamedDestination(name: string, ...args: unknown[]): void;
  ref(data?: Record<string, unknown>): Reference;
  page: { fonts: Record<string, unknown>; content: Reference; annotations: Reference[]; dictionary: Reference; structParentTreeKey: number };
  getStructTreeRoot(): Reference;
  getStructParentTree(): { get(key: number): unknown[] };
  _offset: number;
  _write(data: string): void;
  _refEnd(ref: Reference): void;
}

/** Named destinations are hashed anchor ids: same length, [0-9a-f], so pdfkit's name-tree sort is byte order. */
export function destName(anchor: string): string {
  return 'd' + createHash('sha256').update(anchor).digest('hex').slice(0, 20);
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
}

export class Painter {
  private readonly tree: StructureTree | null;
  private readonly t: TaggingDoc;
  /** Link targets by the page they are on. */
  private readonly targetsOn = new Map<number, Array<[string, AnchorPlace]>>();
  private readonly destNames = new Map<string, string>();
  private readonly glyphs = new Map<string, FontGlyphs>();
  private readonly tablesSeen = new Set<GlyphTable>();
  /** The current sheet: its content streams before the live one, and the live operators. */
  private streams: Reference[] = [];
  private ops: string[] = [];
  private sheetHeight = 0;
  private pageOpen = false;

  constructor(
    private readonly doc: Doc,
    private readonly fonts: Record<string, EmbeddedFont>,
    private readonly options: PaintOptions,
  ) {
    this.t = doc as unknown as TaggingDoc;
    // What pdfkit would add to a page's content (it flips the y axis first thing): the painter writes all.
    this.t.addContent = () => doc;
    for (const [key, font] of Object.entries(fonts)) {
      if (!isTrueType(font)) fail('render:pdf', 'font-outlines', `Unexpected font \`${key}\` with CFF outlines, expected a TrueType font (glyf outlines, as .ttf files have)`);
      this.glyphs.set(key, new FontGlyphs());
    }
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
    this.doc.addPage({ size: [width, height], margin: 0 });
    this.sheetHeight = height;
    this.streams = [];
    this.ops = [];
    this.pageOpen = true;
  }

  /** Paint one page model on the current sheet, its top left corner at (dx, dy) from the sheet's. */
  paint(page: PageModel, dx = 0, dy = 0): void {
    const oy = this.sheetHeight - dy;
    const painted = page.painted;
    let links: LinkRect[] = [];
    let marks = 0;
    if (painted) {
      // Painted on a page of its own: moved to its place on the sheet.
      const ty = oy - this.options.pageHeight;
      const shifted = dx !== 0 || ty !== 0;
      if (shifted) this.streams.push(this.stream(`q 1 0 0 1 ${num(dx)} ${num(ty)} cm\n`));
      this.streams.push(this.stream(painted.content, true));
      if (shifted) this.streams.push(this.stream('Q\n'));
      for (const key of painted.fonts) this.useFont(key);
      for (const table of painted.glyphs) this.useGlyphs(table);
      for (const mark of painted.marks) this.tree?.mark(mark, this.t.page);
      marks = painted.marks.length;
      links = painted.links.map(([x1, y1, x2, y2, target]): LinkRect => [x1 + dx, y1 + ty, x2 + dx, y2 + ty, target]);
    }
    const rest = page.items.slice(painted?.items ?? 0);
    for (const item of rest) if (item.type === 'line') for (const run of item.runs) this.useGlyphs(run.table);
    const content = pageContent(rest, dx, oy, marks);
    for (const op of content.ops) this.ops.push(op);
    for (const key of content.fonts) this.useFont(key);
    if (!this.tree) return;
    for (const mark of content.marks) this.tree.mark(mark, this.t.page);
    this.links([...links, ...content.links]);
    for (const [anchor, place] of this.targetsOn.get(page.index) ?? []) this.t.addNamedDestination(this.destName(anchor), 'XYZ', null, Math.max(0, place.y - 4), null);
  }

  /** A stroke in the sheet's top-down coordinates (fold marks). */
  stroke(x1: number, y1: number, x2: number, y2: number, width: number, color: string): void {
    const h = this.sheetHeight;
    this.ops.push(`q ${num(width)} w ${rgb(color, 'RG')} ${num(x1)} ${num(h - y1)} m ${num(x2)} ${num(h - y2)} l S Q`);
  }

  /** Write the last sheet, close the structure tree and make the fonts' subsets. */
  async finish(): Promise<void> {
    this.endPage();
    this.tree?.finish();
    for (const [key, glyphs] of this.glyphs) if (glyphs.texts.size > 0) await embedByGlyphId(key, this.fonts[key]!, glyphs, this.options.subsets ?? null);
  }

  private endPage(): void {
    if (!this.pageOpen) return;
    const page = this.t.page;
    const live = page.content;
    // Written here (an empty page too: the contents must be a stream); pdfkit ends it with the page.
    // A few running heads and folios are left as they are: deflating each costs more than it saves.
    const text = Buffer.from(this.ops.join('\n') + '\n', 'latin1');
    (live as unknown as { compress: boolean }).compress = false;
    if (text.length > SMALL_CONTENT) live.data.Filter = 'FlateDecode';
    live.write(text.length > SMALL_CONTENT ? deflateSync(text) : text);
    if (this.streams.length > 0) page.dictionary.data.Contents = [...this.streams, live];
    this.pageOpen = false;
  }

  /** A content stream of the current sheet, written at once. */
  private stream(data: Uint8Array | string, deflated = false): Reference {
    const ref = this.t.ref(deflated ? { Filter: 'FlateDecode' } : {});
    ref.end(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
    return ref;
  }

  private useFont(key: string): void {
    const font = this.fonts[key];
    if (!font) throw new Error(`font \`${key}\` is not registered`);
    const resources = this.t.page.fonts;
    const name = fontName(key);
    if (resources[name] == null) resources[name] = font.ref();
  }

  private useGlyphs(table: GlyphTable): void {
    if (this.tablesSeen.has(table)) return;
    this.tablesSeen.add(table);
    const glyphs = this.glyphs.get(table.font);
    if (!glyphs) throw new Error(`font \`${table.font}\` is not registered`);
    table.gids.forEach((gid, i) => glyphs.use(gid, table.texts[i]!));
  }

  /** Link annotations to the targets that are known, written together. */
  private links(rects: readonly LinkRect[]): void {
    const t = this.t;
    const refs: Reference[] = [];
    const bodies: string[] = [];
    for (const [x1, y1, x2, y2, target] of rects) {
      if (!this.options.targets.has(target)) continue;
      refs.push(t.ref());
      bodies.push(`<</Type/Annot/Subtype/Link/Rect[${x1} ${y1} ${x2} ${y2}]/Border[0 0 0]/F 4/Dest(${this.destName(target)})>>`);
    }
    if (refs.length === 0) return;
    // One write for all; each object's offset is where its text starts in it.
    let offset = t._offset;
    const text = refs
      .map((ref, i) => {
        const object = `${ref.id} 0 obj\n${bodies[i]}\nendobj`;
        ref.offset = offset;
        offset += object.length + 1;
        return object;
      })
      .join('\n');
    t._write(text);
    for (const ref of refs) {
      t._refEnd(ref);
      t.page.annotations.push(ref);
    }
  }

  private destName(anchor: string): string {
    let name = this.destNames.get(anchor);
    if (name === undefined) this.destNames.set(anchor, (name = destName(anchor)));
    return name;
  }
}

