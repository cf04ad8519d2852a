/**
 * Page models → a pdfkit document: text, rules and leaders; link annotations to named destinations;
 * and, for the reading copy, marked content tied into the structure tree (Document > Art > H1/P …) with
 * running heads, folios and rules marked as artifacts.
 */
import { createHash } from 'node:crypto';
import type PDFDocument from 'pdfkit';
import type { EmbeddedFont } from '../fonts.js';
import type { AnchorPlace, LineItem, PageItem, PageModel, StructRef } from '../layout/types.js';
import { lineOperators } from './text.js';

type Doc = InstanceType<typeof PDFDocument>;

interface StructElement {
  add(child: unknown): StructElement;
  end(): void;
}

interface TaggingDoc {
  struct(role: string, options?: Record<string, unknown>): StructElement;
  addStructure(element: StructElement): void;
  markStructureContent(role: string): unknown;
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
  addContent(op: string): void;
  addNamedDestination(name: string, ...args: unknown[]): void;
  goTo(x: number, y: number, w: number, h: number, name: string): void;
  page: { fonts: Record<string, unknown>; height: number };
}

/** Named destinations are hashed anchor ids: same length, [0-9a-f], so pdfkit's name-tree sort is byte order. */
export function destName(anchor: string): string {
  return 'd' + createHash('sha256').update(anchor).digest('hex').slice(0, 20);
}

export interface PaintOptions {
  /** Tag content into the structure tree, add links and destinations (off for the imposed print file). */
  interactive: boolean;
  /** Anchors to make named destinations of, with their places. */
  targets: ReadonlyMap<string, AnchorPlace>;
  lang: string;
}

export class Painter {
  private readonly elements = new Map<string, StructElement>();
  private readonly root: StructElement | null;
  private readonly t: TaggingDoc;

  constructor(
    private readonly doc: Doc,
    private readonly fonts: Record<string, EmbeddedFont>,
    private readonly options: PaintOptions,
  ) {
    this.t = doc as unknown as TaggingDoc;
    this.root = options.interactive ? this.t.struct('Document', { lang: options.lang }) : null;
    if (this.root) this.t.addStructure(this.root);
  }

  /** Paint one page model on the current pdfkit page, shifted by (dx, dy). */
  paint(page: PageModel, dx = 0, dy = 0): void {
    const doc = this.doc;
    doc.save();
    if (dx !== 0 || dy !== 0) doc.translate(dx, dy);
    let k = 0;
    while (k < page.items.length) {
      const first = page.items[k]!;
      const key = structOf(first)?.key ?? null;
      let end = k + 1;
      while (end < page.items.length && (structOf(page.items[end]!)?.key ?? null) === key) end++;
      this.marked(structOf(first), () => {
        for (let i = k; i < end; i++) this.item(page.items[i]!, page);
      });
      k = end;
    }
    doc.restore();
    if (this.options.interactive) {
      for (const item of page.items) if (item.type === 'line') this.links(item);
      for (const [anchor, place] of this.options.targets) if (place.page === page.index) this.t.addNamedDestination(destName(anchor), 'XYZ', null, Math.max(0, place.y - 4), null);
    }
  }

  /** Close the structure tree (after the last page). */
  finish(): void {
    this.root?.end();
  }

  private marked(struct: StructRef | null, draw: () => void): void {
    if (!this.options.interactive) return draw();
    if (struct === null) {
      this.t.markContent('Artifact', { type: 'Pagination' });
      draw();
      this.t.endMarkedContent();
      return;
    }
    const element = this.element(struct);
    const content = this.t.markStructureContent(struct.role);
    draw();
    this.t.endMarkedContent();
    element.add(content);
  }

  private element(ref: StructRef): StructElement {
    let element = this.elements.get(ref.key);
    if (!element) {
      element = this.t.struct(ref.role, ref.title ? { title: ref.title } : {});
      (ref.parent ? this.element(ref.parent) : this.root!).add(element);
      this.elements.set(ref.key, element);
    }
    return element;
  }

  private item(item: PageItem, page: PageModel): void {
    const doc = this.doc;
    switch (item.type) {
      case 'line': {
        doc.save();
        doc.transform(1, 0, 0, -1, 0, this.t.page.height);
        const ops = lineOperators(item, this.fonts, this.t.page.height, (font) => {
          if (this.t.page.fonts[font.id] == null) this.t.page.fonts[font.id] = font.ref();
        });
        for (const op of ops) this.t.addContent(op);
        doc.restore();
        break;
      }
      case 'rule':
        doc.save().lineWidth(item.thickness).strokeColor(item.color).moveTo(item.x1, item.y).lineTo(item.x2, item.y).stroke().restore();
        break;
      case 'rect':
        doc.save().rect(item.x, item.y, item.width, item.height).fill(item.color).restore();
        break;
      case 'leader': {
        // Dots on a common grid, so the leaders of all entries line up.
        const step = item.style.size * 0.5;
        const x1 = Math.ceil(item.x1 / step) * step;
        if (item.x2 - x1 < step) break;
        doc.save().lineWidth(item.style.size * 0.09).lineCap('round').strokeColor(item.style.color).dash(0.001, { space: step });
        doc.moveTo(x1, item.baseline - item.style.size * 0.1).lineTo(item.x2, item.baseline - item.style.size * 0.1).stroke().undash().restore();
        break;
      }
    }
    void page;
  }

  /** Link annotations over each run of atoms that links somewhere known. */
  private links(item: LineItem): void {
    const placed = item.line.placed;
    let k = 0;
    while (k < placed.length) {
      const link = item.spans[placed[k]!.atom.span]!.link;
      let end = k + 1;
      while (end < placed.length && item.spans[placed[end]!.atom.span]!.link === link) end++;
      if (link && this.options.targets.has(link)) {
        const x1 = item.x + placed[k]!.x;
        const x2 = item.x + placed[end - 1]!.x + placed[end - 1]!.advance;
        this.t.goTo(x1, item.top, x2 - x1, item.height, destName(link));
      }
      k = end;
    }
  }
}

function structOf(item: PageItem): StructRef | null {
  return item.type === 'line' ? item.struct : null;
}
