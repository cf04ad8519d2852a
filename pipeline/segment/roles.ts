/**
 * What a body line is besides running text: a line of omission marks, an editor's note, or the
 * caption of a photo the scraper dropped (the caption stayed in the text).
 */
import type { ParagraphRole } from '../ir.js';

/** `…………`, `……`, `* * *`: a line of omission marks between passages. */
export function isSeparator(text: string): boolean {
  return /^(?:[…⋯．.·•]{2,}|[*＊※]{3,}|(?:[*＊※] ){2,}[*＊※])$/.test(text);
}

/** A whole line in brackets (`（本文发布时有删节）`), or an editor's note (`编者按：…`, `注：…`). */
export function isNote(text: string): boolean {
  if (/^(?:编者按|编者的话|按|注|说明|附注)[：:]/.test(text)) return true;
  if (!/^[（(]/.test(text) || !/[）)]$/.test(text)) return false;
  // The brackets must enclose the whole line, not open and close two separate groups.
  let depth = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    if ('（('.includes(chars[i]!)) depth++;
    else if ('）)'.includes(chars[i]!)) depth--;
    if (depth === 0 && i < chars.length - 1) return false;
  }
  return true;
}

const FULL_DATE = /^\d{4}年\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚|凌晨|早上|中午|傍晚|夜间)?，/;

/**
 * A photo caption: a photographer credit (`新华社记者 张三 摄`), `图为…`, or the news-photo form
 * “<full date>，<one scene>。” optionally followed by `这是…。`.
 */
export function isCaption(text: string, sentences: string[]): boolean {
  if (/[\s（(](?:\p{Script=Han}{2,8}\s+){0,2}\p{Script=Han}{2,4}\s*(?:摄|供图)[）)]?$/u.test(text)) return true;
  if (/^(?:图为|图：|上图|下图|左图|右图|图片[：:])/.test(text)) return true;
  if (!FULL_DATE.test(text)) return false;
  const last = sentences.at(-1) ?? '';
  if (sentences.length === 2 && /^(?:这是|图为)/.test(last)) return true;
  return sentences.length === 1 && (text.match(/，/g) ?? []).length === 1 && !/[“”]/.test(text) && [...text].length <= 60;
}

export function roleOf(text: string, sentences: string[]): ParagraphRole {
  if (isNote(text)) return 'note';
  if (isCaption(text, sentences)) return 'caption';
  return 'body';
}
