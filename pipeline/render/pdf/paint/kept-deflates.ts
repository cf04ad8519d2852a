/**
 * Deflated content streams kept from one build to the next. A page's own operators (its running head and
 * folio, painted by the book, not stored with an article's layout) mostly come out as the last build's,
 * and deflating them again — 1,829 small streams for a 200-article book — took ~55 ms of a rebuild's PDF
 * thread. A table by the SHA-1 of the operators; zlib's version is among its inputs, since the same bytes
 * deflate to the same bytes only with the same zlib.
 */
import { hash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Tables } from '../../index.js';

const TABLE = 'pdf-deflated-streams';

export interface KeptDeflates {
  /** `deflateSync(bytes)`, from the table when an earlier build deflated the same bytes. */
  deflate(bytes: Uint8Array): Buffer;
  /**
   * Write the table back when something was deflated anew: with the streams this render used only, so it
   * holds one book's worth, not every page number an earlier build printed.
   */
  keep(): Promise<void>;
}

export async function keptDeflates(tables: Tables | undefined): Promise<KeptDeflates> {
  const inputs = { zlib: process.versions.zlib };
  const known = tables ? await tables.read<string>(TABLE, inputs) : {};
  const used: Record<string, string> = {};
  let added = false;
  return {
    deflate(bytes) {
      const key = hash('sha1', bytes, 'base64');
      const kept = known[key];
      if (kept !== undefined) {
        used[key] = kept;
        return Buffer.from(kept, 'base64');
      }
      const deflated = deflateSync(bytes);
      used[key] = deflated.toString('base64');
      added = true;
      return deflated;
    },
    async keep() {
      if (added && tables) await tables.write(TABLE, inputs, used);
    },
  };
}
