/**
 * Dates as Chinese text writes them — 2019年7月9日, 2019年7月, 2019年, 今年4月 — to ISO form, exactly as
 * precise as the text is (YYYY-MM-DD, YYYY-MM or YYYY). A relative year (今年, 去年) needs the article's
 * own date; without it the date is not resolved rather than guessed.
 */

export interface DateMention {
  /** ISO date, as precise as the text. */
  date: string;
  start: number;
  end: number;
}

const DIGIT = '[0-9０-９]';
const DATE = new RegExp(
  `(?:(${DIGIT}{4})年|(今年|去年|前年))(?:(${DIGIT}{1,2})月(?:(${DIGIT}{1,2})[日号])?)?(?!${DIGIT})`,
  'g',
);
/** A date that opens a span (“2019年以来”, “2020年前”) dates no single event. */
const SPAN_AFTER = /^(?:以来|以前|之前|以后|之后|起|前|后|至|到|—|-|底前)/;
/** …and so does the end of a span (“2019—2021年”). */
const SPAN_BEFORE = /[—\-－~〜至到]$/;
const RELATIVE: Record<string, number> = { 今年: 0, 去年: -1, 前年: -2 };

function toNumber(text: string): number {
  return Number(text.normalize('NFKC'));
}

/** Every date in `text`; `articleDate` (YYYY-MM-DD or null) resolves relative years. */
export function findDates(text: string, articleDate: string | null): DateMention[] {
  const out: DateMention[] = [];
  const articleYear = articleDate === null ? null : Number(articleDate.slice(0, 4));
  for (const m of text.matchAll(DATE)) {
    const end = m.index + m[0].length;
    if (SPAN_AFTER.test(text.slice(end, end + 2)) || SPAN_BEFORE.test(text.slice(Math.max(0, m.index - 1), m.index))) continue;
    let year: number;
    if (m[1] !== undefined) year = toNumber(m[1]);
    else if (articleYear !== null) year = articleYear + RELATIVE[m[2]!]!;
    else continue;
    const month = m[3] === undefined ? null : toNumber(m[3]);
    const day = m[4] === undefined ? null : toNumber(m[4]);
    if (month !== null && (month < 1 || month > 12)) continue;
    if (day !== null && (day < 1 || day > 31)) continue;
    let date = String(year).padStart(4, '0');
    if (month !== null) date += `-${String(month).padStart(2, '0')}`;
    if (day !== null) date += `-${String(day).padStart(2, '0')}`;
    out.push({ date, start: m.index, end });
  }
  return out;
}

/** One date refines the other (2019 ⊂ 2019-07 ⊂ 2019-07-09): they can name the same day. */
export function compatibleDates(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** The more precise of two compatible dates. */
export function preciser(a: string, b: string): string {
  return a.length >= b.length ? a : b;
}
