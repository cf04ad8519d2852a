/**
 * Writing outputs so that an interrupted build never leaves a half-written file: every file goes to a
 * temporary name in the same folder and is renamed over the old one (rename is atomic on one file
 * system). A manifest in the output folder remembers, per format, the key of the inputs that made its
 * files and their size and time: an unchanged format is not rendered again, an output someone edited or
 * deleted is, and files a format no longer makes (a removed article's page) are deleted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const TEMP_SUFFIX = '.partial';
export const MANIFEST = '.compendium-manifest.json';

/** A temporary name beside `path`: renamed over it once written (removeStaleTemporaries finds those left). */
function temporaryFor(path: string): string {
  return join(dirname(path), `.${randomUUID()}${TEMP_SUFFIX}`);
}

export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = temporaryFor(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * `writeAtomic` done at once, for text in pieces (strings, or UTF-8 bytes) that should be let go of soon: written asynchronously
 * while other work keeps the thread busy, a large file's pieces stay in memory until the last is out.
 */
export function writeAtomicSync(path: string, pieces: Iterable<string | Uint8Array>): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = temporaryFor(path);
  try {
    const fd = openSync(temp, 'w');
    try {
      for (const piece of pieces) {
        if (typeof piece === 'string') writeSync(fd, piece);
        else for (let at = 0; at < piece.byteLength; ) at += writeSync(fd, piece, at);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Write only when the content differs, so an unchanged file keeps its timestamp (make stays quiet). */
export async function writeIfChanged(path: string, data: Uint8Array | string): Promise<boolean> {
  const current = await readFile(path).catch(() => null);
  if (current !== null && sha256(current) === sha256(data)) return false;
  await writeAtomic(path, data);
  return true;
}

/** Temporary files left by a build that was killed mid-write. */
export async function removeStaleTemporaries(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith(TEMP_SUFFIX)) await rm(join(entry.parentPath, entry.name), { force: true });
  }
}

/** What identifies a file an earlier build wrote: if either changed, someone touched it. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Content hash of a rendered file, so an unchanged one is neither read back nor written again. */
  sha256?: string;
}

export interface FormatRecord {
  key: string;
  files: Record<string, FileStamp>;
  /** The build-cache units its render asked for, when it ran in a thread (read ahead by the next one). */
  units?: string[];
}

export interface Manifest {
  /** The IR files and the message counts of the build that made them (absent after a failed build). */
  ir?: FormatRecord & { errors: number; warnings: number };
  formats: Record<string, FormatRecord>;
}

export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await readFile(join(outDir, MANIFEST), 'utf8')) as Manifest;
    return parsed && typeof parsed.formats === 'object' && parsed.formats !== null ? parsed : { formats: {} };
  } catch {
    return { formats: {} };
  }
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  await writeIfChanged(join(outDir, MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
}

export async function fileRecords(outDir: string, paths: string[]): Promise<Record<string, FileStamp>> {
  const out: Record<string, FileStamp> = {};
  for (const path of paths) {
    const s = await stat(join(outDir, ...path.split('/')));
    out[path] = { size: s.size, mtimeMs: s.mtimeMs };
  }
  return out;
}

/**
 * Write a format's files, skipping each one the previous build wrote with the same content and nobody
 * touched since (judged from the manifest, without reading the old file). Returns the new stamps.
 */
export async function writeOutputs(
  outDir: string,
  files: ReadonlyArray<{ path: string; data: Uint8Array | string; kept?: string }>,
  before: FormatRecord | undefined,
): Promise<Record<string, FileStamp>> {
  const stamps: Record<string, FileStamp> = {};
  for (const file of files) {
    const path = join(outDir, ...file.path.split('/'));
    const prior = before?.files[file.path];
    if (file.kept !== undefined) {
      // The renderer was told so (keptFiles); it made no data to write.
      if (prior === undefined || prior.sha256 !== file.kept) throw new Error(`${file.path} was kept, but the previous build did not write it so`);
      stamps[file.path] = prior;
      continue;
    }
    // A text is encoded once, for both its hash and the file (the 1.8 MB glossary page took ~25 ms each time).
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    const hash = sha256(data);
    if (prior?.sha256 === hash && asRecorded(outDir, file.path, prior)) {
      stamps[file.path] = prior;
      continue;
    }
    await writeAtomic(path, data);
    const s = await stat(path);
    stamps[file.path] = { size: s.size, mtimeMs: s.mtimeMs, sha256: hash };
  }
  return stamps;
}

/**
 * `RenderContext.kept` for a format: whether its previous build (`before`) wrote `path` with content of
 * this SHA-256, and the file is still as that build left it (size and modification time).
 */
export function keptFiles(outDir: string, before: FormatRecord | undefined): (path: string, hash: string) => boolean {
  return (path, hash) => {
    const stamp = before?.files[path];
    return stamp?.sha256 === hash && asRecorded(outDir, path, stamp);
  };
}

/** True when every file is still on disk as the manifest recorded it (size and modification time). */
export function recordsMatch(outDir: string, files: Record<string, FileStamp>): boolean {
  return Object.entries(files).every(([path, stamp]) => asRecorded(outDir, path, stamp));
}

/** Whether the file at `path` (in the output folder) has the size and modification time `stamp` recorded. */
function asRecorded(outDir: string, path: string, stamp: FileStamp): boolean {
  try {
    const s = statSync(join(outDir, ...path.split('/')));
    return s.size === stamp.size && s.mtimeMs === stamp.mtimeMs;
  } catch {
    return false;
  }
}

/** Delete the files an earlier build of this format made that the new build did not. */
export async function removeOrphans(outDir: string, before: FormatRecord | undefined, after: FormatRecord): Promise<void> {
  for (const path of Object.keys(before?.files ?? {})) {
    if (!(path in after.files)) await rm(join(outDir, ...path.split('/')), { force: true });
  }
}
