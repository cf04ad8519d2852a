/**
 * The booklet's style (templates/pdf/style.yaml): loaded and checked once per render, then turned into
 * page geometry in points for the chosen page size. A bad style file is an error naming the file and key.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../../diagnostics.js';
import { yamlLibrary } from '../../yaml-library.js';
import type { TextStyle } from './layout/atoms.js';

export const STYLE_FILE = 'pdf/style.yaml';

const MM = 72 / 25.4;

export interface TextStyleSpec {
  font: string;
  size: number;
  leading: number;
  indent: number;
  color: string;
  spaceBefore: number;
  spaceAfter: number;
}

export interface PdfStyle {
  /** Where the style was read from (for messages) and the folder font paths are relative to. */
  file: string;
  dir: string;
  source: string;
  pageSizes: Record<string, [number, number]>;
  margins: { top: number; bottom: number; inner: number; outer: number };
  runningHeadAbove: number;
  footerBelow: number;
  fonts: Record<string, string>;
  colors: Record<string, string>;
  text: Record<string, TextStyleSpec>;
  index: { columns: number; gap: number };
  labels: Record<string, string>;
}

export const REQUIRED_TEXT_STYLES = [
  'body', 'runInHead', 'caption', 'note', 'separator', 'heading1', 'heading2', 'heading3', 'articleTitle', 'articleSubtitle',
  'articleMeta', 'related', 'runningHead', 'folio', 'coverTitle', 'coverSubtitle', 'coverMeta', 'titlePageTitle', 'colophon',
  'sectionTitle', 'tocArticle', 'tocHeading', 'tocSection', 'groupLetter', 'glossaryTerm', 'glossaryText', 'glossaryRefs',
  'indexHeading', 'indexEntry',
] as const;
export type TextStyleName = (typeof REQUIRED_TEXT_STYLES)[number];

export const REQUIRED_LABELS = [
  'contents', 'glossary', 'index', 'termIndex', 'documentIndex', 'eventIndex', 'seePages', 'related', 'author', 'source', 'date',
  'editors', 'compiler', 'articles', 'printing', 'aliases', 'bookTitle', 'compiledBy', 'identifier',
] as const;

/**
 * The style file as the build's main thread read it, its YAML parsed there (or taken from the build
 * cache, see build.ts): loading the parser took the PDF's thread ~80 ms of a rebuild.
 */
export interface StyleSource {
  source: string;
  doc: unknown;
}

/**
 * The style file's text and YAML; null when either cannot be read (the render then reads it and says
 * why). `parse` parses the text (a build passes one that takes a parse kept from an earlier build).
 */
export async function readStyleSource(templatesDir: string, parse: (source: string) => unknown | Promise<unknown> = parseStyleYaml): Promise<StyleSource | null> {
  try {
    const source = readFileSync(join(templatesDir, STYLE_FILE), 'utf8');
    return { source, doc: await parse(source) };
  } catch {
    return null;
  }
}

/** The style file's YAML as a plain value (the parser loaded on first use, not when a style comes parsed: a render thread's case). */
export function parseStyleYaml(source: string): unknown {
  return yamlLibrary().parse(source) as unknown;
}

/** The style, from the file or as `read` by the main thread. */
export async function loadStyle(templatesDir: string, read?: StyleSource | null): Promise<PdfStyle> {
  const file = join(templatesDir, STYLE_FILE);
  if (read) return parseStyle(read.source, file, join(templatesDir, 'pdf'), read);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    fail('render:pdf', 'style-missing', `Unexpected missing style file ${STYLE_FILE}, expected it in the templates folder`, { file });
  }
  return parseStyle(source, file, join(templatesDir, 'pdf'));
}

export function parseStyle(source: string, file: string, dir: string, parsed?: { doc: unknown }): PdfStyle {
  let doc: unknown = parsed?.doc;
  try {
    if (!parsed) doc = parseStyleYaml(source);
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    fail('render:pdf', 'style-invalid', `Unexpected YAML syntax: ${(error as Error).message.split('\n')[0]}, expected a YAML mapping`, { file, line: line?.line ?? null, column: line?.col ?? null });
  }
  const bad = (key: string, expected: string): never => fail('render:pdf', 'style-invalid', `Unexpected value of \`${key}\`, expected ${expected}`, { file });
  const obj = (v: unknown, key: string): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : bad(key, 'a mapping'));
  const num = (v: unknown, key: string, min = 0): number => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : bad(key, `a number ≥ ${min}`));
  const str = (v: unknown, key: string): string => (typeof v === 'string' && v !== '' ? v : bad(key, 'a non-empty string'));

  const top = obj(doc, '(file)');
  const pageSizes: Record<string, [number, number]> = {};
  for (const [name, value] of Object.entries(obj(top.pageSizes, 'pageSizes'))) {
    if (!Array.isArray(value) || value.length !== 2) bad(`pageSizes.${name}`, '[width, height] in mm');
    pageSizes[name.toUpperCase()] = [num((value as unknown[])[0], `pageSizes.${name}`, 1), num((value as unknown[])[1], `pageSizes.${name}`, 1)];
  }
  const m = obj(top.margins, 'margins');
  const margins = { top: num(m.top, 'margins.top'), bottom: num(m.bottom, 'margins.bottom'), inner: num(m.inner, 'margins.inner'), outer: num(m.outer, 'margins.outer') };
  const fonts: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(top.fonts, 'fonts'))) fonts[k] = str(v, `fonts.${k}`);
  const colors: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(top.colors, 'colors'))) {
    const c = str(v, `colors.${k}`);
    if (!/^#[0-9a-fA-F]{6}$/.test(c)) bad(`colors.${k}`, 'a colour #rrggbb');
    colors[k] = c.toLowerCase();
  }
  const textIn = obj(top.text, 'text');
  const bodyIn = obj(textIn.body, 'text.body');
  const text: Record<string, TextStyleSpec> = {};
  for (const name of REQUIRED_TEXT_STYLES) {
    const own = name === 'body' ? bodyIn : obj(textIn[name], `text.${name}`);
    const pick = (k: string): unknown => (own[k] !== undefined ? own[k] : k === 'spaceBefore' || k === 'spaceAfter' ? 0 : bodyIn[k]);
    const font = str(pick('font'), `text.${name}.font`);
    if (!(font in fonts)) bad(`text.${name}.font`, `one of the fonts ${Object.keys(fonts).join(', ')}`);
    const color = str(pick('color') ?? 'text', `text.${name}.color`);
    if (!(color in colors)) bad(`text.${name}.color`, `one of the colours ${Object.keys(colors).join(', ')}`);
    text[name] = {
      font,
      size: num(pick('size'), `text.${name}.size`, 1),
      leading: num(pick('leading'), `text.${name}.leading`, 0.5),
      indent: num(pick('indent'), `text.${name}.indent`),
      color: colors[color]!,
      spaceBefore: num(pick('spaceBefore'), `text.${name}.spaceBefore`),
      spaceAfter: num(pick('spaceAfter'), `text.${name}.spaceAfter`),
    };
  }
  const ix = obj(top.index, 'index');
  const labelsIn = obj(top.labels, 'labels');
  const labels: Record<string, string> = {};
  for (const k of REQUIRED_LABELS) labels[k] = str(labelsIn[k], `labels.${k}`);
  return {
    file,
    dir,
    source,
    pageSizes,
    margins,
    runningHeadAbove: num(obj(top.runningHead, 'runningHead').above, 'runningHead.above'),
    footerBelow: num(obj(top.footer, 'footer').below, 'footer.below'),
    fonts,
    colors,
    text,
    index: { columns: Math.max(1, Math.round(num(ix.columns, 'index.columns', 1))), gap: num(ix.gap, 'index.gap') },
    labels,
  };
}

export function textStyle(style: PdfStyle, name: TextStyleName): TextStyle {
  const s = style.text[name]!;
  return { font: s.font, size: s.size, color: s.color };
}

/** Page geometry in points (origin top left). */
export interface Geometry {
  width: number;
  height: number;
  top: number;
  inner: number;
  outer: number;
  /** Text block width: a whole number of body ems. */
  measure: number;
  /** Text block height: a whole number of body lines. */
  textHeight: number;
  bodyLine: number;
  runningHeadBaseline: number;
  folioBaseline: number;
}

/** `A5`, `a4`, or a custom `148x210mm`; null if the name is unknown. */
export function pageSizeOf(style: PdfStyle, name: string): [number, number] | null {
  const custom = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)mm$/i.exec(name.trim());
  if (custom) return [Number(custom[1]), Number(custom[2])];
  return style.pageSizes[name.trim().toUpperCase()] ?? null;
}

export function geometry(style: PdfStyle, sizeMm: [number, number]): Geometry {
  const width = sizeMm[0] * MM;
  const height = sizeMm[1] * MM;
  const body = style.text.body!;
  const em = body.size;
  const bodyLine = body.size * body.leading;
  const inner = style.margins.inner * MM;
  const available = width - inner - style.margins.outer * MM;
  const measure = Math.floor(available / em + 1e-6) * em;
  const top = style.margins.top * MM;
  const lines = Math.floor((height - top - style.margins.bottom * MM) / bodyLine + 1e-6);
  if (measure < em * 8 || lines < 8) {
    fail('render:pdf', 'page-too-small', `Unexpected page size ${sizeMm[0]}×${sizeMm[1]} mm, expected room for at least 8 lines of 8 characters with the style's margins`, { file: style.file });
  }
  const textHeight = lines * bodyLine;
  return {
    width,
    height,
    top,
    inner,
    outer: width - inner - measure,
    measure,
    textHeight,
    bodyLine,
    runningHeadBaseline: top - style.runningHeadAbove * MM,
    folioBaseline: top + textHeight + style.footerBelow * MM,
  };
}

export const mm = (value: number): number => value * MM;
