/**
 * The words the EPUB itself adds (headings of generated pages, link texts, accessible names), written
 * once in Simplified Chinese and converted for a Traditional edition like the text itself.
 */
import type { Script } from '../../ir.js';
import { toTraditional } from '../../script.js';

const SIMPLIFIED = {
  cover: '封面',
  titlePage: '扉页',
  contents: '目录',
  landmarks: '导览',
  bodyMatter: '正文',
  glossary: '术语表',
  documents: '引用文献索引',
  documentsIntro: '文中以书名号引用的文件、讲话和著作，按拼音排序；每条后列出引用它的文章。',
  events: '重要会议和事件',
  notes: '注释',
  related: '相关文章',
  backToText: '返回正文',
  seeGlossary: '见术语表',
  occursIn: '出现于',
  citedIn: '引用于',
  aliases: '又作',
  seeArticle: '参见',
  compiledBy: '编',
  author: '作者',
  source: '来源',
  date: '日期',
  editors: '编辑',
  articles: '篇文章',
  coverImage: '封面：',
  occurrence: '第{n}处',
} as const;

export type LabelKey = keyof typeof SIMPLIFIED;
export type Labels = Record<LabelKey, string>;

export function labelsFor(script: Script): Labels {
  if (script === 'hans') return { ...SIMPLIFIED };
  const out = {} as Labels;
  for (const key of Object.keys(SIMPLIFIED) as LabelKey[]) out[key] = toTraditional(SIMPLIFIED[key]);
  return out;
}
