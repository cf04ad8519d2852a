/**
 * Document metadata: the Info dictionary, an XMP packet written here with every value escaped (pdfkit
 * pastes Info values into its XMP unescaped, so a title with `&` or `<` would break it), page labels,
 * and a document /ID derived from the content, so two different books never share one and the same book
 * always gets the same. Dates come from SOURCE_DATE_EPOCH only.
 */
import { createHash } from 'node:crypto';
import type PDFDocument from 'pdfkit';
import type { Root } from '../../../ir.js';

type Doc = InstanceType<typeof PDFDocument>;

export const CREATOR = 'compendium';
export const PRODUCER = 'compendium (pdfkit 0.20)';

export interface DocumentInfo {
  Title: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator: string;
  Producer: string;
  CreationDate: Date;
  ModDate: Date;
}

export function documentInfo(root: Root, epoch: number, variant: string): DocumentInfo {
  const book = root.data.book;
  const date = new Date(epoch * 1000);
  const keywords = [...new Set(root.children.flatMap((a) => a.data.keywords))];
  const info: DocumentInfo = {
    Title: variant ? `${book.title}（${variant}）` : book.title,
    Creator: CREATOR,
    Producer: PRODUCER,
    CreationDate: date,
    ModDate: date,
  };
  if (book.compiler) info.Author = book.compiler;
  if (book.subtitle) info.Subject = book.subtitle;
  if (keywords.length > 0) info.Keywords = keywords.join('; ');
  return info;
}

/** 16 bytes from everything the file is made of: the IR, the options, the style. */
export function documentId(parts: readonly string[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest().subarray(0, 16);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function xmpDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function uuidOf(id: Buffer): string {
  const x = id.toString('hex');
  return `uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function xmpPacket(info: DocumentInfo, root: Root, id: Buffer): string {
  const e = escapeXml;
  const lang = e(root.data.lang);
  const lines = [
    '<rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
    '  <dc:format>application/pdf</dc:format>',
    `  <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(info.Title)}</rdf:li><rdf:li xml:lang="${lang}">${e(info.Title)}</rdf:li></rdf:Alt></dc:title>`,
    `  <dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    `  <dc:identifier>${e(root.data.book.identifier)}</dc:identifier>`,
  ];
  if (info.Author) lines.push(`  <dc:creator><rdf:Seq><rdf:li>${e(info.Author)}</rdf:li></rdf:Seq></dc:creator>`);
  if (info.Subject) lines.push(`  <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(info.Subject)}</rdf:li></rdf:Alt></dc:description>`);
  if (info.Keywords) {
    lines.push(`  <dc:subject><rdf:Bag>${info.Keywords.split('; ').map((k) => `<rdf:li>${e(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`);
    lines.push(`  <pdf:Keywords>${e(info.Keywords)}</pdf:Keywords>`);
  }
  lines.push(
    `  <xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>`,
    `  <xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate>`,
    `  <xmp:MetadataDate>${xmpDate(info.ModDate)}</xmp:MetadataDate>`,
    `  <xmp:CreatorTool>${e(info.Creator)}</xmp:CreatorTool>`,
    `  <pdf:Producer>${e(info.Producer)}</pdf:Producer>`,
    `  <xmpMM:DocumentID>${uuidOf(id)}</xmpMM:DocumentID>`,
    `  <xmpMM:InstanceID>${uuidOf(id)}</xmpMM:InstanceID>`,
    '</rdf:Description>',
  );
  return lines.join('\n');
}

interface DocInternals {
  _id: Uint8Array;
  _root: { data: Record<string, unknown> };
  appendXML(xml: string, newline?: boolean): void;
  _addInfo(): void;
}

/** Replace pdfkit's time-and-info-based /ID and its unescaped XMP with ours. */
export function applyMetadata(doc: Doc, info: DocumentInfo, root: Root, id: Buffer): void {
  const d = doc as unknown as DocInternals;
  d._id = id;
  const xml = xmpPacket(info, root, id);
  d._addInfo = function addInfo(this: DocInternals) {
    this.appendXML(xml);
  };
}

/** Roman page labels for the front matter, arabic from the first article (what viewers show as page numbers). */
export function applyPageLabels(doc: Doc, bodyStart: number, pageCount: number): void {
  const nums: unknown[] = [0, { S: 'r' }];
  if (bodyStart > 0 && bodyStart < pageCount) nums.push(bodyStart, { S: 'D' });
  (doc as unknown as DocInternals)._root.data.PageLabels = { Nums: nums };
}
