/**
 * An Aho–Corasick automaton: finds every occurrence of every pattern in one pass over a text, in time
 * linear in the text plus the matches, however many patterns there are (one regex per term would be
 * patterns × text). Works on UTF-16 code units, which is exact for the BMP text of the corpus and still
 * correct (never splits a pair wrongly) for patterns and texts outside it.
 */

export interface Match {
  /** Index of the pattern in the list the matcher was built from. */
  pattern: number;
  /** Code-unit offsets into the searched text, end exclusive. */
  start: number;
  end: number;
}

export interface Matcher {
  readonly size: number;
  /** Every occurrence, overlapping ones included, ordered by end offset then by length (longest first). */
  findAll(text: string): Match[];
}

export function buildMatcher(patterns: readonly string[]): Matcher {
  // The trie: `next[node]` maps a code unit to a child node; node 0 is the root.
  const next: Array<Map<number, number>> = [new Map()];
  const depth: number[] = [0];
  const own: number[][] = [[]];
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p]!;
    if (pattern === '') continue;
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let child = next[node]!.get(code);
      if (child === undefined) {
        child = next.length;
        next.push(new Map());
        depth.push(depth[node]! + 1);
        own.push([]);
        next[node]!.set(code, child);
      }
      node = child;
    }
    own[node]!.push(p);
  }

  // Failure links (longest proper suffix that is also a trie path) and output links (nearest node on
  // the failure chain that ends a pattern), in breadth-first order.
  const fail = new Int32Array(next.length);
  const output = new Int32Array(next.length).fill(-1);
  const queue: number[] = [];
  for (const child of next[0]!.values()) queue.push(child);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    for (const [code, child] of next[node]!) {
      let f = fail[node]!;
      while (f !== 0 && !next[f]!.has(code)) f = fail[f]!;
      const target = next[f]!.get(code);
      fail[child] = target !== undefined && target !== child ? target : 0;
      output[child] = own[fail[child]!]!.length > 0 ? fail[child]! : output[fail[child]!]!;
      queue.push(child);
    }
  }

  // The root's transitions as a table: most characters start no pattern, and an array read is the
  // cheapest way to say so (0: none, as the root is never a child).
  const rootNext = new Int32Array(0x10000);
  for (const [code, child] of next[0]!) rootNext[code] = child;
  return {
    size: patterns.length,
    findAll(text: string): Match[] {
      const matches: Match[] = [];
      let node = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (node === 0) {
          // Most characters start no pattern: one lookup and on.
          node = rootNext[code]!;
          if (node === 0) continue;
        } else {
          let child = next[node]!.get(code);
          while (child === undefined && node !== 0) {
            node = fail[node]!;
            child = next[node]!.get(code);
          }
          node = child ?? 0;
          if (node === 0) continue;
        }
        for (let hit = own[node]!.length > 0 ? node : output[node]!; hit > 0; hit = output[hit]!) {
          const length = depth[hit]!;
          for (const pattern of own[hit]!) matches.push({ pattern, start: i + 1 - length, end: i + 1 });
        }
      }
      return matches;
    },
  };
}

/**
 * Longest first (ties: leftmost), never overlapping a match already taken; `accept` may veto a match
 * before it takes its place. Returned in text order.
 */
export function selectLongest(matches: Match[], textLength: number, accept: (m: Match) => boolean = () => true): Match[] {
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(textLength);
  const out: Match[] = [];
  for (const m of sorted) {
    let free = true;
    for (let i = m.start; i < m.end && free; i++) free = taken[i] === 0;
    if (!free || !accept(m)) continue;
    taken.fill(1, m.start, m.end);
    out.push(m);
  }
  return out.sort((a, b) => a.start - b.start);
}
