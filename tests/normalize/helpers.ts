import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../pipeline/ir.js';
import { normalize, type NormalizedSource } from '../../pipeline/normalize/index.js';
import { segment } from '../../pipeline/segment.js';

/** The corpus folder of the repository (tests never read sources from outside it). */
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

export function seedFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

export function seedBytes(file: string): Buffer {
  return readFileSync(new URL(file, `file://${CORPUS_DIR}`));
}

export function process(file: string, bytes: Uint8Array = seedBytes(file)): { source: NormalizedSource; article: Article } {
  const source = normalize({ file, bytes });
  return { source, article: segment(source) };
}

/** The IR of an article with the fields that legitimately differ between encodings blanked. */
export function comparable(article: Article): unknown {
  return { ...article, data: { ...article.data, encoding: null, script: null } };
}
