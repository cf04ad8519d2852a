import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGlossary, parseForm, tidy } from '../../pipeline/enrich/glossary.js';

const load = (text: string, files: string[] = []) => loadGlossary({ file: 'glossary.yaml', text }, files);

describe('glossary.yaml', () => {
  it('reads entries, quoted aliases, see, and joins folded Chinese lines without spaces', () => {
    const { entries, ignore, messages } = load(
      [
        'entries:',
        '  - term: 四强党支部',
        '    aliases: [“四强”, 四强支部]',
        '    category: 组织制度',
        '    definition: >-',
        '      政治功能强、支部班子强、',
        '      党员队伍强、作用发挥强的党支部。',
        '    see: 004.txt',
        'ignore: [牛鼻子, “试金石”]',
      ].join('\n'),
      ['004.txt'],
    );
    expect(messages).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: 'g-siqiangdangzhibu',
      term: '四强党支部',
      aliases: ['“四强”', '四强支部'],
      definition: '政治功能强、支部班子强、党员队伍强、作用发挥强的党支部。',
      seeArticle: '004',
      line: 2,
    });
    expect(entries[0]!.forms).toEqual([
      { words: '四强党支部', quoted: false },
      { words: '四强', quoted: true },
      { words: '四强支部', quoted: false },
    ]);
    expect(ignore).toEqual(['牛鼻子', '试金石']);
  });

  it('accepts a bare list of entries', () => {
    const { entries, messages } = load('- term: 四风\n  category: 作风纪律\n  definition: 形式主义、官僚主义、享乐主义和奢靡之风。\n');
    expect(messages).toEqual([]);
    expect(entries.map((e) => e.term)).toEqual(['四风']);
  });

  it('reports a YAML syntax error with file, line and column, and uses nothing', () => {
    const { entries, messages } = load('entries:\n  - term: 四风\n    aliases: [四风问题\n    category: x\n');
    expect(entries).toEqual([]);
    expect(messages[0]).toMatchObject({ file: 'glossary.yaml', severity: 'error', ruleId: 'yaml-syntax', source: 'enrich' });
    expect(messages[0]!.line).toBeGreaterThanOrEqual(3);
    expect(messages[0]!.column).not.toBeNull();
  });

  it('reports a duplicate term at the second entry, naming the first line, and drops that entry', () => {
    const text = ['entries:', '  - term: 两个维护', '    category: a', '    definition: 甲。', '  - term: 两个维护', '    category: a', '    definition: 乙。'].join('\n');
    const { entries, messages } = load(text);
    expect(entries.map((e) => e.definition)).toEqual(['甲。']);
    expect(messages).toEqual([
      expect.objectContaining({ severity: 'error', ruleId: 'glossary-duplicate-term', file: 'glossary.yaml', line: 5, column: 11, message: expect.stringContaining('first at line 2') }),
    ]);
  });

  it('reports an alias that another entry already has, quoted or not, and keeps the rest of the entry', () => {
    const text = ['entries:', '  - term: 四强党支部', '    category: a', '    definition: 甲。', '  - term: 四强', '    aliases: [“四强党支部”, 强支部]', '    category: a', '    definition: 乙。'].join('\n');
    const { entries, messages } = load(text);
    expect(entries.map((e) => [e.term, e.aliases])).toEqual([
      ['四强党支部', []],
      ['四强', ['强支部']],
    ]);
    expect(messages).toMatchObject([{ ruleId: 'glossary-duplicate-term', line: 6, column: 15 }]);
  });

  it('reports an empty definition where it stands', () => {
    const { entries, messages } = load('entries:\n  - term: 四风\n    category: 作风纪律\n    definition: ""\n');
    expect(entries).toEqual([]);
    expect(messages).toMatchObject([{ severity: 'error', ruleId: 'glossary-empty-definition', line: 4, column: 17 }]);
  });

  it('reports missing fields, wrong types, unknown fields and a `see` outside the book, one message per kind', () => {
    const text = [
      'entries:',
      '  - term: 四风',
      '    definition: 甲。',
      '  - term: 三会一课',
      '    aliases: 三会',
      '    category: 组织制度',
      '    definition: 乙。',
      '    colour: red',
      '    see: nowhere.txt',
      '  - just a string',
    ].join('\n');
    const { entries, messages } = load(text, ['000.txt']);
    expect(entries.map((e) => e.term)).toEqual(['三会一课']);
    expect(messages.map((m) => [m.severity, m.ruleId, m.line])).toEqual([
      ['error', 'glossary-missing-field', 2],
      ['warning', 'glossary-unknown-field', 8],
      ['error', 'glossary-field-type', 5],
      ['warning', 'glossary-see-missing', 9],
      ['error', 'glossary-entry-not-a-map', 10],
    ]);
    expect(new Set(messages.filter((m) => m.ruleId === 'glossary-missing-field').map((m) => m.message)).size).toBe(1);
  });

  it('gives terms that read alike distinct ids', () => {
    const { entries } = load('entries:\n  - {term: 事实, category: a, definition: 甲。}\n  - {term: 实时, category: a, definition: 乙。}\n  - {term: 四史, category: a, definition: 丙。}\n');
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^g-shishi-[0-9a-f]{6}$/);
    expect(ids[2]).toBe('g-sishi');
  });

  it('parses quoted forms and tidies text', () => {
    expect(parseForm('“两个维护”')).toEqual({ words: '两个维护', quoted: true });
    expect(parseForm('「四强」')).toEqual({ words: '四强', quoted: true });
    expect(parseForm('“四强”党支部')).toEqual({ words: '“四强”党支部', quoted: false });
    expect(tidy(' 党章规定， \n 党的基层组织 is  the base ')).toBe('党章规定，党的基层组织is the base');
  });

  it('the corpus glossary is valid, large enough and complete', () => {
    const text = readFileSync(new URL('../../corpus/glossary.yaml', import.meta.url), 'utf8');
    const files = ['000_2a49c86fe2ee1f65.txt', '001_b0da9bb7237fe07e.txt', '002_d0902fc9d046b1c2.txt', '003_27039c8e12722a05.txt', '004_52700c0b7c2082a9.txt'];
    const { entries, messages } = loadGlossary({ file: 'glossary.yaml', text }, files);
    expect(messages).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(40);
    for (const e of entries) {
      expect(e.category).not.toBe('');
      // 2–4 sentences: at least one full stop, at most four.
      const sentences = e.definition.split(/(?<=[。！？])/).filter((s) => s.trim() !== '');
      expect(sentences.length, e.term).toBeGreaterThanOrEqual(1);
      expect(sentences.length, e.term).toBeLessThanOrEqual(4);
      expect(e.definition.endsWith('。'), e.term).toBe(true);
    }
    for (const term of ['两个维护', '四个意识', '四个自信', '两个确立', '三会一课', '一岗双责', '第一议题', '国之大者', '模范机关', '第一方阵', '四种形态', '四风', '中央八项规定']) {
      expect(entries.map((e) => e.term)).toContain(term);
    }
    expect(entries.find((e) => e.term === '四强党支部')!.seeArticle).toBe('004_52700c0b7c2082a9');
    expect(entries.find((e) => e.term === '27字总要求')!.seeArticle).toBe('000_2a49c86fe2ee1f65');
    expect(entries.find((e) => e.term === '三好两强')!.seeArticle).toBe('003_27039c8e12722a05');
  });
});

