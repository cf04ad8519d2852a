/**
 * Simplified ↔ Traditional with opencc-js (phrase-aware, not character by character), and detection of
 * which script a text is written in. The dictionaries take a noticeable time to load, so the converters
 * are built on first use (a no-op rebuild never needs them) and never change afterwards.
 */
import { createRequire } from 'node:module';
import type OpenCCModule from 'opencc-js';
import type { Script } from './ir.js';

type Convert = (text: string) => string;

const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};
// Each direction from its own bundle: the Traditional → Simplified one is a tenth of the full bundle's
// size, and it is the only one a build of a Simplified edition needs (the same conversions, tested).
const require = createRequire(import.meta.url);
// From Taiwan-standard Traditional: it also undoes Taiwan variants (著力 → 着力), which plain 't' leaves alone.
const traditionalToSimplified = once((): Convert => (require('opencc-js/t2cn') as typeof OpenCCModule).Converter({ from: 'tw', to: 'cn' }));
const simplifiedToTraditional = once((): Convert => (require('opencc-js/cn2t') as typeof OpenCCModule).Converter({ from: 'cn', to: 'tw' }));

export function toSimplified(text: string): string {
  return traditionalToSimplified()(text);
}

/** Taiwan-standard Traditional, for the `--script hant` edition (lang zh-TW). */
export function toTraditional(text: string): string {
  return simplifiedToTraditional()(text);
}

const HAN = /\p{Script=Han}/u;

/**
 * A text is Traditional when converting it to Simplified changes a clear share of its Han characters;
 * Simplified text changes by almost nothing (a few shared forms at most).
 */
export function detectScript(text: string): Script {
  const converted = [...toSimplified(text)];
  const original = [...text];
  if (converted.length !== original.length) return 'hant';
  let han = 0;
  let changed = 0;
  for (let i = 0; i < original.length; i++) {
    if (!HAN.test(original[i]!)) continue;
    han++;
    if (original[i] !== converted[i]) changed++;
  }
  return han > 0 && changed / han > 0.05 ? 'hant' : 'hans';
}
