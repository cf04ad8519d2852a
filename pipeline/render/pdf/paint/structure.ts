/**
 * The tagged-PDF structure tree: Document > Art / Sect / TOC / Index … > H1, P, TOCI …, each element
 * holding the marked content (by page and marked-content id) painted for it. pdfkit's structure API
 * converts and writes every element on its own; a book has tens of thousands, so they are kept here and
 * written together at the end, into pdfkit's structure tree root and parent tree.
 */
import type { StructRef } from '../layout/types.js';

interface Reference {
  id: number;
  offset: number;
  data: Record<string, unknown>;
}

interface Page {
  dictionary: Reference;
  structParentTreeKey: number;
}

interface MarkingDoc {
  ref(data?: Record<string, unknown>): Reference;
  getStructTreeRoot(): Reference;
  getStructParentTree(): { get(key: number): unknown[] };
  _offset: number;
  _write(data: string): void;
  _refEnd(ref: Reference): void;
}

interface Element {
  ref: Reference;
  role: string;
  title: string | null;
  parent: Element | null;
  /** Child elements and marked content (page, id), in order. */
  kids: Array<Element | [Reference, number]>;
}

/** A PDF text string: UTF-16BE in hex, so no character needs escaping. */
function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

export class StructureTree {
  private readonly root: Element;
  private readonly elements = new Map<string, Element>();
  private readonly all: Element[] = [];

  constructor(
    private readonly doc: MarkingDoc,
    private readonly lang: string,
  ) {
    this.root = this.make('Document', null, null);
    const treeRoot = doc.getStructTreeRoot();
    treeRoot.data.K = [this.root.ref];
  }

  /** The next marked-content id of `page` holds content of `struct`. */
  mark(struct: StructRef, page: Page): number {
    const ids = this.doc.getStructParentTree().get(page.structParentTreeKey);
    const element = this.element(struct);
    const mcid = ids.length;
    ids.push(element.ref);
    element.kids.push([page.dictionary, mcid]);
    return mcid;
  }

  /** Write every element, all at once. */
  finish(): void {
    const doc = this.doc;
    let offset = doc._offset;
    const text = this.all
      .map((e) => {
        const object = `${e.ref.id} 0 obj\n${this.body(e)}\nendobj`;
        e.ref.offset = offset;
        offset += object.length + 1;
        return object;
      })
      .join('\n');
    doc._write(text);
    for (const e of this.all) doc._refEnd(e.ref);
  }

  private body(e: Element): string {
    const page = e.kids.find((k): k is [Reference, number] => Array.isArray(k))?.[0] ?? null;
    const kids = e.kids.map((k) => (!Array.isArray(k) ? `${k.ref.id} 0 R` : k[0] === page ? String(k[1]) : `<</Type/MCR/Pg ${k[0].id} 0 R/MCID ${k[1]}>>`));
    let body = `<</Type/StructElem/S/${e.role}/P ${e.parent ? `${e.parent.ref.id} 0 R` : `${this.doc.getStructTreeRoot().id} 0 R`}`;
    if (e === this.root) body += `/Lang ${textString(this.lang)}`;
    if (e.title !== null) body += `/T ${textString(e.title)}`;
    if (page) body += `/Pg ${page.id} 0 R`;
    return `${body}/K[${kids.join(' ')}]>>`;
  }

  private element(ref: StructRef): Element {
    let element = this.elements.get(ref.key);
    if (!element) {
      const parent = ref.parent ? this.element(ref.parent) : this.root;
      element = this.make(ref.role, ref.title ?? null, parent);
      parent.kids.push(element);
      this.elements.set(ref.key, element);
    }
    return element;
  }

  private make(role: string, title: string | null, parent: Element | null): Element {
    // Written by finish(), with the others.
    const ref = this.doc.ref();
    const element: Element = { ref, role, title, parent, kids: [] };
    this.all.push(element);
    return element;
  }
}
