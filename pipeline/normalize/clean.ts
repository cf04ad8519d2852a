/**
 * The text-cleaning part of normalize, line by line: decoding of character references, repair of
 * conversion damage (misaligned GBK runs, pinyin annotations), full-width letters and digits, spacing
 * and punctuation widths; then, when the cleaned text is Traditional, conversion to Simplified. Every change is returned as a repair with the
 * rule that made it (trimming the line's own indentation and trailing space is not reported).
 *
 * Idempotent: cleaning a cleaned text changes nothing (`cleanText(cleanText(t)) === cleanText(t)`).
 */
import type { Script } from '../ir.js';
import { detectScript, toSimplified } from '../script.js';
import { charFrequencies } from './chars.js';
import { removeBidiControls, removeControlCharacters } from './controls.js';
import { fullWidthAlnumToAscii, normalizeEllipsis, widenPunctuation } from './punctuation.js';
import { decodeCharacterReferences } from './repair/entities.js';
import { repairGbkMisalignment } from './repair/gbk-misalignment.js';
import { removePinyinAnnotations } from './repair/pinyin.js';
import { collapseSpaces, joinLetterSpacing, removeSpacesAroundPunctuation, trimLine } from './whitespace.js';

/** Rule ids of the repairs, as they appear in the report. */
export const REPAIR_RULES = {
  characterReference: 'character-reference',
  gbkMisalignment: 'gbk-misalignment',
  pinyinAnnotation: 'pinyin-annotation',
  traditionalToSimplified: 'script-t2s',
  fullWidthAlnum: 'fullwidth-alnum',
  spacing: 'spacing',
  punctuationWidth: 'punctuation-width',
  ellipsis: 'ellipsis',
  letterSpacing: 'letter-spacing',
  controlCharacters: 'control-characters',
  bidiControl: 'bidi-control',
} as const;

export interface LineRepair {
  rule: string;
  before: string;
  after: string;
}

export interface CleanContext {
  /** Character counts over the whole document: how plausible a restored character is. */
  frequencies: ReadonlyMap<string, number>;
}

export interface CleanedLine {
  text: string;
  repairs: LineRepair[];
  /** Damaged runs that could not be restored (left as they were). */
  unresolved: string[];
}

export function cleanLine(raw: string, context: CleanContext): CleanedLine {
  const repairs: LineRepair[] = [];
  const unresolved: string[] = [];
  let text = raw;
  const step = (rule: string, next: string): void => {
    if (next !== text) repairs.push({ rule, before: text, after: next });
    text = next;
  };

  step(REPAIR_RULES.controlCharacters, removeControlCharacters(text));
  step(REPAIR_RULES.bidiControl, removeBidiControls(text));
  step(REPAIR_RULES.characterReference, decodeCharacterReferences(text));

  const gbk = repairGbkMisalignment(text, context.frequencies);
  for (const r of gbk.repairs) repairs.push({ rule: REPAIR_RULES.gbkMisalignment, before: r.before, after: r.after });
  for (const u of gbk.unresolved) unresolved.push(u.run);
  text = gbk.text;

  const pinyin = removePinyinAnnotations(text);
  for (const r of pinyin.removals) repairs.push({ rule: REPAIR_RULES.pinyinAnnotation, before: r.before, after: r.after });
  text = pinyin.text;

  step(REPAIR_RULES.fullWidthAlnum, fullWidthAlnumToAscii(text));
  text = trimLine(text);
  step(REPAIR_RULES.spacing, collapseSpaces(text));
  step(REPAIR_RULES.punctuationWidth, widenPunctuation(text));
  step(REPAIR_RULES.ellipsis, normalizeEllipsis(text));
  step(REPAIR_RULES.spacing, removeSpacesAroundPunctuation(text));
  step(REPAIR_RULES.letterSpacing, joinLetterSpacing(text));
  return { text, repairs, unresolved };
}

/**
 * The script of a text is decided on the cleaned lines (repairs done, before conversion), so that
 * the decision is the same when the output is cleaned again.
 */
export function scriptOf(lines: readonly CleanedLine[]): Script {
  return detectScript(lines.map((l) => l.text).join('\n'));
}

/**
 * Traditional → Simplified (opencc-js), reported as a repair of the line. Damaged runs left unresolved
 * are not text but misread bytes: converting them would only make other bytes of them (and a later
 * cleaning would read those differently), so they are kept as they are.
 */
export function simplifyLine(line: CleanedLine): CleanedLine {
  const after = convertOutside(line.text, line.unresolved.map((run) => run.slice(1)).filter((run) => run !== ''));
  if (after === line.text) return line;
  return { ...line, text: after, repairs: [...line.repairs, { rule: REPAIR_RULES.traditionalToSimplified, before: line.text, after }] };
}

function convertOutside(text: string, kept: readonly string[]): string {
  const at = kept.map((run) => ({ run, index: text.indexOf(run) })).filter((k) => k.index >= 0).sort((a, b) => a.index - b.index);
  let out = '';
  let from = 0;
  for (const { run, index } of at) {
    if (index < from) continue;
    out += toSimplified(text.slice(from, index)) + run;
    from = index + run.length;
  }
  return out + toSimplified(text.slice(from));
}

/** Passes of cleaning a converted text may take to settle; in practice one more than the first. */
const MAX_PASSES = 4;

/**
 * Clean every line of a decoded text, decide its script, and convert it to Simplified if need be.
 * Later steps give the misalignment repair new text to read (conversion and narrowing change the
 * characters of a damaged run left as it was, a question mark next to converted text is widened), so
 * a converted text, or one still holding a `?` that a run may follow, is cleaned again with its new
 * character counts until nothing changes: that makes cleaning idempotent. The script stays the
 * original one.
 */
export function cleanLines(lines: readonly string[], frequencies: ReadonlyMap<string, number>): { script: Script; lines: CleanedLine[] } {
  const first = cleanOnce(lines, frequencies);
  if (first.script !== 'hant' && !first.lines.some((line) => line.text.includes('?'))) return first;
  let cleaned = first.lines;
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const texts = cleaned.map((line) => line.text);
    const again = cleanOnce(texts, charFrequencies(texts.join('\n'))).lines;
    if (again.every((line, i) => line.text === texts[i])) break;
    cleaned = cleaned.map((line, i) => ({ text: again[i]!.text, repairs: [...line.repairs, ...again[i]!.repairs], unresolved: again[i]!.unresolved }));
  }
  return { script: first.script, lines: cleaned };
}

function cleanOnce(lines: readonly string[], frequencies: ReadonlyMap<string, number>): { script: Script; lines: CleanedLine[] } {
  const cleaned = lines.map((line) => cleanLine(line, { frequencies }));
  const script = scriptOf(cleaned);
  return { script, lines: script === 'hant' ? cleaned.map(simplifyLine) : cleaned };
}

/** Split a decoded text into lines (any line ending). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/);
}

/**
 * The cleaning of a whole text, as normalize does it before looking at the page's structure: the
 * lines cleaned with the document's own character counts. This is what "normalize's own output"
 * means for the idempotence property: cleanText(cleanText(t)) === cleanText(t).
 */
export function cleanText(text: string): string {
  return cleanLines(splitLines(text), charFrequencies(text))
    .lines.map((line) => line.text)
    .join('\n');
}
