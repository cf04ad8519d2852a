/**
 * Benchmark of the PDF renderer: the five seed articles, then books made by replicating them (every
 * copy with its own ids, enriched as a whole) up to a thousand articles. Reports the render time (layout
 * passes, painting, font subsetting), pages, file size and the process's peak memory. The bar is what a
 * user would otherwise use: Pandoc with XeLaTeX takes about 4 s for the five articles and 2 minutes for
 * a thousand.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processArticle } from '../pipeline/build.js';
import { readCorpus } from '../pipeline/corpus.js';
import { enrich } from '../pipeline/enrich/index.js';
import { IR_VERSION, type Article, type Node, type Root } from '../pipeline/ir.js';
import { renderPdf } from '../pipeline/render/pdf/index.js';
import type { Benchmark, BenchResult } from './run.js';
import { uncachedContext } from '../pipeline/render/index.js';

const SCALES = [1, 20, 200];

function replica(article: Article, copy: number): Article {
  const id = `${article.id}-r${copy}`;
  const rename = (node: Node): Node => {
    const clone: Record<string, unknown> = { ...node };
    if ('id' in node && typeof node.id === 'string' && node.id.startsWith(article.id)) clone.id = id + node.id.slice(article.id.length);
    if ('children' in node) clone.children = (node.children as Node[]).map(rename);
    return clone as unknown as Node;
  };
  const renamed = rename(article) as Article;
  renamed.data = { ...article.data, title: `${article.data.title}（${copy + 1}）`, sourceFile: article.data.sourceFile.replace(/(\.[^.]+)$/, `-r${copy}$1`), related: [] };
  return renamed;
}

export const benchmark: Benchmark = {
  name: 'pdf',
  async run({ root: repo, log }): Promise<BenchResult> {
    const corpusDir = join(repo, 'corpus');
    const corpus = await readCorpus(corpusDir);
    const seeds = corpus.files.map((f) => processArticle(f, corpus.book.overrides[f.file] ?? {}).article).filter((a): a is Article => a !== null);
    const glossary = { file: 'glossary.yaml', text: await readFile(join(corpusDir, 'glossary.yaml'), 'utf8') };
    const context = uncachedContext({ templatesDir: join(repo, 'templates'), sourceDateEpoch: 0, pageSize: 'A5', impose: null });
    const rows: Array<{ articles: number; pages: number; bytes: number; ms: number; msPerPage: number; peakRssMb: number }> = [];
    for (const scale of SCALES) {
      const articles = Array.from({ length: scale }, (_, copy) => seeds.map((a) => (copy === 0 ? a : replica(a, copy)))).flat();
      const draft: Root = {
        type: 'root',
        id: 'root',
        irVersion: IR_VERSION,
        data: { book: { title: corpus.book.title ?? 'bench', subtitle: corpus.book.subtitle, compiler: corpus.book.compiler, date: null, identifier: 'urn:uuid:bench' }, script: 'hans', lang: 'zh-CN', glossary: [], documents: [], events: [] },
        children: articles,
      };
      const book = enrich(draft, glossary).root;
      const start = process.hrtime.bigint();
      const [file] = await renderPdf(book, context);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const bytes = Buffer.from(file!.data);
      const pages = (bytes.toString('latin1').match(/\/Type \/Page\n/g) ?? []).length;
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      rows.push({ articles: articles.length, pages, bytes: bytes.length, ms, msPerPage: ms / pages, peakRssMb });
      log(`  ${String(articles.length).padStart(5)} articles  ${String(pages).padStart(5)} pages  ${(bytes.length / 1e6).toFixed(1).padStart(6)} MB  ${(ms / 1000).toFixed(1).padStart(6)} s  ${(ms / pages).toFixed(1).padStart(5)} ms/page  peak RSS ${peakRssMb} MB`);
    }
    const small = rows[0]!;
    const large = rows.at(-1)!;
    return {
      checks: [
        { what: `the five seed articles render in under 4 s (Pandoc + XeLaTeX): ${(small.ms / 1000).toFixed(1)} s`, ok: small.ms < 4000 },
        { what: `${large.articles} articles render in under 2 minutes (Pandoc + XeLaTeX): ${(large.ms / 1000).toFixed(1)} s`, ok: large.ms < 120_000 },
        { what: `time per page stays within 3× from ${small.articles} to ${large.articles} articles (no quadratic step)`, ok: large.msPerPage < small.msPerPage * 3 },
      ],
      data: rows,
    };
  },
};
