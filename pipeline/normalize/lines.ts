/**
 * What a cleaned line of page text looks like: prose, a title, or one of the kinds of page furniture
 * a scraper leaves around an article. Each test is generic (the conventions of Chinese news and
 * government sites), never a particular site's strings. Lines here are already cleaned: full-width
 * punctuation, single spaces, Simplified script.
 */

/** Rule ids for discarded lines, as they appear in the report. */
export const DISCARD_RULES = {
  header: 'header',
  navMenu: 'nav-menu',
  breadcrumb: 'breadcrumb',
  dateWidget: 'date-widget',
  siteBanner: 'site-banner',
  pageMeta: 'page-meta',
  metaTitle: 'meta-title',
  metaSubtitle: 'meta-subtitle',
  metaAuthor: 'meta-author',
  metaSource: 'meta-source',
  duplicateTitle: 'duplicate-title',
  columnWrapper: 'column-wrapper',
  relatedList: 'related-list',
  prevNext: 'prev-next',
  shareWidget: 'share-widget',
  pageTools: 'page-tools',
  feedbackForm: 'feedback-form',
  appDownload: 'app-download',
  editorLine: 'editor-line',
  keywords: 'keywords',
  footer: 'footer',
} as const;

export type DiscardRule = (typeof DISCARD_RULES)[keyof typeof DISCARD_RULES];

const SENTENCE_PUNCTUATION = /[，。；！？]/;
/** Ends like a sentence: a stop (possibly inside a closing quote or bracket), or an open-ended dash. */
const SENTENCE_END = /(?:[。！？；…：]|——)[”’」』）》]*$/;

/** Running text: sentence punctuation, and it ends like a sentence or is too long for a title. */
export function isProse(text: string): boolean {
  if (!SENTENCE_PUNCTUATION.test(text)) return false;
  return SENTENCE_END.test(text) || [...text].length >= 60;
}

export function endsLikeSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

export function charLength(text: string): number {
  return [...text].length;
}

/** Could be a headline: has Han characters, not running text, not too long, not a label ending in `：`. */
export function isTitleLike(text: string): boolean {
  const length = charLength(text);
  if (length < 2 || length > 100 || !/\p{Script=Han}/u.test(text)) return false;
  if (isProse(text) || /[：:]$/.test(text)) return false;
  return classifyFurniture(text) === null;
}

// ---- dates and page-meta lines ----------------------------------------------------------------

const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?/;

/** The first calendar date in a text as YYYY-MM-DD, or null. */
export function findDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const META_LABELS = [
  '文章来源', '稿件来源', '信息来源', '新闻来源', '来源', '发布时间', '发布日期', '更新时间', '发表时间', '时间', '日期',
  '作者', '类型', '点击数', '点击量', '点击', '浏览次数', '浏览量', '浏览', '阅读数', '阅读', '字号', '责任编辑', '编辑',
  '发布者', '发布人', '发布单位', '栏目', '供稿',
];
const META_LABEL = new RegExp(`(${META_LABELS.join('|')})\\s*[：:]`, 'g');

export interface PageMeta {
  date: string | null;
  fields: Map<string, string>;
}

/**
 * A page-meta line: the fields a site prints above or below an article (`来源：… 时间：…`,
 * `2021年05月13日 08:43 | 来源：人民网`, `文章来源： 作者： 发布时间：…`, even `来源： 类型：` with the
 * values missing). Null when the line is something else.
 */
export function parsePageMeta(text: string): PageMeta | null {
  if (charLength(text) > 120 || /[。！？]/.test(text)) return null;
  const labels = [...text.matchAll(META_LABEL)];
  const date = findDate(text);
  const fields = new Map<string, string>();
  labels.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = labels[i + 1]?.index ?? text.length;
    const value = text.slice(start, end).replace(/^[\s|｜]+|[\s|｜]+$/g, '');
    if (!fields.has(m[1]!)) fields.set(m[1]!, value);
  });
  if (labels.length >= 2) return { date, fields };
  if (date !== null) {
    const rest = text.replace(DATE, '').replace(/\d{1,2}:\d{2}(:\d{2})?/g, '').replace(META_LABEL, '');
    const restWithoutValues = labels.length === 1 ? '' : rest;
    if (labels.length === 1 || charLength(restWithoutValues.replace(/[\s|｜星期一二三四五六日天]/g, '')) <= 2) return { date, fields };
  }
  return null;
}

// ---- lines that name the article's author, source, editors, keywords -----------------------------

/** Strip one pair of brackets around a whole line: `（来源：新华社）` → `来源：新华社`. */
export function unbracket(text: string): string {
  const m = /^[（(【\[]\s*(.*?)\s*[）)】\]]$/.exec(text);
  return m ? m[1]! : text;
}

const SOURCE_LINE = /^(?:文章来源|稿件来源|信息来源|新闻来源|来源|转自|转载自|出处)\s*[：:]\s*(.+)$/;
const AUTHOR_LINE = /^(?:作者|文|撰稿|撰文|作者单位)\s*[：:／/]\s*(.+)$/;
const EDITOR_LINE = /^(?:责任编辑|责编|编辑|主编|编审|审核|校对|效对|审校|终审|签发|监制|统筹|值班编辑)\s*[：:]/;
const KEYWORDS_LINE = /^(?:关键词|关键字|标签|主题词)\s*[：:]\s*(.*)$/;

/** `来源：新华网`, `（来源：《党建研究》2023年第6期）` → the source; null for other lines. */
export function sourceLine(text: string): string | null {
  const m = SOURCE_LINE.exec(unbracket(text));
  if (!m || charLength(text) > 60) return null;
  const value = m[1]!.trim();
  return value === '' || /[：:]/.test(value) ? null : value;
}

/** `作者：魏界亮`, `文/张三` → the author; null for other lines. */
export function authorLine(text: string): string | null {
  const m = AUTHOR_LINE.exec(unbracket(text));
  if (!m || charLength(text) > 40) return null;
  const value = m[1]!.trim();
  return value === '' || /[：:]/.test(value) ? null : value;
}

export function isEditorLine(text: string): boolean {
  return EDITOR_LINE.test(unbracket(text)) && charLength(text) <= 80;
}

/** The people named in an editor line under an editing label (`责任编辑`, `编辑`, `责编`, …). */
export function editorsIn(text: string): string[] {
  const line = unbracket(text);
  const labels = [...line.matchAll(/(责任编辑|责编|值班编辑|编辑|主编|编审|审核|校对|效对|审校|终审|签发|监制|统筹)\s*[：:]/g)];
  const out: string[] = [];
  labels.forEach((m, i) => {
    if (!m[1]!.includes('编')) return;
    const value = line.slice(m.index + m[0].length, labels[i + 1]?.index ?? line.length);
    out.push(...splitNames(value));
  });
  return out;
}

export function keywordsIn(text: string): string[] | null {
  const m = KEYWORDS_LINE.exec(text);
  if (!m || charLength(text) > 100) return null;
  return splitNames(m[1]!);
}

export function splitNames(value: string): string[] {
  return value
    .split(/[\s、，,;；|｜]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const OFFICE = '(?:书记|副书记|主任|副主任|部长|局长|处长|厅长|司长|院长|校长|所长|主席|委员|教授|研究员|讲师|记者|通讯员|秘书长|组长|董事长|总经理|经理|负责人|干部|馆长|会长)';
const BYLINE_OFFICE = new RegExp(`${OFFICE}\\s*\\p{Script=Han}{2,4}$`, 'u');

/**
 * A byline under a title: a whole line in brackets (`（中共中央党史和文献研究院院务会理论学习中心组）`),
 * or an office followed by a name (`交流中心党委书记、主任鄢东`, `本报记者 张三`).
 */
export function bylineIn(text: string): string | null {
  if (charLength(text) > 50 || /[。！？；，]/.test(text)) return null;
  const inner = unbracket(text);
  if (inner !== text && /^[（(]/.test(text)) {
    if (/来源|删节|本文|编者|注[：:]|\d/.test(inner) || charLength(inner) < 2) return null;
    return inner;
  }
  return BYLINE_OFFICE.test(text) ? text : null;
}

// ---- column wrappers -------------------------------------------------------------------------

/**
 * A column headline that wraps the real article: a whole line in `【】`, or a line with a bracketed
 * date or date range (`每周一学（2024年4月1日-4月7日）…`, `…（1月份党员学习推荐材料）`). Brackets inside
 * a cited title (`《…（2019—2021年）》`) do not count.
 */
export function isColumnWrapper(text: string): boolean {
  if (/^【[^】]*】$/.test(text) || /^\[[^\]]*\]$/.test(text)) return true;
  const outsideTitles = text.replace(/《[^》]*》/g, '');
  return /[（(【\[][^）)】\]]*\d{1,4}\s*(?:年|月|日)[^）)】\]]*[）)】\]]/.test(outsideTitles);
}

// ---- page furniture ----------------------------------------------------------------------------

const RELATED_HEADINGS = /^(?:相关新闻|相关信息|相关阅读|相关文章|相关链接|相关报道|相关专题|相关推荐|延伸阅读|推荐阅读|拓展阅读|扩展阅读|热点推荐|热门推荐|热门文章|最新文章|精彩推荐|猜你喜欢|更多阅读|更多新闻|图片新闻|专题推荐|往期回顾|往期推荐)(?:\s*[：:>》»]?\s*(?:更多)?\s*[>》»]*)?$/;
/** A list item of linked titles ends with its date: `…[06-11]`, `…[ 01-03 ]`, `… 2024-01-05`. */
const DATED_ITEM = /(?:[\[［(（]\s*(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}\s*[\]］)）]|\s\d{4}-\d{2}-\d{2})$/;

/**
 * Which kind of page furniture a line is, judged on the line alone (the strict kinds, which never
 * match an article's own sentences), or null.
 */
export function classifyFurniture(text: string): DiscardRule | null {
  const length = charLength(text);
  if (/^(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置|现在位置|位置)\s*[：:]/.test(text)) return DISCARD_RULES.breadcrumb;
  if (isBreadcrumbTrail(text)) return DISCARD_RULES.breadcrumb;
  if (/^(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇)\s*[：:]/.test(text) || (text.includes('上一篇') && text.includes('下一篇'))) return DISCARD_RULES.prevNext;
  if (RELATED_HEADINGS.test(text)) return DISCARD_RULES.relatedList;
  if (length <= 80 && DATED_ITEM.test(text)) return DISCARD_RULES.relatedList;
  if (length <= 40 && /^(?:分享到|分享至|分享|转发到|转发至)\s*[：:]?/.test(text)) return DISCARD_RULES.shareWidget;
  if (length <= 30 && /^[【\[]?\s*(?:打印正文|打印本页|打印此文|打印|关闭窗口|关闭本页|关闭|返回顶部|收藏本页|字号|字体)\s*(?:[：:].*)?[】\]]?$/.test(text)) return DISCARD_RULES.pageTools;
  if (length <= 40 && /客户端下载|客户端|APP下载|扫码下载|扫一扫|二维码|关注我们|官方微信|官方微博/.test(text) && !/[。，]/.test(text)) return DISCARD_RULES.appDownload;
  if (/版权所有|Copyright|©|ICP|备案号|公网安备|技术支持[：:]|主办单位[：:]|承办单位[：:]|指导单位[：:]|建设单位[：:]/i.test(text) && length <= 120) return DISCARD_RULES.footer;
  if (isMenuLine(text)) return DISCARD_RULES.navMenu;
  if (/网站地图|联系我们|关于我们|免责声明|隐私政策/.test(text) && length <= 40) return DISCARD_RULES.footer;
  if (/^(?:地址|电话|传真|邮编|邮箱|电子邮箱|Email|E-mail)\s*[：:]/i.test(text) && length <= 80) return DISCARD_RULES.footer;
  if (/^[|｜\s·•\-—_=*#>]+$/.test(text)) return DISCARD_RULES.footer;
  if (/^今天是/.test(text) && length <= 30) return DISCARD_RULES.dateWidget;
  if (/^欢迎(?:来到|访问|光临|您)/.test(text) && length <= 40) return DISCARD_RULES.siteBanner;
  if (/^(?:登录|注册|登录\s*[|｜]\s*注册|注册\s*[|｜]\s*登录|退出)$/.test(text)) return DISCARD_RULES.navMenu;
  if (parsePageMeta(text) !== null) return DISCARD_RULES.pageMeta;
  return null;
}

/** `首页 > 党建引领 > 学习专栏`, `首页>要闻`: short segments joined by `>`. */
function isBreadcrumbTrail(text: string): boolean {
  const parts = text.split(/\s*[>＞»›]\s*/);
  if (parts.length < 2 || charLength(text) > 80) return false;
  const named = parts.filter((p) => p !== '');
  if (named.some((p) => charLength(p) > 20 || /[。！？]/.test(p))) return false;
  return /^(?:首页|主页|网站首页|本站首页|返回首页|HOME)$/i.test(named[0] ?? '') || parts.length >= 3;
}

/**
 * A menu on one line: three or more short items set off by `|` or spaces (`首页 要闻 要论 协商 …`,
 * `公共文件夹 | 智慧校园 | …`). Items of one character each are letter-spacing (`人|物|名|片`), not a menu.
 */
function isMenuLine(text: string): boolean {
  if (/[，。；！？]/.test(text)) return false;
  const byBar = text.split(/\s*[|｜]\s*/).filter((s) => s !== '');
  if (byBar.length >= 2 && byBar.every((s) => charLength(s) <= 12) && byBar.some((s) => charLength(s) > 1)) return true;
  const bySpace = text.split(' ').filter((s) => s !== '');
  return bySpace.length >= 4 && bySpace.every((s) => charLength(s) <= 6);
}

const FORM_WORDS = /意见|建议|姓名|手机|电话|验证码|单位名称|邮箱|留言|提交|评论|问答|看不清|登录|注册|搜索|请输入/;

/** A short line of a feedback or comment form (`单位名称`, `验证码验证码看不清？`). */
export function isFormLine(text: string): boolean {
  return charLength(text) <= 20 && FORM_WORDS.test(text) && !/[。]/.test(text);
}

/**
 * A line that closes the article and opens the page footer: credits, keywords, a closing source
 * line, previous/next links, related lists, page tools, share widgets, site footers.
 */
export function footerMarker(text: string): DiscardRule | 'meta-source' | 'meta-author' | null {
  if (isEditorLine(text)) return DISCARD_RULES.editorLine;
  if (keywordsIn(text) !== null) return DISCARD_RULES.keywords;
  if (sourceLine(text) !== null) return DISCARD_RULES.metaSource;
  if (authorLine(text) !== null) return DISCARD_RULES.metaAuthor;
  if (isProse(text)) return null;
  const furniture = classifyFurniture(text);
  if (furniture === DISCARD_RULES.navMenu || furniture === DISCARD_RULES.dateWidget || furniture === DISCARD_RULES.siteBanner) return null;
  return furniture;
}
