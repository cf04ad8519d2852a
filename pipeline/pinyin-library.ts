/**
 * pinyin-pro, loaded on first use: its dictionaries take ~0.1 s to load, and many builds need none of it.
 * Every stage takes it from here, the one CommonJS instance: its ES module build is a second copy, which
 * would load the dictionaries again.
 */
import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';

const require = createRequire(import.meta.url);
let library: typeof PinyinPro | undefined;

export function pinyinPro(): typeof PinyinPro {
  return (library ??= require('pinyin-pro') as typeof PinyinPro);
}
