/**
 * Stable ids. An id is derived from what it names (a file name, a text), never from a counter over the
 * whole book, so it survives edits elsewhere; ids only change when their own text does.
 */
import { createHash } from 'node:crypto';

export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * `000_abc.txt` → `000_abc`. A name that does not map to itself (capitals, spaces, other characters,
 * a folder, another extension) gets a hash of the whole path, so `a b.txt`, `A-B.txt` and `a-b.txt`
 * never share an id; a name with no usable letter is `a-` and the hash.
 */
export function articleIdFor(sourceFile: string): string {
  const stem = sourceFile.replace(/\.[^./]+$/, '');
  const slug = stem.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug === '') return `a-${shortHash(sourceFile)}`;
  return slug === stem && sourceFile === `${stem}.txt` ? slug : `${slug}-${shortHash(sourceFile)}`;
}

/**
 * Gives each text a content-derived id, made unique within one scope by a suffix on repeats:
 * the second identical paragraph of an article gets `…-2`.
 */
export class IdScope {
  private readonly seen = new Map<string, number>();
  constructor(private readonly prefix: string) {}

  next(kind: string, text: string): string {
    const base = `${this.prefix}-${kind}${shortHash(text)}`;
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  }
}
