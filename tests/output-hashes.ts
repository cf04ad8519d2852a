/** The SHA-256 of every file a build wrote (the manifest aside), by path relative to the output folder: what "byte-identical outputs" compares. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MANIFEST } from '../pipeline/output.js';

export async function outputHashes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name === MANIFEST) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path), createHash('sha256').update(await readFile(path)).digest('hex'));
  }
  return out;
}
