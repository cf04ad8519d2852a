/** A pdfkit document set up for this renderer: PDF 1.7, our fonts, our metadata, nothing from the clock. */
import { PDFDocument } from './pdfkit-library.js';
import type { Root } from '../../ir.js';
import { registerFonts, type EmbeddedFont, type FontFiles, type OpenFonts } from './fonts.js';
import { applyMetadata, type DocumentInfo } from './paint/metadata.js';
import { writeDestinationsFast, writeParentTreeFast } from './paint/trees.js';

export type Doc = InstanceType<typeof PDFDocument>;

export interface NewDocument {
  doc: Doc;
  fonts: Record<string, EmbeddedFont>;
  /** The file's bytes, once `doc.end()` has been called. */
  bytes: Promise<Buffer>;
}

/** `applyMetadata` must be called with the document's /ID before it ends. `open`: the fonts opened already. */
export function newDocument(root: Root, info: DocumentInfo, files: FontFiles, tagged: boolean, open?: OpenFonts): NewDocument {
  const doc = new PDFDocument(({
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged,
    lang: root.data.lang,
    displayTitle: true,
    pageLayout: tagged ? 'twoPageRight' : 'singlePage',
    info: info as unknown as PDFKit.DocumentInfo,
    font: null as unknown as string, // no Helvetica: every glyph comes from the embedded CJK fonts
    compress: true,
  }) as PDFKit.PDFDocumentOptions);
  applyMetadata(doc, info, root, Buffer.alloc(16));
  const trees = doc as unknown as { _root: { data: { Names: { data: { Dests: Parameters<typeof writeDestinationsFast>[0] } } } }; getStructParentTree(): Parameters<typeof writeParentTreeFast>[0] };
  writeDestinationsFast(trees._root.data.Names.data.Dests);
  if (tagged) writeParentTreeFast(trees.getStructParentTree());
  const fonts = registerFonts(doc, files, open);
  // pdfkit writes the file a line at a time, each converted to bytes in a loop and pushed through the
  // stream; the lines are gathered here instead (as pdfkit does, one byte per character) and joined once
  // at the end (joined in blocks first, the 10 MB of a large book were copied twice). Text lines (object
  // headers, dictionaries, the cross-reference table: a hundred thousand of them in a large book) are
  // converted a run at a time, not one by one.
  const lines: Buffer[] = [];
  let text: string[] = [];
  const endText = (): void => {
    if (text.length === 0) return;
    lines.push(Buffer.from(text.join(''), 'latin1'));
    text = [];
  };
  const out = doc as unknown as { _offset: number; _write(data: Uint8Array | string): void };
  out._write = (data) => {
    if (typeof data === 'string') {
      text.push(data, '\n');
      out._offset += data.length + 1;
      if (text.length >= 8192) endText();
    } else {
      endText();
      lines.push(data as Buffer);
      out._offset += data.length;
    }
  };
  // What pdfkit wrote before (the header) comes through the stream.
  const head: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => head.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      endText();
      resolve(Buffer.concat([...head, ...lines]));
    });
    doc.on('error', reject);
  });
  return { doc, fonts, bytes };
}
