/**
 * Run-in heads: the lead sentence of a paragraph that works as its heading, set off in bold.
 *
 * Two shapes are recognised, both with evidence beyond one paragraph, so that not every short first
 * sentence becomes a head:
 *  - the article label of a regulation, `第一条`, `第二十六条`, always;
 *  - a series: two or more paragraphs in a row that each open with a short statement ending in `。`
 *    and go on after it (`服务元首外交，发挥战略引领作用。全力以赴……`).
 */
import type { Draft } from '../segment.js';
import { ARTICLE_LABEL } from './numbering.js';

/** The longest lead sentence that counts as a head, in characters. */
const MAX_LEAD = 30;

type ParagraphDraft = Extract<Draft, { kind: 'paragraph' }>;

export function runInHeads(drafts: Draft[]): void {
  for (const d of drafts) {
    if (d.kind !== 'paragraph' || d.role !== 'body') continue;
    const label = ARTICLE_LABEL.exec(d.line.text);
    if (label) d.lead = label[0];
  }
  let run: ParagraphDraft[] = [];
  const flush = (): void => {
    if (run.length >= 2) for (const d of run) d.lead = d.sentences[0]!;
    run = [];
  };
  for (const d of drafts) {
    if (d.kind === 'paragraph' && d.role === 'body' && d.lead === null && hasLeadSentence(d)) run.push(d);
    else flush();
  }
  flush();
}

function hasLeadSentence(d: ParagraphDraft): boolean {
  const lead = d.sentences[0];
  if (lead === undefined || d.sentences.length < 2) return false;
  // A reported statement (`总书记指出，…`) opens an ordinary paragraph, not a head.
  if (/(?:指出|强调|表示|认为|说|提出|要求|谈到|写道)，/.test(lead)) return false;
  return [...lead].length <= MAX_LEAD && lead.endsWith('。') && !/^[“‘「『]/.test(lead) && !/[：:]/.test(lead);
}
