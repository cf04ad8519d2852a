/**
 * Benchmark of the enrich stage: the five seed articles, then synthetic books made by replicating them
 * (every copy with its own article id, node ids and file name) up to 200 times. Reports the time per
 * run and per character of text; linear scaling shows as a flat time per character.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processArticle } from '../pipeline/process-article.js';
import { readCorpus } from '../pipeline/corpus.js';
import { enrich } from '../pipeline/enrich/index.js';
import { toText, type Article, type Node } from '../pipeline/ir.js';
import { bookOf, replicated } from './lib/replica.js';
import type { Benchmark, BenchResult } from './run.js';

const SCALES = [1, 10, 50, 100, 200];

async function seedArticles(corpusDir: string): Promise<Article[]> {
  const corpus = await readCorpus(corpusDir);
  const out: Article[] = [];
  for (const source of corpus.files) {
    const { article } = processArticle(source, corpus.book.overrides[source.file] ?? {});
    if (article) out.push(article);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const benchmark: Benchmark = {
  name: 'enrich',
  async run({ root: repo, log }): Promise<BenchResult> {
    const corpusDir = join(repo, 'corpus');
    const seeds = await seedArticles(corpusDir);
    const glossary = { file: 'glossary.yaml', text: await readFile(join(corpusDir, 'glossary.yaml'), 'utf8') };
    const rows: Array<{ scale: number; articles: number; chars: number; ms: number; nsPerChar: number; terms: number }> = [];
    for (const scale of SCALES) {
      const articles = replicated(seeds, scale);
      const root = bookOf(articles);
      const chars = articles.reduce((n, a) => n + toText(a as Node).length, 0);
      enrich(root, glossary); // warm-up: JIT, pinyin dictionary
      const runs = scale <= 10 ? 9 : scale <= 100 ? 5 : 3;
      const times: number[] = [];
      let terms = 0;
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        const result = enrich(root, glossary);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        terms = result.root.data.glossary.reduce((n, g) => n + g.occurrences.length, 0);
      }
      const ms = median(times);
      rows.push({ scale, articles: articles.length, chars, ms, nsPerChar: (ms * 1e6) / chars, terms });
      log(`  ${String(scale).padStart(4)}×  ${String(articles.length).padStart(5)} articles  ${String(chars).padStart(9)} chars  ${ms.toFixed(1).padStart(9)} ms  ${((ms * 1e6) / chars).toFixed(0).padStart(5)} ns/char  ${terms} term links`);
    }
    const one = rows[0]!;
    const big = rows.at(-1)!;
    const mid = rows.find((r) => r.scale === 50)!;
    // Linear: the time per character at 200× stays within 1.5× of that at 50× (fixed costs fade by then).
    const slope = big.nsPerChar / mid.nsPerChar;
    const checks = [
      { what: `5-article corpus enriched in ${one.ms.toFixed(1)} ms (< 1000 ms)`, ok: one.ms < 1000 },
      { what: `ns/char at 200× / at 50× = ${slope.toFixed(2)} (≤ 1.5: linear)`, ok: slope <= 1.5 },
      { what: `term links scale with the copies (${big.terms} = 200 × ${one.terms})`, ok: big.terms === one.terms * big.scale },
    ];
    return { checks, data: rows };
  },
};
