/**
 * A TrueType font opened with its tables read from its file as fontkit first asks for them, and its glyph
 * outlines (`glyf`) a block at a time as glyphs are made. A CJK font is ~15 MB, nearly all of it outlines,
 * of which a render reads a glyph's header for its metrics and whole glyphs only to make a subset: a
 * rebuild whose subsets come from the build cache reads ~0.5 MB of each font and a few blocks, where
 * reading the four fonts whole cost the PDF's thread ~0.15 s.
 *
 * fontkit (the version pinned in package.json) reads every table of a TrueType font through
 * `_getTableStream` and makes every glyph through `_getBaseGlyph`, both wrapped here; a glyph reads only
 * its own stretch of `glyf` (from its `loca` offset to the next, and a header's worth at least).
 * Anything else — a collection, WOFF, CFF outlines, a variable font (fontkit reads those otherwise) — is
 * left to be read whole (null).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Font } from 'fontkit';
import { fontkit } from '../fontkit-library.js';
import type { FontFile } from './fonts.js';


interface Internals {
  _getTableStream(tag: string): unknown;
  _getBaseGlyph(id: number, characters?: number[]): unknown;
  head: { indexToLocFormat: number };
  numGlyphs: number;
  /** Tables decoded so far, by tag (fontkit decodes one when first read, unless it is here). */
  _tables: Record<string, unknown>;
}

const TRUE_TYPE = [0x00010000, 0x74727565 /* 'true' */];
const HEADER = 12;
const RECORD = 16;
/** A glyph's header (contour count and bounding box), read for its metrics even when it has no outline. */
const GLYPH_HEADER = 10;
/** Outlines are read in blocks of this many bytes. */
const BLOCK = 1 << 16;

/** What was read so far of a font opened here: whole tables, and bytes of outlines (tests look). */
export interface FontReads {
  tables: Set<string>;
  outlineBytes: number;
}
const reads = new WeakMap<object, FontReads>();

export function fontReads(font: object): FontReads | undefined {
  return reads.get(font);
}

export function openTablesAsRead(file: Pick<FontFile, 'path' | 'size'>): Font | null {
  if (file.size < HEADER) return null;
  // Zeros until read: memory the system hands over only where it is written.
  const bytes = Buffer.alloc(file.size);
  const readAt = (offset: number, length: number): void => {
    const fd = openSync(file.path, 'r');
    try {
      for (let at = 0, n = -1; at < length && n !== 0; at += n) n = readSync(fd, bytes, offset + at, length - at, offset + at);
    } finally {
      closeSync(fd);
    }
  };
  readAt(0, HEADER);
  if (!TRUE_TYPE.includes(bytes.readUInt32BE(0))) return null;
  const count = bytes.readUInt16BE(4);
  if (HEADER + RECORD * count > file.size) return null;
  readAt(HEADER, RECORD * count);
  const tables = new Map<string, [offset: number, length: number]>();
  for (let i = 0; i < count; i++) {
    const at = HEADER + RECORD * i;
    const [offset, length] = [bytes.readUInt32BE(at + 8), bytes.readUInt32BE(at + 12)];
    if (offset + length > file.size) return null;
    tables.set(bytes.toString('latin1', at, at + 4), [offset, length]);
  }
  if (tables.has('fvar') || tables.has('CFF ') || tables.has('CFF2')) return null;
  const font = fontkit.create(bytes) as Font & Internals;
  if (typeof font._getTableStream !== 'function' || typeof font._getBaseGlyph !== 'function') return null;
  const done: FontReads = { tables: new Set(), outlineBytes: 0 };
  reads.set(font, done);
  const stream = font._getTableStream.bind(font);
  font._getTableStream = (tag: string) => {
    const table = tables.get(tag);
    // The outlines are read glyph by glyph (below).
    if (table && !done.tables.has(tag) && tag !== 'glyf') {
      readAt(...table);
      done.tables.add(tag);
    }
    return stream(tag);
  };
  const glyf = tables.get('glyf');
  const loca = tables.get('loca');
  if (glyf && loca) {
    const [start, length] = glyf;
    const blocks = new Uint8Array(Math.ceil(length / BLOCK));
    const glyph = font._getBaseGlyph.bind(font);
    // The glyphs' offsets into `glyf`, from `loca` as stored, read when first asked for. fontkit's own
    // decoding (restructure's, an array of some 65,000 numbers) took ~20 ms per font, and fontkit asks
    // for it to measure any glyph: it is given these instead (the same numbers, bytes from the table's
    // start), as the table it already decoded.
    const [locaAt, locaSize] = loca;
    let offsets: Uint32Array | null = null;
    const locaOffsets = (): Uint32Array => {
      if (offsets) return offsets;
      readAt(locaAt, locaSize);
      done.tables.add('loca');
      // Bytes per entry: 2 (half the offset) in the short format, 4 in the long one.
      const short = font.head.indexToLocFormat === 0;
      offsets = new Uint32Array(Math.floor(locaSize / (short ? 2 : 4)));
      for (let i = 0; i < offsets.length; i++) offsets[i] = short ? 2 * bytes.readUInt16BE(locaAt + 2 * i) : bytes.readUInt32BE(locaAt + 4 * i);
      return offsets;
    };
    font._tables.loca = {
      get version(): number {
        return font.head.indexToLocFormat;
      },
      get offsets(): Uint32Array {
        return locaOffsets();
      },
    };
    const offsetOf = (id: number): number | undefined => {
      const all = locaOffsets();
      return id < 0 || id > font.numGlyphs || id >= all.length ? undefined : all[id];
    };
    font._getBaseGlyph = (id: number, characters?: number[]) => {
      const from = offsetOf(id);
      if (from !== undefined) {
        const to = Math.min(length, Math.max(offsetOf(id + 1) ?? from, from + GLYPH_HEADER));
        // The blocks not yet read, read together.
        for (let b = Math.floor(from / BLOCK); b * BLOCK < to; b++) {
          if (blocks[b]) continue;
          let last = b;
          while ((last + 1) * BLOCK < to && !blocks[last + 1]) last++;
          const end = Math.min(length, (last + 1) * BLOCK);
          readAt(start + b * BLOCK, end - b * BLOCK);
          done.outlineBytes += end - b * BLOCK;
          blocks.fill(1, b, last + 1);
          b = last;
        }
      }
      return glyph(id, characters);
    };
  }
  return font;
}
