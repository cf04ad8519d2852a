/** Shared by the EPUB tests: unpack an EPUB, parse its documents, run EPUBCheck. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';

const run = promisify(execFile);
export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';
const OEBPS = 'OEBPS/';

export interface Unpacked {
  /** Entry names in zip order. */
  names: string[];
  text(name: string): string;
  /** XHTML documents under OEBPS/, by file name relative to OEBPS/. */
  xhtml: Map<string, HastRoot>;
}

/** Entry names in the order the central directory lists them (fflate's unzip returns an object). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

export function unpack(bytes: Uint8Array): Unpacked {
  const files = unzipSync(bytes);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const text = (name: string): string => {
    const data = files[name];
    if (!data) throw new Error(`no entry ${name} in the EPUB`);
    return decoder.decode(data);
  };
  const xhtml = new Map<string, HastRoot>();
  for (const name of Object.keys(files)) {
    if (name.startsWith(OEBPS) && name.endsWith('.xhtml')) xhtml.set(name.slice(OEBPS.length), fromHtml(text(name)));
  }
  return { names: zipEntryNames(bytes), text, xhtml };
}

export function byType(tree: HastRoot, type: string): Element[] {
  return selectAll(`[epub\\:type~="${type}"]`, tree);
}

export function idsOf(tree: HastRoot): Set<string> {
  return new Set(selectAll('[id]', tree).map((e) => String(e.properties.id)));
}

/** `chapter-x.xhtml#id` relative to `from` → [file, id]. */
export function resolveHref(from: string, href: string): [string, string | null] {
  const [file, id] = href.split('#') as [string, string | undefined];
  return [file === '' ? from : file, id === undefined ? null : decodeURIComponent(id)];
}

export interface EpubCheckResult {
  nFatal: number;
  nError: number;
  nWarning: number;
  messages: Array<{ ID: string; severity: string; message: string; locations: Array<{ path: string; line: number; column: number }> }>;
}

export async function epubcheck(file: string): Promise<EpubCheckResult> {
  const dir = await mkdtemp(join(tmpdir(), 'epubcheck-'));
  try {
    const json = join(dir, 'report.json');
    // EPUBCheck exits non-zero when it finds errors; the JSON report says what they are.
    // The quick JIT tier and the serial collector: a third of the time on a busy two-core machine.
    const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
    await run('java', [...jvm, '-jar', EPUBCHECK_JAR, '--json', json, file], { maxBuffer: 64 * 1024 * 1024 }).catch(() => undefined);
    const report = JSON.parse(await readFile(json, 'utf8')) as { checker: EpubCheckResult; messages: EpubCheckResult['messages'] };
    return { ...report.checker, messages: report.messages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Numeric character references of characters outside ASCII (what epub-gen-memory would write). */
export function nonAsciiReferences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const code = m[1]!.startsWith('x') ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10);
    if (code > 0x7f) out.push(m[0]);
  }
  return out;
}
