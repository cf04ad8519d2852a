/**
 * The index of recurring events: a dated meeting, congress or forum (“2019年7月9日，习近平总书记出席中央和
 * 国家机关党的建设工作会议”) named in two or more articles, with every place it is named.
 *
 * 1. Names. A name ends in a word for a gathering (会议, 大会, 全会, 座谈会, 论坛 …) and runs back over
 *    Chinese characters, digits and quotes to the nearest punctuation, then is cut after the last word
 *    that introduces it (出席, 召开, 举行, 在 …) or a date inside it: 习近平总书记出席|中央和国家机关党的建设
 *    工作会议 → 中央和国家机关党的建设工作会议.
 * 2. Dates. A mention is dated by the nearest date before it in the same sentence (or just after it);
 *    dates are as precise as the text (2019年7月 → 2019-07).
 * 3. Every name that is dated somewhere is then looked up everywhere (one pass, Aho–Corasick, longest
 *    first), dated or not, so “在中央和国家机关党的建设工作会议上的讲话” counts too.
 * 4. Mentions of one name whose dates agree (2019-07 and 2019-07-09 agree; 2019 and 2020 do not) are one
 *    event, dated as precisely as any of them says. Undated mentions join it when the name has only one
 *    event; a name held on several dates (an annual meeting) leaves undated mentions out rather than
 *    guess. So does the regular session of a standing body (中共中央政治局会议, 国务院常务会议, 党组会议):
 *    the name says which body met, not which meeting, so only mentions dated alike are one event.
 * 5. An event named in fewer than two articles is not “recurring” and is left out.
 *
 * Steps 1–2 run article by article (`eventFacts`: the sentences that name a gathering, with the names dated
 * there), kept with the article from one build to the next; steps 3–5 run over those sentences of the
 * whole book (`eventIndex`).
 */
import type { Article, EventEntry, Occurrence } from '../ir.js';
import { shortHash } from '../ids.js';
import { blockTexts, type BlockText } from './blocks.js';
import { compatibleDates, findDates, preciser } from './dates.js';
import { buildMatcher, selectLongest } from './matcher.js';
import { compareKeys, PINYIN, type Pinyin } from './pinyin.js';

export const MIN_EVENT_ARTICLES = 2;

const GATHERING = /(?:工作会议|会议|代表大会|大会|全会|座谈会|研讨会|推进会|报告会|表彰会|论坛|峰会)/g;
/** The same words, to test a text for any of them. */
const GATHERING_TEST = new RegExp(GATHERING.source);
const NAME_CHAR = /[\p{Script=Han}0-9０-９“”‘’·]/u;
const MAX_NAME = 32;
/** Words that introduce a name; the name starts after the last of them. (于 not in 关于.) */
const INTRODUCER = /(?:出席|召开|举行|举办|参加|主持|列席|贯彻|学习|领会|作为|或者|在|(?<!关)于|是|由|经|以|从|及)/g;
/** What may stand before a name without being part of it: a joining word, 的, a quote closing the last. */
const LEADING_JUNK = /^(?:和|与|以及|暨|并|的|[”’])+/;
/** Names made of a pointer and a generic word (此次会议, 有关会议) name nothing by themselves. */
const NOT_A_NAME = /^(?:这次|此次|本次|该|这|此|本|各|各类|各种|有关|相关|上述|历次|每次|一次|多次|重要|专题|系列|工作|党组|党委|支委|部务|常务|党员|党员代表|全体|干部|职工|代表|年度)?(?:会议|大会|全会|座谈会|研讨会|推进会|报告会|表彰会|论坛|峰会|工作会议)$/;
/** Sessions of standing bodies: the name recurs for every meeting. */
const SERIAL = /(?:政治局|常委会|常务委员会|书记处|党组|党委|支委|委员会|常务|办公|务)会议$/;
/** How far before a name its date may stand (characters), and after it. */
const DATE_BEFORE = 48;
const DATE_AFTER = 12;

interface Mention {
  key: string;
  name: string;
  date: string | null;
  articleId: string;
  occurrence: Occurrence;
}

/** Event names in one sentence (step 1). */
export function findEventNames(text: string): Array<{ name: string; start: number; end: number }> {
  const out: Array<{ name: string; start: number; end: number }> = [];
  let floor = 0;
  for (const m of text.matchAll(GATHERING)) {
    const end = m.index + m[0].length;
    let start = m.index;
    while (start > floor && end - start < MAX_NAME && NAME_CHAR.test(text[start - 1]!)) start--;
    let name = text.slice(start, end);
    let cut = 0;
    for (const intro of name.slice(0, name.length - m[0].length).matchAll(INTRODUCER)) cut = intro.index + intro[0].length;
    for (const date of findDates(name, null)) if (date.end <= name.length - m[0].length) cut = Math.max(cut, date.end);
    const junk = LEADING_JUNK.exec(name.slice(cut));
    if (junk) cut += junk[0].length;
    start += cut;
    name = text.slice(start, end);
    floor = end;
    if (name.length < 4 || NOT_A_NAME.test(name.replace(/[“”‘’]/g, ''))) continue;
    out.push({ name, start, end });
  }
  return out;
}

function eventKey(name: string): string {
  return name.normalize('NFKC').replace(/[“”‘’"'\s]/g, '');
}

function dateNear(text: string, start: number, end: number, articleDate: string | null): string | null {
  const dates = findDates(text, articleDate);
  let best: string | null = null;
  for (const d of dates) if (d.end <= start && start - d.end <= DATE_BEFORE) best = d.date;
  if (best !== null) return best;
  for (const d of dates) if (d.start >= end && d.start - end <= DATE_AFTER) return d.date;
  return null;
}

/**
 * The sentences (segments) of one article that name a gathering, with the names dated there (steps 1–2):
 * every name ends in a word for a gathering, so only these can hold a mention of any event (step 3).
 * Worked out once per article and kept with it from one build to the next (plain JSON).
 */
export interface EventFacts {
  articleId: string;
  date: string | null;
  segments: Array<{ text: string; nodeId: string; blockId: string; dated: string[] }>;
}

export function eventFacts(article: Article, blocks: readonly BlockText[] = blockTexts(article)): EventFacts {
  const segments: EventFacts['segments'] = [];
  for (const block of blocks) {
    for (const segment of block.segments) {
      const text = block.text.slice(segment.start, segment.end);
      if (!GATHERING_TEST.test(text)) continue;
      const dated = findEventNames(text)
        .filter((found) => dateNear(text, found.start, found.end, article.data.date) !== null)
        .map((found) => found.name);
      segments.push({ text, nodeId: segment.node.id, blockId: block.block.id, dated });
    }
  }
  return { articleId: article.id, date: article.data.date, segments };
}

export function collectEvents(articles: readonly Article[]): EventEntry[] {
  return eventIndex(articles.map((article) => eventFacts(article)));
}

/** The index of events from each article's facts, in book order. */
export function eventIndex(facts: readonly EventFacts[], pinyin: Pinyin = PINYIN): EventEntry[] {
  // Steps 1–2: names that carry a date somewhere.
  const dated = new Set<string>();
  for (const article of facts) for (const segment of article.segments) for (const name of segment.dated) dated.add(name);
  if (dated.size === 0) return [];

  // Step 3: every mention of those names.
  const names = [...dated].sort(compareKeys);
  const matcher = buildMatcher(names);
  const mentions: Mention[] = [];
  for (const article of facts) {
    for (const { text, nodeId, blockId } of article.segments) {
      for (const m of selectLongest(matcher.findAll(text), text.length)) {
        const name = names[m.pattern]!;
        mentions.push({
          key: eventKey(name),
          name,
          date: dateNear(text, m.start, m.end, article.date),
          articleId: article.articleId,
          occurrence: { articleId: article.articleId, nodeId, blockId },
        });
      }
    }
  }

  // Step 4: one event per name and agreeing dates.
  const byKey = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = byKey.get(m.key);
    if (list) list.push(m);
    else byKey.set(m.key, [m]);
  }
  const events: Array<Omit<EventEntry, 'id'> & { key: string }> = [];
  for (const [key, list] of byKey) {
    const clusters: Array<{ date: string; mentions: Mention[] }> = [];
    const withDate = list.filter((m) => m.date !== null).sort((a, b) => b.date!.length - a.date!.length || compareKeys(a.date!, b.date!));
    for (const m of withDate) {
      const cluster = clusters.find((c) => compatibleDates(c.date, m.date!));
      if (cluster) {
        cluster.date = preciser(cluster.date, m.date!);
        cluster.mentions.push(m);
      } else clusters.push({ date: m.date!, mentions: [m] });
    }
    if (clusters.length === 1 && !SERIAL.test(key)) clusters[0]!.mentions.push(...list.filter((m) => m.date === null));
    for (const cluster of clusters) {
      // Step 5: recurring across articles.
      if (new Set(cluster.mentions.map((m) => m.articleId)).size < MIN_EVENT_ARTICLES) continue;
      const name = mostCommon(cluster.mentions.map((m) => m.name));
      events.push({ key, date: cluster.date, name, sortKey: `${cluster.date} ${pinyin.sortKey(name)}`, occurrences: inReadingOrder(cluster.mentions, mentions) });
    }
  }
  return withIds(events).sort((a, b) => compareKeys(a.sortKey, b.sortKey));
}

function mostCommon(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || compareKeys(a[0], b[0]))[0]![0];
}

/** Occurrences in book order, one per sentence. */
function inReadingOrder(chosen: Mention[], all: Mention[]): Occurrence[] {
  const set = new Set(chosen);
  const seen = new Set<string>();
  const out: Occurrence[] = [];
  for (const m of all) {
    if (!set.has(m) || seen.has(m.occurrence.nodeId)) continue;
    seen.add(m.occurrence.nodeId);
    out.push(m.occurrence);
  }
  return out;
}

/** `e-` + a hash of the name and year; the full date is added only where one name recurs in a year. */
function withIds(events: Array<Omit<EventEntry, 'id'> & { key: string }>): EventEntry[] {
  const base = events.map((e) => `${e.key}|${e.date.slice(0, 4)}`);
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  return events.map(({ key, ...e }, i) => ({
    id: `e-${shortHash(count.get(base[i]!)! > 1 ? `${key}|${e.date}` : base[i]!)}`,
    ...e,
  }));
}
