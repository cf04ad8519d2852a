/**
 * Embedding a font so that its CIDs are its own glyph ids. pdfkit numbers the glyphs of a subset in the
 * order they are first drawn, so the same text is written differently depending on what came before it;
 * with the CIDs being the font's glyph ids (the subset's numbering given by a CIDToGIDMap stream), a page
 * can be painted on its own and kept painted in the build cache. The rest is what pdfkit's own `embed`
 * does: a subset with a tagged name, the font descriptor, widths, and a ToUnicode map.
 */
import { deflateSync } from 'node:zlib';
import type { EmbeddedFont } from '../fonts.js';

interface Reference {
  data: Record<string, unknown>;
  end(chunk?: Uint8Array | string): void;
}

interface Internals {
  document: { ref(data?: Record<string, unknown>): Reference };
  dictionary: Reference;
  id: string;
  scale: number;
  ascender: number;
  descender: number;
  subset: { cff?: unknown; includeGlyph(id: number): number; encode(): Uint8Array };
  font: {
    postscriptName: string;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    italicAngle: number;
    capHeight: number;
    xHeight: number;
    ascent: number;
    head: { macStyle: { italic: boolean } };
    post: { isFixedPitch: boolean };
    'OS/2'?: { sFamilyClass: number };
    getGlyph(id: number): { advanceWidth: number };
  };
  embed(): void;
}

/** The glyphs drawn with one font: glyph id → the text it stands for (the first one given: see Painter.useGlyphs). */
export class FontGlyphs {
  readonly texts = new Map<number, string>();
}

/** Whether a font's outlines are TrueType (glyf): only those take a CIDToGIDMap. */
export function isTrueType(font: EmbeddedFont): boolean {
  return (font as unknown as Internals).subset.cff == null;
}

/** A font's subset file, and the advance of each of its glyphs (in the order of the glyph ids asked for). */
export interface EncodedSubset {
  /** The subset font file, and its CIDToGIDMap, both deflated. */
  file: Uint8Array;
  cidToGid: Uint8Array;
  widths: number[];
}

/**
 * The subset of a font (by style key) holding the given glyphs, from the build cache or made by `make`:
 * encoding one and reading its widths takes a while.
 */
export type SubsetCache = (font: string, gids: readonly number[], make: () => EncodedSubset) => Promise<EncodedSubset>;

/**
 * Have pdfkit embed `font` by glyph id, with the glyphs `glyphs` has collected: call once every page is
 * painted (the subset is encoded now, or taken from `cache`), before the document ends.
 */
export async function embedByGlyphId(key: string, font: EmbeddedFont, glyphs: FontGlyphs, cache: SubsetCache | null): Promise<void> {
  const f = font as unknown as Internals;
  const gids = [...glyphs.texts.keys()].sort((a, b) => a - b);
  // The subset's numbering: .notdef, then the glyphs by id (glyphs that composite ones use come after).
  for (const gid of gids) f.subset.includeGlyph(gid);
  const make = (): EncodedSubset => {
    // CID (= glyph id of the font) → glyph id in the subset, two bytes each; unused CIDs go to .notdef.
    const map = Buffer.alloc(2 * ((gids.at(-1) ?? 0) + 1));
    for (const gid of gids) map.writeUInt16BE(f.subset.includeGlyph(gid), 2 * gid);
    return {
      file: deflateSync(f.subset.encode()),
      cidToGid: deflateSync(map),
      widths: gids.map((gid) => Math.round(f.font.getGlyph(gid).advanceWidth * f.scale * 1000) / 1000),
    };
  };
  const subset = cache ? await cache(key, gids, make) : make();
  f.embed = () => embed(f, gids, glyphs, subset);
}

function embed(f: Internals, gids: readonly number[], glyphs: FontGlyphs, subset: EncodedSubset): void {
  const doc = f.document;
  const fontFile = doc.ref({ Filter: 'FlateDecode' });
  fontFile.end(subset.file);

  const familyClass = (f.font['OS/2']?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2;
  if (f.font.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (f.font.head.macStyle.italic) flags |= 1 << 6;
  const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((f.id.charCodeAt(i) || 73) + 17)).join('');
  const name = `${tag}+${f.font.postscriptName.replaceAll(' ', '_')}`;
  const { bbox } = f.font;
  const descriptor = doc.ref({
    Type: 'FontDescriptor',
    FontName: name,
    Flags: flags,
    FontBBox: [bbox.minX * f.scale, bbox.minY * f.scale, bbox.maxX * f.scale, bbox.maxY * f.scale],
    ItalicAngle: f.font.italicAngle,
    Ascent: f.ascender,
    Descent: f.descender,
    CapHeight: (f.font.capHeight || f.font.ascent) * f.scale,
    XHeight: (f.font.xHeight || 0) * f.scale,
    StemV: 0,
    FontFile2: fontFile,
  });
  descriptor.end();

  const cidToGid = doc.ref({ Filter: 'FlateDecode' });
  cidToGid.end(subset.cidToGid);

  const widths = new Map(gids.map((gid, i) => [gid, subset.widths[i]!]));
  const dw = commonest([...widths.values()]) ?? 1000;
  const descendant = doc.ref({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: name,
    CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
    FontDescriptor: descriptor,
    DW: dw,
    W: widthArray(gids, widths, dw),
    CIDToGIDMap: cidToGid,
  });
  descendant.end();

  f.dictionary.data = {
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: name,
    Encoding: 'Identity-H',
    DescendantFonts: [descendant],
    ToUnicode: toUnicode(doc, gids, glyphs),
  };
  f.dictionary.end();
}

function commonest(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  return best;
}

/** `W`: the widths that differ from `dw`, consecutive CIDs grouped: [c [w1 w2 …] c' [w …] …]. */
function widthArray(gids: readonly number[], widths: ReadonlyMap<number, number>, dw: number): unknown[] {
  const out: unknown[] = [];
  let run: number[] | null = null;
  let next = -1;
  for (const gid of gids) {
    const w = widths.get(gid)!;
    if (w === dw) {
      run = null;
      continue;
    }
    if (run && gid === next) run.push(w);
    else {
      run = [w];
      out.push(gid, run);
    }
    next = gid + 1;
  }
  return out;
}

function utf16(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

/** The ToUnicode CMap: each CID (glyph id) → its text. */
function toUnicode(doc: Internals['document'], gids: readonly number[], glyphs: FontGlyphs): Reference {
  const entries = gids.map((gid) => `<${gid.toString(16).padStart(4, '0')}> <${utf16(glyphs.texts.get(gid) || '\ufffd')}>`);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  const cmap = doc.ref();
  cmap.end(`/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`);
  return cmap;
}
