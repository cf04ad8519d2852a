/**
 * Every word the bundle itself shows (navigation, headings of the index pages, accessible names), written
 * once in Simplified Chinese and converted for a Traditional edition, so no page mixes scripts.
 */
import type { Script } from '../../ir.js';
import { toTraditional } from '../../script.js';

const simplified = {
  skipToContent: '跳到正文',
  siteNavigation: '网站导航',
  contents: '目录',
  glossary: '术语表',
  documents: '文件索引',
  events: '事件索引',
  search: '搜索',
  searchLabel: '全文搜索',
  searchPlaceholder: '输入要查找的词语',
  searchButton: '搜索',
  searchNoScript: '全文搜索需要浏览器启用 JavaScript。',
  searchHint: '输入两个字或更多，例如“党建”“外交”；可用空格分隔几个词，繁体字也能查到。',
  searchEmpty: '请输入要查找的词语。',
  searchNone: '没有找到包含“{q}”的文章。',
  searchCount: '找到 {n} 篇文章包含“{q}”。',
  searchMore: '另有 {n} 处',
  articleCount: '共 {n} 篇文章',
  compiler: '编者',
  bookDate: '日期',
  source: '来源',
  date: '日期',
  author: '作者',
  editors: '责任编辑',
  keywords: '关键词',
  sourceFile: '源文件',
  articleMeta: '文章信息',
  articleContents: '本文目录',
  related: '相关文章',
  sharedTerms: '共同术语',
  sharedDocuments: '共同引用',
  pager: '上一篇和下一篇',
  previous: '上一篇',
  next: '下一篇',
  headingLink: '本节的链接',
  paragraphLink: '本段的链接',
  aliases: '又作',
  category: '类别',
  seeArticle: '参见',
  occurrences: '出处',
  occurrenceOf: '第 {n} 处',
  noOccurrences: '正文中未出现',
  variants: '其他写法',
  glossaryIntro: '按汉语拼音排序。每条后列出它在各篇文章中的出处。',
  documentsIntro: '文章中以书名号引用的文件、讲话和著作，及其出处。',
  eventsIntro: '文章中提到的有日期的会议和事件，按时间排序。',
  glossaryLetters: '按首字母跳转',
  empty: '（无）',
  listSeparator: '、',
  backToTop: '回到顶部',
};

export type Labels = typeof simplified;

export function labelsFor(script: Script): Labels {
  if (script === 'hans') return simplified;
  return Object.fromEntries(Object.entries(simplified).map(([key, value]) => [key, toTraditional(value)])) as Labels;
}

/** Fill `{name}` placeholders; values are plain text (pages are trees, so nothing here is markup). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
