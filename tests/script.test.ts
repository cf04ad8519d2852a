/** Script conversion (pipeline/script.ts) from opencc-js's one-direction bundles: what the full bundle gives. */
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type OpenCCModule from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { toSimplified, toTraditional } from '../pipeline/script.js';

async function texts(): Promise<string[]> {
  const out: string[] = [];
  for (const dir of [join(process.cwd(), 'corpus'), join(process.cwd(), 'tests', 'fixtures', 'devset', 'raw')]) {
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()) out.push(await readFile(join(dir, name), 'utf8'));
  }
  return out;
}

describe('script conversion', () => {
  it('converts both ways exactly as the full opencc-js bundle does', async () => {
    const full = createRequire(import.meta.url)('opencc-js') as typeof OpenCCModule;
    const t2s = full.Converter({ from: 'tw', to: 'cn' });
    const s2t = full.Converter({ from: 'cn', to: 'tw' });
    const all = await texts();
    expect(all.length).toBeGreaterThan(10);
    for (const text of all) {
      expect(toSimplified(text)).toBe(t2s(text));
      expect(toTraditional(text)).toBe(s2t(text));
    }
    expect(toSimplified('著力協商，臺灣')).toBe('着力协商，台湾');
  });
});
