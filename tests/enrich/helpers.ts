/**
 * Small hand-made IR for enrich tests, independent of the normalize/segment heuristics: an article is a
 * list of blocks, a paragraph a list of sentences (a leading `>` marks a run-in head), a heading `# …`.
 */
import { IR_VERSION, visit, type Article, type Block, type Node, type Root } from '../../pipeline/ir.js';

export type BlockSpec = string | string[];

/** `'# 标题'` → heading; `['句一。', '句二。']` → paragraph of sentences; a plain string → one-sentence paragraph. */
export function article(id: string, blocks: BlockSpec[], date: string | null = null): Article {
  const children: Block[] = blocks.map((spec, b): Block => {
    const line = b + 3;
    if (typeof spec === 'string' && spec.startsWith('# ')) {
      const value = spec.slice(2);
      const hid = `${id}-h${b}`;
      return {
        type: 'heading',
        id: hid,
        depth: 1,
        data: { numbering: null },
        position: { start: { line, column: 1 }, end: { line, column: value.length + 1 } },
        children: [{ type: 'text', id: `${hid}.t1`, value }],
      };
    }
    const sentences = typeof spec === 'string' ? [spec] : spec;
    const pid = `${id}-p${b}`;
    const length = sentences.join('').replace(/^>/, '').length;
    return {
      type: 'paragraph',
      id: pid,
      data: { role: 'body' },
      position: { start: { line, column: 1 }, end: { line, column: length + 1 } },
      children: sentences.map((s, i) => {
        const sid = `${pid}.${i + 1}`;
        const runIn = s.startsWith('>');
        const value = runIn ? s.slice(1) : s;
        return { type: runIn ? 'runInHead' : 'sentence', id: sid, children: [{ type: 'text', id: `${sid}.t1`, value }] } as const;
      }),
    };
  });
  return {
    type: 'article',
    id,
    position: { start: { line: 1, column: 1 }, end: { line: blocks.length + 3, column: 1 } },
    data: { title: id, subtitle: null, author: null, source: null, date, editors: [], keywords: [], sourceFile: `${id}.txt`, encoding: 'utf-8', script: 'hans', related: [] },
    children,
  };
}

export function book(...articles: Article[]): Root {
  return {
    type: 'root',
    id: 'root',
    irVersion: IR_VERSION,
    data: { book: { title: 't', subtitle: null, compiler: null, date: null, identifier: 'urn:uuid:x' }, script: 'hans', lang: 'zh-CN', glossary: [], documents: [], events: [] },
    children: articles,
  };
}

/** A glossary.yaml text from [term, aliases, definition?] rows. */
export function glossaryYaml(rows: Array<[string, string[]] | [string, string[], string]>): { file: string; text: string } {
  const text =
    'entries:\n' +
    rows
      .map(([term, aliases, definition]) => `  - term: ${term}\n    aliases: [${aliases.join(', ')}]\n    category: 测试\n    definition: ${definition ?? `${term}的释义。`}\n`)
      .join('');
  return { file: 'glossary.yaml', text };
}

/** Every node of a tree by id. */
export function nodesById(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  visit(root, (node) => {
    if ('id' in node) out.set(node.id, node);
  });
  return out;
}

/** The term nodes of a tree, in reading order. */
export function termNodes(root: Node): Array<Extract<Node, { type: 'term' }>> {
  const out: Array<Extract<Node, { type: 'term' }>> = [];
  visit(root, (node) => {
    if (node.type === 'term') out.push(node);
  });
  return out;
}
