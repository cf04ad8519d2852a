/**
 * segment: NormalizedSource → Article. Pure and per file. Decides what each body line is (heading,
 * paragraph, separator), splits paragraphs into sentences, sets off run-in heads, and gives every node
 * a stable id and a position in the original file. Metadata overrides from compendium.yaml win here.
 */
import type { ArticleOverrides } from './corpus.js';
import { IdScope, articleIdFor } from './ids.js';
import type { Article, ArticleData, Block, Heading, Inline, Paragraph, Sentence } from './ir.js';
import type { NormalizedSource, SourceLine } from './normalize/types.js';

export function segment(source: NormalizedSource, overrides: ArticleOverrides = {}): Article {
  const id = articleIdFor(source.file);
  const ids = new IdScope(id);
  const children: Block[] = source.lines.map((line) => toBlock(line, ids));
  return {
    type: 'article',
    id,
    position: { start: { line: 1, column: 1 }, end: { line: Math.max(source.lineCount, 1), column: 1 } },
    data: articleData(source, overrides),
    children,
  };
}

function articleData(source: NormalizedSource, overrides: ArticleOverrides): ArticleData {
  const meta = source.meta;
  const data: ArticleData = {
    title: meta.title ?? source.file,
    subtitle: meta.subtitle,
    author: meta.author,
    source: meta.source,
    date: meta.date,
    editors: meta.editors,
    keywords: meta.keywords,
    sourceFile: source.file,
    encoding: source.encoding,
    script: source.script,
    related: [],
  };
  return { ...data, ...overrides };
}

const NUMBERED_HEADING = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+[章节])/;

function toBlock(line: SourceLine, ids: IdScope): Block {
  const at = { start: { line: line.line, column: 1 }, end: { line: line.line, column: line.text.length + 1 } };
  if (/^[…．.]{2,}$/.test(line.text)) {
    return { type: 'separator', id: ids.next('s', line.text), value: line.text, position: at };
  }
  const numbering = NUMBERED_HEADING.exec(line.text);
  if (numbering && line.text.length <= 40) {
    const id = ids.next('h', line.text);
    const heading: Heading = {
      type: 'heading',
      id,
      depth: numbering[0].startsWith('（') ? 2 : 1,
      children: [text(id, line.text)],
      data: { numbering: numbering[0] },
      position: at,
    };
    return heading;
  }
  const id = ids.next('p', line.text);
  const paragraph: Paragraph = {
    type: 'paragraph',
    id,
    data: { role: 'body' },
    children: splitSentences(line.text).map((sentence, index): Sentence => {
      const sid = `${id}.${index + 1}`;
      return { type: 'sentence', id: sid, children: [text(sid, sentence)] };
    }),
    position: at,
  };
  return paragraph;
}

function text(parentId: string, value: string): Inline {
  return { type: 'text', id: `${parentId}.t1`, value };
}

/** Split after 。！？ (and closing quotes that follow them), never inside 《》 or “”. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if ('“‘《（「『'.includes(ch)) depth++;
    else if ('”’》）」』'.includes(ch)) depth = Math.max(0, depth - 1);
    else if ('。！？'.includes(ch) && depth === 0) {
      let end = i + 1;
      while (end < chars.length && '”’）」』'.includes(chars[end]!)) end++;
      out.push(chars.slice(start, end).join(''));
      start = end;
      i = end - 1;
    }
  }
  if (start < chars.length) out.push(chars.slice(start).join(''));
  return out.filter((s) => s !== '');
}
