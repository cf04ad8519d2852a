import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli.js';
import type { Diagnostic } from '../../pipeline/diagnostics.js';
import { enrich } from '../../pipeline/enrich/index.js';
import type { BuildReport } from '../../pipeline/report.js';
import { article, book, glossaryYaml } from './helpers.js';

const candidates = (messages: Diagnostic[]) => messages.filter((m) => m.ruleId === 'glossary-candidate');

describe('glossary candidates', () => {
  const a = article('a', ['坚持“三严三实”，落实三会一课和四个意识。', '这是“试金石”。']);
  const b = article('b', ['践行“三严三实”，坚持三会一课，增强四个意识，做到“两个维护”。', '是“试金石”也是“磨刀石”。']);
  const c = article('c', ['只在一篇里的“一次性口号”和五个一工程。']);

  it('reports quoted formulations and number-led slogans found in two or more articles', () => {
    const { messages } = enrich(book(a, b, c), glossaryYaml([['两个维护', []]]));
    const found = candidates(messages);
    expect(found.map((m) => /“(.+?)”/.exec(m.message)![1])).toEqual(['三会一课', '三严三实', '试金石', '四个意识']);
    expect(found[0]).toMatchObject({ severity: 'warning', source: 'enrich', file: 'a.txt', line: 3, column: 12 });
    expect(found[0]!.message).toContain('b.txt');
    expect(new Set(found.map((m) => m.message.replace(/“.+?”/, '“…”'))).size).toBe(1);
  });

  it('names a few of the other articles and counts the rest', () => {
    const many = Array.from({ length: 7 }, (_, i) => article(`m${i}`, ['坚持“三会一课”。']));
    const [found] = candidates(enrich(book(...many), glossaryYaml([])).messages);
    expect(found!.file).toBe('m0.txt');
    expect(found!.message).toContain('(also in m1.txt, m2.txt, m3.txt and 3 more)');
  });

  it('leaves out what the glossary has (as a term, an alias or a quoted alias) and what it ignores', () => {
    const glossary = {
      file: 'glossary.yaml',
      text: glossaryYaml([['三会一课', []], ['四个意识', []], ['三严三实教育', ['“三严三实”']]]).text + 'ignore: [试金石]\n',
    };
    const { messages } = enrich(book(a, b, c), glossary);
    expect(candidates(messages)).toEqual([]);
  });
});

describe('glossary candidates in a build', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'enrich-candidates-'));
    await cp(new URL('../../corpus', import.meta.url).pathname, join(work, 'corpus'), { recursive: true });
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function buildCorpus(): Promise<{ code: number; err: string; report: BuildReport }> {
    let err = '';
    const out = join(work, 'out');
    const code = await main(['build', '--corpus', join(work, 'corpus'), '--out', out, '--formats', '', '--no-cache'], { out: () => {}, err: (s) => void (err += s) });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as BuildReport;
    return { code, err, report };
  }

  it('lists a quoted slogan newly added to two articles in the report and on the terminal', async () => {
    const before = await buildCorpus();
    expect(candidates(before.report.messages)).toEqual([]);

    await writeFile(join(work, 'corpus', '005_new.txt'), '深入开展“三严三实”专题教育\n\n来源：测试\n\n各级党组织要把“三严三实”要求落到实处，增强“四个意识”。\n');
    await writeFile(join(work, 'corpus', '006_new.txt'), '践行“三严三实”\n\n来源：测试\n\n党员干部要践行“三严三实”，做到“两个维护”。\n');
    const after = await buildCorpus();
    const found = candidates(after.report.messages);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', file: '005_new.txt' });
    expect(found[0]!.message).toContain('“三严三实”');
    expect(found[0]!.message).toContain('006_new.txt');
    expect(after.err).toMatch(/005_new\.txt:\d+:\d+: warning Unexpected formulation “三严三实”/);
    expect(after.code).toBe(0);
  });
});
