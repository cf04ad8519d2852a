/**
 * Reading a small file at once, synchronously. The build reads hundreds of small files that sit in the
 * page cache (articles, cache entries); awaiting the promise API's open, stat, read and close for each in
 * turn cost about four times the CPU and left the build idle in between.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ReadFile {
  /** The file's bytes; null when it is larger than the limit (then not read at all). */
  bytes: Buffer | null;
  size: number;
  /** Time of last modification (ms since the epoch). */
  mtimeMs: number;
}

/**
 * A whole file with its size and modification time; its bytes only when it is at most `maxBytes`. With
 * `shared`, the bytes are in memory threads share (a SharedArrayBuffer): posted to a render thread, they
 * are not copied.
 */
export function readWholeFile(path: string, maxBytes = Infinity, shared = false): ReadFile {
  const fd = openSync(path, 'r');
  try {
    const { size, mtimeMs } = fstatSync(fd);
    if (size > maxBytes) return { bytes: null, size, mtimeMs };
    // A buffer of its own (not a slice of the shared pool): an article keeps it.
    const bytes = shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafeSlow(size);
    let read = 0;
    for (let n = -1; read < size && n !== 0; read += n) n = readSync(fd, bytes, read, size - read, read);
    return { bytes: read === size ? bytes : bytes.subarray(0, read), size, mtimeMs };
  } finally {
    closeSync(fd);
  }
}
