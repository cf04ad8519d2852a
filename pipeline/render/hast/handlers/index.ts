import type { Handlers } from '../state.js';
import { article } from './article.js';
import { heading } from './heading.js';
import { paragraph } from './paragraph.js';
import { root } from './root.js';
import { runInHead } from './run-in-head.js';
import { sentence } from './sentence.js';
import { separator } from './separator.js';
import { term } from './term.js';
import { text } from './text.js';
import { unknown } from './unknown.js';

export const handlers: Handlers = { root, article, heading, paragraph, runInHead, sentence, separator, term, text, unknown };
