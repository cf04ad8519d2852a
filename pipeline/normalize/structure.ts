/**
 * The structure of a scraped page: header zone (banner, menus, breadcrumbs, related lists, the
 * page-meta line), the title block (title, subtitle, byline, source line), the body, and the footer
 * zone (credits, keywords, previous/next links, related lists, forms, site footer).
 *
 * The anchor is the first prose line B (sentence punctuation, ends like a sentence or is long).
 * The title is found relative to it and to the page-meta line M nearest before it:
 *  - the headline H is the closest title-like line above M (nothing but page tools in between);
 *    when H is a real headline, lines between M and B belong to the article (bylines, section labels);
 *  - when H is a column wrapper (`【2020年1月学习材料】`, `每周一学（…日期…）…`) or missing, the title is
 *    the topmost other title-like line between M and B, joined with its continuation line;
 *  - with no M, the title is the closest title-like line above B.
 * The footer starts at the first footer marker after B; short non-sentence lines trailing the last
 * paragraph (form fields, menus) belong to it too.
 */
import type { Discarded, SourceMeta } from './types.js';
import {
  DISCARD_RULES,
  authorLine,
  bylineIn,
  charLength,
  classifyFurniture,
  editorsIn,
  footerMarker,
  isColumnWrapper,
  isEditorLine,
  isFormLine,
  isProse,
  isTitleLike,
  keywordsIn,
  parsePageMeta,
  sourceLine,
  unbracket,
  type DiscardRule,
} from './lines.js';

export interface PageLine {
  /** 1-based line number in the source. */
  line: number;
  /** The line as decoded, before cleaning (what the report shows). */
  raw: string;
  /** The cleaned line; never empty. */
  text: string;
}

export interface PageStructure {
  meta: SourceMeta;
  body: PageLine[];
  discarded: Discarded[];
}

type Assignment = { kind: 'body' } | { kind: 'discard'; rule: string };

const ANONYMOUS = /^(?:佚名|匿名|未知|不详|无|本站|本网|admin|administrator|管理员|编辑部)$/i;
const PAGE_SOURCE_FIELDS = ['文章来源', '稿件来源', '信息来源', '新闻来源', '来源'];

export function analysePage(lines: PageLine[]): PageStructure {
  const n = lines.length;
  const text = (i: number): string => lines[i]!.text;
  const furniture = lines.map((l) => classifyFurniture(l.text));
  const assigned: Array<Assignment | undefined> = new Array(n);
  const discard = (i: number, rule: string): void => {
    assigned[i] = { kind: 'discard', rule };
  };

  const first = lines.findIndex((l, i) => furniture[i] === null && isProse(l.text) && bylineIn(l.text) === null);
  const bodyAnchor = first === -1 ? n : first;

  // ---- the title block ----------------------------------------------------------------------
  const candidate = (i: number): boolean => isTitleLike(text(i)) && !isMetaLine(text(i));
  let metaLine = -1;
  for (let i = bodyAnchor - 1; i >= 0; i--) {
    if (furniture[i] === DISCARD_RULES.pageMeta) {
      metaLine = i;
      break;
    }
  }

  let titleLines: number[] = [];
  let afterTitle = bodyAnchor; // first line after the title block's own lines
  if (metaLine >= 0) {
    const isSubtitle = (i: number): boolean => text(i).startsWith('——');
    const headline = closestAbove(metaLine, (i) => candidate(i) && !isSubtitle(i), furniture, isSubtitle);
    if (headline !== null && !isColumnWrapper(text(headline))) {
      titleLines = [headline];
      afterTitle = headline + 1;
    } else {
      const inner = topmostTitle(metaLine + 1, bodyAnchor, lines, candidate);
      if (inner.length > 0) {
        titleLines = inner;
        afterTitle = inner.at(-1)! + 1;
        if (headline !== null) discard(headline, DISCARD_RULES.columnWrapper);
      } else if (headline !== null) {
        titleLines = [headline];
        afterTitle = headline + 1;
      }
    }
  } else {
    const headline = closestAbove(bodyAnchor, (i) => candidate(i) && !text(i).startsWith('——') && bylineIn(text(i)) === null, furniture, (i) => furniture[i] === null);
    if (headline !== null) {
      titleLines = [headline];
      if (text(headline).startsWith('《') && headline > 0 && candidate(headline - 1) && charLength(text(headline - 1)) <= 12) titleLines = [headline - 1, headline];
      afterTitle = headline + 1;
    }
  }

  const titleText = titleLines.map(text).join('');
  let { title, subtitle } = splitTitle(titleText);
  for (const i of titleLines) discard(i, DISCARD_RULES.metaTitle);

  // Lines of the title block (between the title and the first paragraph): subtitle, byline, source.
  let inArticleSource: string | null = null;
  let author: string | null = null;
  for (let i = afterTitle; i < bodyAnchor; i++) {
    if (assigned[i]) continue;
    const t = text(i);
    if (titleText !== '' && sameText(t, titleText)) discard(i, DISCARD_RULES.duplicateTitle);
    else if (t.startsWith('——') && subtitle === null && charLength(t) <= 80) {
      subtitle = t.replace(/^——\s*/, '');
      discard(i, DISCARD_RULES.metaSubtitle);
    } else if (sourceLine(t) !== null) {
      inArticleSource ??= sourceLine(t);
      discard(i, DISCARD_RULES.metaSource);
    } else if (authorLine(t) !== null) {
      author ??= authorLine(t);
      discard(i, DISCARD_RULES.metaAuthor);
    } else if (author === null && bylineIn(t) !== null) {
      author = bylineIn(t);
      discard(i, DISCARD_RULES.metaAuthor);
    } else if (isEditorLine(t)) discard(i, DISCARD_RULES.editorLine);
    else if (furniture[i] !== null) discard(i, furniture[i]!);
    else if (isColumnWrapper(t)) discard(i, DISCARD_RULES.columnWrapper);
    else assigned[i] = { kind: 'body' };
  }
  // Everything above the title block is the page header.
  for (let i = 0; i < bodyAnchor; i++) {
    if (assigned[i]) continue;
    const t = text(i);
    if (titleText !== '' && sameText(t, titleText)) discard(i, DISCARD_RULES.duplicateTitle);
    else discard(i, furniture[i] ?? (isColumnWrapper(t) ? DISCARD_RULES.columnWrapper : DISCARD_RULES.header));
  }

  // ---- the footer ---------------------------------------------------------------------------
  let footerStart = n;
  for (let i = bodyAnchor; i < n; i++) {
    if (footerMarker(text(i)) !== null) {
      footerStart = i;
      break;
    }
  }
  let lastBody = footerStart - 1;
  while (lastBody >= bodyAnchor && !closesBody(text(lastBody))) lastBody--;
  let closingSource: string | null = null;
  let footerAuthor: string | null = null;
  for (let i = lastBody + 1; i < n; i++) {
    const t = text(i);
    const marker = footerMarker(t);
    if (marker === DISCARD_RULES.metaSource) closingSource ??= sourceLine(t);
    if (marker === DISCARD_RULES.metaAuthor) footerAuthor ??= authorLine(t);
    discard(i, marker ?? (isFormLine(t) ? DISCARD_RULES.feedbackForm : (furniture[i] ?? DISCARD_RULES.footer)));
  }
  for (let i = bodyAnchor; i <= lastBody; i++) {
    const kind = furniture[i];
    if (kind === DISCARD_RULES.shareWidget || kind === DISCARD_RULES.pageTools) discard(i, kind);
    else assigned[i] = { kind: 'body' };
  }

  // ---- metadata -----------------------------------------------------------------------------
  const discarded: Discarded[] = [];
  const body: PageLine[] = [];
  lines.forEach((l, i) => {
    const a = assigned[i] ?? { kind: 'discard', rule: DISCARD_RULES.footer };
    if (a.kind === 'body') body.push(l);
    else discarded.push({ line: l.line, text: l.raw, rule: a.rule });
  });

  const pageMetas = lines
    .map((l, i) => (assigned[i]?.kind === 'discard' && (assigned[i] as { rule: string }).rule === DISCARD_RULES.pageMeta ? parsePageMeta(l.text) : null))
    .filter((m) => m !== null);
  const headerFirst = metaLine >= 0 ? [parsePageMeta(text(metaLine))!, ...pageMetas] : pageMetas;
  const date = headerFirst.map((m) => m.date).find((d) => d !== null) ?? null;
  const pageSource = firstField(headerFirst, PAGE_SOURCE_FIELDS);
  const pageAuthor = firstField(headerFirst, ['作者']);

  const editors: string[] = [];
  const keywords: string[] = [];
  for (const d of discarded) {
    const t = lines.find((l) => l.line === d.line)!.text;
    if (d.rule === DISCARD_RULES.editorLine) editors.push(...editorsIn(t));
    if (d.rule === DISCARD_RULES.keywords) keywords.push(...(keywordsIn(t) ?? []));
  }
  for (const m of headerFirst) for (const label of ['责任编辑', '编辑']) if (m.fields.get(label)) editors.push(...editorsIn(`${label}：${m.fields.get(label)}`));

  if (title !== null) title = title.replace(/\s*——\s*/g, '——');
  return {
    meta: {
      title,
      subtitle,
      author: cleanName(author ?? footerAuthor ?? pageAuthor),
      source: cleanName(inArticleSource ?? closingSource ?? pageSource),
      date,
      editors: [...new Set(editors)],
      keywords: [...new Set(keywords)],
      titleLine: titleLines.length > 0 ? lines[titleLines[0]!]!.line : null,
    },
    body,
    discarded,
  };
}

/** Lines that name the author or source, or are credits: never the title. */
function isMetaLine(text: string): boolean {
  return sourceLine(text) !== null || authorLine(text) !== null || isEditorLine(text);
}

/**
 * The closest line above `from` that passes `accept`, looking past page tools and the lines
 * `passThrough` allows (a subtitle, the meta lines of a title block); null when other page furniture
 * comes first.
 */
function closestAbove(from: number, accept: (i: number) => boolean, furniture: Array<DiscardRule | null>, passThrough: (i: number) => boolean): number | null {
  for (let i = from - 1; i >= 0; i--) {
    const kind = furniture[i];
    if (kind === DISCARD_RULES.shareWidget || kind === DISCARD_RULES.pageTools || kind === DISCARD_RULES.dateWidget) continue;
    if (accept(i)) return i;
    if (passThrough(i)) continue;
    return null;
  }
  return null;
}

/** The topmost title-like line in [from, to) that is not a wrapper, byline or subtitle, with its continuation. */
function topmostTitle(from: number, to: number, lines: PageLine[], candidate: (i: number) => boolean): number[] {
  for (let i = from; i < to; i++) {
    const t = lines[i]!.text;
    if (!candidate(i) || isColumnWrapper(t) || t.startsWith('——') || bylineIn(t) !== null) continue;
    const next = i + 1 < to ? lines[i + 1]!.text : null;
    if (next !== null && candidate(i + 1) && continuesTitle(t, next)) return [i, i + 1];
    return [i];
  }
  return [];
}

/** A headline broken over two lines: `中共中央印发` / `《…条例》`, or a first part that ends open. */
function continuesTitle(first: string, second: string): boolean {
  if (bylineIn(second) !== null || isColumnWrapper(second) || second.startsWith('——')) return false;
  return /^[《“]/.test(second) || /[：、，——]$/.test(first);
}

/** Title and subtitle on one line: `标题 ——副题` (a space before the dash). */
function splitTitle(text: string): { title: string | null; subtitle: string | null } {
  if (text === '') return { title: null, subtitle: null };
  const m = /^(.+?\S)\s+——\s*(\S.*)$/.exec(text);
  if (m) return { title: m[1]!, subtitle: m[2]! };
  return { title: text, subtitle: null };
}

function sameText(a: string, b: string): boolean {
  const fold = (s: string): string => s.replace(/\s+/g, '');
  return fold(a) === fold(b);
}

/** The last line of an article body: a sentence, a bracketed note, or a line of omission marks. */
function closesBody(text: string): boolean {
  return (isProse(text) && !isFormLine(text)) || (unbracket(text) !== text && /^[（(]/.test(text)) || /^[…．.·]{2,}$/.test(text);
}

function firstField(metas: Array<{ fields: Map<string, string> }>, labels: string[]): string | null {
  for (const m of metas) {
    for (const label of labels) {
      const value = m.fields.get(label);
      if (value) return value;
    }
  }
  return null;
}

function cleanName(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  return v === '' || ANONYMOUS.test(v) ? null : v;
}
