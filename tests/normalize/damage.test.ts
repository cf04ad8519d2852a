/**
 * Conversion damage: pinyin annotations and byte-misaligned GBK runs. Seed 002 is checked with
 * patterns only (no pinyin annotation, no private-use character, no `?!` run, Simplified throughout);
 * the reversal itself is checked on damage made here, byte by byte, the way it happened.
 */
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import type * as PinyinPro from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { toText, visit } from '../../pipeline/ir.js';
import { charFrequencies } from '../../pipeline/normalize/chars.js';
import { repairGbkMisalignment } from '../../pipeline/normalize/repair/gbk-misalignment.js';
import { readingsOf, removePinyinAnnotations } from '../../pipeline/normalize/repair/pinyin.js';
import { detectScript, toSimplified } from '../../pipeline/script.js';
import { process } from './helpers.js';

const PINYIN_ANNOTATION = /\p{Script=Han}[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/u;
const PRIVATE_USE = /[\ue000-\uf8ff]/u;
const QUESTION_BANG = /[?？][!！]/u;

/** All text of an article: metadata and every node value. */
function allText(file: string): string {
  const { article } = process(file);
  const parts: string[] = [article.data.title, article.data.subtitle ?? '', article.data.author ?? '', article.data.source ?? '', ...article.data.editors, ...article.data.keywords];
  visit(article, (node) => {
    if ('value' in node) parts.push(node.value);
  });
  return parts.join('\n');
}

describe('seed 002 after repair', () => {
  const text = allText('002_d0902fc9d046b1c2.txt');

  it('has no pinyin annotation, private-use character or ?! run left', () => {
    expect(text).not.toMatch(PINYIN_ANNOTATION);
    expect(text).not.toMatch(PRIVATE_USE);
    expect(text).not.toMatch(QUESTION_BANG);
    expect(text).not.toMatch(/[\u00c0-\u024f]/u); // no tone-marked Latin letters at all
  });

  it('is Simplified throughout, while its source is reported as Traditional', () => {
    const { source, article } = process('002_d0902fc9d046b1c2.txt');
    expect(source.script).toBe('hant');
    expect(article.data.script).toBe('hant');
    expect(detectScript(text)).toBe('hans');
    for (const line of text.split('\n')) expect(toSimplified(line)).toBe(line);
  });

  it('reports every repair with its rule, and restores the quotation the damage broke', () => {
    const { source, article } = process('002_d0902fc9d046b1c2.txt');
    const rules = new Set(source.repairs.map((r) => r.rule));
    expect(rules).toEqual(new Set(['gbk-misalignment', 'pinyin-annotation', 'script-t2s', 'punctuation-width', 'letter-spacing', 'spacing']));
    const gbk = source.repairs.filter((r) => r.rule === 'gbk-misalignment');
    expect(gbk.length).toBeGreaterThanOrEqual(2);
    for (const r of gbk) {
      expect(r.before).toMatch(/^\?/u);
      expect(r.after).not.toMatch(PRIVATE_USE);
    }
    expect(source.messages.filter((m) => m.ruleId === 'gbk-misalignment-unresolved')).toEqual([]);
    // The broken line now holds a balanced quotation that ends a sentence: 。“……。”
    const repairedLine = gbk[0]!.line;
    const paragraph = article.children.find((b) => b.position!.start.line === repairedLine)!;
    const value = toText(paragraph);
    expect(value).toMatch(/。“[^“”]+。”/u);
  });
});

/**
 * Make the damage: encode as GBK, replace one lead byte by `?`, decode one byte off as the broken
 * converter did, and narrow the full-width forms it produced.
 */
function damage(text: string, at: string): string {
  const bytes = Buffer.from(iconv.encode(text, 'gbk'));
  const index = iconv.encode(text.slice(0, text.indexOf(at)), 'gbk').length;
  bytes[index] = 0x3f;
  const decoded = new TextDecoder('gbk').decode(bytes);
  return decoded.replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

describe('misaligned GBK repair', () => {
  const context = '我们要把学习教育制度化常态化，不断提高用科学理论指导业务工作的能力。国际司负责人说，要将学习成果转化为推进工作的实际行动。';

  it.each([
    ['读书班。“将学习教育制度化常态化。”国际司相关负责人说。', '。'],
    ['能力。”国际司相关负责人说。', '。'],
    ['开展了“四史”学习教育。國際社會高度關注。', '。'],
    // Simplified text never re-synchronises on a trail byte: the run ends where a displaced byte
    // meets a digit (U+FFFD) or the end of the line, and that character's trail byte is chosen too.
    ['会议强调，要坚持和加强党的全面领导，推进2019年工作。', '，'],
    ['读书班。“将学习教育制度化常态化。”国际司相关负责人说。', '。'],
  ])('restores %s after the lost lead byte of %s', (original, at) => {
    const damaged = damage(original, at);
    expect(damaged).not.toBe(original);
    expect(damaged).toContain('?');
    const result = repairGbkMisalignment(damaged, charFrequencies(context + damaged));
    expect(result.text).toBe(original);
    expect(result.repairs).toHaveLength(1);
  });

  it('leaves an ordinary question mark alone', () => {
    const line = '为什么要这样做?我们要认真学习。How are you?OK';
    const result = repairGbkMisalignment(line, charFrequencies(context + line));
    expect(result).toEqual({ text: line, repairs: [], unresolved: [] });
  });

  it('leaves a damaged run it cannot restore as it was and says so', () => {
    // A private-use character next to one GBK cannot hold in two bytes: no lead byte brings it back.
    const line = '学习?\ue571𠀀Wx';
    const result = repairGbkMisalignment(line, charFrequencies(line));
    expect(result.text).toBe(line);
    expect(result.unresolved).toHaveLength(1);
  });

  it('reports an unrestorable run as a warning naming the line', () => {
    const bytes = Buffer.from('标题\n\n正文第一句话很长很长，说明了情况。\n学习?\ue571𠀀W的内容，还要继续。\n', 'utf8');
    const { source } = process('damaged.txt', bytes);
    expect(source.messages).toMatchObject([{ ruleId: 'gbk-misalignment-unresolved', severity: 'warning', file: 'damaged.txt', line: 4 }]);
  });
});

describe('pinyin annotation removal', () => {
  it('removes a syllable that is a reading of the character before it', () => {
    expect(removePinyinAnnotations('協(xié)商 統(tǒng)戰(zhàn) 学(xue2)习').text).toBe('協商 統戰 学习');
  });

  it('keeps legitimate parentheses', () => {
    for (const line of ['计划(2019—2021年)', '(一)具有深刻的理论逻辑', '政协(CPPCC)', '党委(总支)', '中国(zhong)', '王(li)']) {
      expect(removePinyinAnnotations(line).text).toBe(line);
    }
  });

  it("reads a character as pinyin-pro's `pinyin` with `multiple` does (the readings it compares with)", () => {
    const { pinyin } = createRequire(import.meta.url)('pinyin-pro') as typeof PinyinPro;
    const syllables = (list: string[]): string => [...new Set(list.map((r) => r.toLowerCase()).filter((r) => /^[a-z]+$/.test(r)))].sort().join(' ');
    let checked = 0;
    for (let cp = 0x4e00; cp <= 0x9fff; cp += 3) {
      const han = String.fromCodePoint(cp);
      const expected = [...pinyin(han, { multiple: true, type: 'array', toneType: 'none', v: true }), ...pinyin(toSimplified(han), { multiple: true, type: 'array', toneType: 'none', v: true })];
      expect(syllables(readingsOf(han)), han).toBe(syllables(expected));
      checked++;
    }
    expect(checked).toBeGreaterThan(6000);
    expect(readingsOf('協').sort()).toEqual(['xie']);
    expect(readingsOf('行').sort()).toEqual(['hang', 'heng', 'xing']);
  });
});
