/** Reading PDFs back with the real tools (poppler, qpdf) for the PDF renderer's tests. */
import { execFileSync, spawnSync } from 'node:child_process';

export function run(command: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdffonts(file: string): FontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type... encoding emb sub uni objectID gen: the flags are the 5th, 4th and 3rd from the end.
      const n = cols.length;
      return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes', unicode: cols[n - 3] === 'yes' };
    });
}

/** Text of each page (form feeds split pages), optionally cropped to a band (pt from the top). */
export function pageTexts(file: string, crop?: { y: number; height: number; width: number }): string[] {
  const args = ['-raw', '-enc', 'UTF-8'];
  if (crop) args.push('-x', '0', '-y', String(Math.floor(crop.y)), '-W', String(Math.ceil(crop.width)), '-H', String(Math.ceil(crop.height)));
  const out = execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages = out.split('\f');
  if (pages.at(-1) === '') pages.pop();
  return pages;
}

export interface OutlineItem {
  title: string;
  page: number;
  kids: OutlineItem[];
}

interface QpdfOutline {
  title: string;
  destpageposfrom1: number;
  kids: QpdfOutline[];
}

export function qpdfJson(file: string, keys: string[]): Record<string, unknown> {
  const out = execFileSync('qpdf', ['--json', ...keys.map((k) => `--json-key=${k}`), file], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(out) as Record<string, unknown>;
}

export function outline(file: string): OutlineItem[] {
  const convert = (o: QpdfOutline): OutlineItem => ({ title: o.title, page: o.destpageposfrom1, kids: o.kids.map(convert) });
  return (qpdfJson(file, ['outlines']).outlines as QpdfOutline[]).map(convert);
}

/** The printed page label of every page (1-based page → label), from /PageLabels. */
export function pageLabels(file: string, pageCount: number): string[] {
  const ranges = qpdfJson(file, ['pagelabels']).pagelabels as Array<{ index: number; label: { '/S'?: string; '/St'?: number } }>;
  const labels: string[] = [];
  for (let i = 0; i < pageCount; i++) {
    const range = [...ranges].reverse().find((r) => r.index <= i)!;
    const n = i - range.index + (range.label['/St'] ?? 1);
    labels.push(range.label['/S'] === '/r' ? roman(n) : range.label['/S'] === '/D' ? String(n) : '');
  }
  return labels;
}

function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, d] of table) while (n >= v) (out += d), (n -= v);
  return out;
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

/** The trailer's /ID (first element), read from the raw bytes. */
export function documentId(bytes: Buffer): string {
  const m = /\/ID \[<([0-9a-f]+)> <[0-9a-f]+>\]/.exec(bytes.toString('latin1'));
  if (!m) throw new Error('no /ID in the trailer');
  return m[1]!;
}

/** Text compared whitespace aside (and without invisible format characters). */
export function squash(text: string): string {
  return text.replace(/[\s\u200b-\u200f\u2060\ufeff\u00ad]/g, '');
}
