/**
 * Properties, with fast-check: normalize never throws, whatever the bytes or text; and the text
 * cleaning is idempotent. "Its own output" is defined as cleanText (pipeline/normalize/clean.ts):
 * every line of a text cleaned as normalize cleans it — repairs, punctuation and spacing, then
 * Traditional → Simplified when the cleaned text is Traditional — before the page's structure is
 * looked at. Cleaning
 * that output again changes nothing: cleanText(cleanText(t)) === cleanText(t).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../pipeline/normalize/clean.js';
import { normalize } from '../../pipeline/normalize/index.js';

/** Text made of what scraped Chinese pages are made of, in any order. */
const pieces = fc.constantFrom(
  '中', '国', '學', '習', '協', '(xié)', '(一)', '(2019—2021年)', '，', '。', '、', '“', '”', '《', '》', '（', '）',
  ',', ':', ';', '!', '?', '(', ')', '.', '...', ' ', '  ', '\u3000', '\u00a0', '\n', '\r\n', '1', '22:49', '1,000',
  'Ａ', '１', 'a', '——', '……', '首 頁', '重 要 专 题', '来源:', '时间:2022-07-07', '上一篇:', '?!皩', '\ue571', 'W',
  '&nbsp;', '&#x4E2D;', '&amp;lt;', '\u0000', '\u001b', '\u0085', '\u202e', '\u2066', '\ufdd0', '&#x202E;', '&#133;', '&&#x202E;#x4E2D;', '&#x4E\u0000;', '|', '>', '第一章', '一、', '1.', '【', '】', '編輯:', '\ufffd', '\t',
);
const pageText = fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 60 }).map((parts) => parts.join(''));

describe('normalize properties', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const result = normalize({ file: 'any.txt', bytes });
        expect(Array.isArray(result.lines)).toBe(true);
        expect(result.messages.every((m) => m.ruleId !== 'normalize-failed')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text, and never fails inside', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const result = normalize({ file: 'any.txt', bytes: Buffer.from(text, 'utf8') });
        expect(result.messages.filter((m) => m.ruleId === 'normalize-failed')).toEqual([]);
        for (const line of result.lines) expect(line.text).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('cleans idempotently: cleaning its own output changes nothing', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const once = cleanText(text);
        const twice = cleanText(once);
        expect(twice).toBe(once);
      }),
      // Counterexamples found earlier stay in every run.
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000), examples: [['?0協@'], ['?0協\ufffd'], ['?學\ufffd'], ['&amp;lt;?１\ue571 lK——𐱆🥷⣀ﻑ{']] },
    );
  });
});
