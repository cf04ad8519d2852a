/**
 * Writing outputs so that an interrupted build never leaves a half-written file: every file goes to a
 * temporary name in the same folder and is renamed over the old one (rename is atomic on one file
 * system). A manifest in the output folder remembers, per format, the key of the inputs that made its
 * files and their hashes: an unchanged format is not rendered again, and files a format no longer makes
 * (a removed article's page) are deleted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const TEMP_SUFFIX = '.partial';
export const MANIFEST = '.compendium-manifest.json';

export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomUUID()}${TEMP_SUFFIX}`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
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

export interface FormatRecord {
  key: string;
  files: Record<string, string>;
}

export interface Manifest {
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

/** True when the record's key matches and every file it lists is on disk with the same content. */
export async function upToDate(outDir: string, record: FormatRecord | undefined, key: string): Promise<boolean> {
  if (!record || record.key !== key) return false;
  for (const [path, hash] of Object.entries(record.files)) {
    const data = await readFile(join(outDir, ...path.split('/'))).catch(() => null);
    if (data === null || sha256(data) !== hash) return false;
  }
  return true;
}

/** Delete the files an earlier build of this format made that the new build did not. */
export async function removeOrphans(outDir: string, before: FormatRecord | undefined, after: FormatRecord): Promise<void> {
  for (const path of Object.keys(before?.files ?? {})) {
    if (!(path in after.files)) await rm(join(outDir, ...path.split('/')), { force: true });
  }
}
