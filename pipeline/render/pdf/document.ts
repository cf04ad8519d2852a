/** A pdfkit document set up for this renderer: PDF 1.7, our fonts, our metadata, nothing from the clock. */
import PDFDocument from 'pdfkit';
import type { Root } from '../../ir.js';
import { registerFonts, type EmbeddedFont, type FontFiles } from './fonts.js';
import { applyMetadata, type DocumentInfo } from './paint/metadata.js';

export type Doc = InstanceType<typeof PDFDocument>;

export interface NewDocument {
  doc: Doc;
  fonts: Record<string, EmbeddedFont>;
  /** The file's bytes, once `doc.end()` has been called. */
  bytes: Promise<Buffer>;
}

export function newDocument(root: Root, info: DocumentInfo, id: Buffer, files: FontFiles, tagged: boolean): NewDocument {
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
  applyMetadata(doc, info, root, id);
  const fonts = registerFonts(doc, files);
  // pdfkit emits a chunk per line it writes; gather them into blocks so a big book is not millions of Buffers.
  const blocks: Buffer[] = [];
  let chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    if (chunks.length >= 4096) {
      blocks.push(Buffer.concat(chunks));
      chunks = [];
    }
  });
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat([...blocks, ...chunks])));
    doc.on('error', reject);
  });
  return { doc, fonts, bytes };
}
