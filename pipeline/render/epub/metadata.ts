/**
 * The package metadata, as data for the OPF template: title, language, identifier, creators, dates and
 * the EPUB Accessibility properties (schema.org vocabulary, which EPUB 3 knows without a prefix).
 */
import type { Root } from '../../ir.js';
import { modifiedStamp } from './format.js';
import { toTraditional } from '../../script.js';

export interface Person {
  name: string;
  /** MARC relator: `com` compiler, `aut` author. */
  role: string;
}

export interface PackageMeta {
  identifier: string;
  title: string;
  subtitle: string | null;
  lang: string;
  creators: Person[];
  contributors: Person[];
  /** YYYY-MM-DD, or null. */
  date: string | null;
  /** CCYY-MM-DDThh:mm:ssZ, from SOURCE_DATE_EPOCH. */
  modified: string;
  description: string;
  subjects: string[];
  accessibility: {
    accessMode: string[];
    accessModeSufficient: string[];
    accessibilityFeature: string[];
    accessibilityHazard: string[];
    accessibilitySummary: string;
  };
}

/** What a reader who cannot see the pages needs to know before opening the book; only what is true of it. */
function summary(features: { glossary: boolean; index: boolean }): string {
  const parts = [
    '本书为可重排的文字出版物，不依赖颜色或图像传达信息。有完整目录和导览，文章标题和各级小标题结构清楚，阅读顺序与原文一致。',
  ];
  if (features.glossary) parts.push('文中术语以注释链接标出，支持的阅读器可弹出释义，注释和术语表均可链接返回正文。');
  const back = [features.glossary ? '术语表' : null, features.index ? '引用文献索引' : null].filter((x) => x !== null);
  if (back.length > 0) parts.push(`书末有${back.join('和')}。`);
  parts.push('封面图片附有文字说明。');
  return parts.join('');
}

export function packageMeta(root: Root, sourceDateEpoch: number, features: { glossary: boolean; index: boolean }): PackageMeta {
  const book = root.data.book;
  const hant = root.data.script === 'hant';
  const authors = [...new Set(root.children.map((a) => a.data.author?.trim()).filter((a): a is string => !!a))];
  const subjects = [...new Set(root.children.flatMap((a) => a.data.keywords.map((k) => k.trim())).filter((k) => k !== ''))];
  const count = root.children.length;
  const description = `${book.subtitle ? `${book.subtitle}。` : ''}收录文章${count}篇。`;
  const accessibilityFeature = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'alternativeText', 'displayTransformability'];
  if (features.index) accessibilityFeature.push('index');
  if (features.glossary) accessibilityFeature.push('annotations');
  return {
    identifier: book.identifier,
    title: book.title,
    subtitle: book.subtitle,
    lang: root.data.lang,
    creators: book.compiler ? [{ name: book.compiler, role: 'com' }] : [],
    contributors: authors.map((name) => ({ name, role: 'aut' })),
    date: book.date,
    modified: modifiedStamp(sourceDateEpoch),
    description: hant ? toTraditional(description) : description,
    subjects,
    accessibility: {
      accessMode: ['textual', 'visual'],
      accessModeSufficient: ['textual'],
      accessibilityFeature,
      accessibilityHazard: ['none'],
      accessibilitySummary: hant ? toTraditional(summary(features)) : summary(features),
    },
  };
}
