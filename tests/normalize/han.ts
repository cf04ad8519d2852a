/**
 * Han characters lost between a source and its article. Precisely: take the multiset of Han characters of
 * the decoded text converted to Simplified (until it settles), with each repair of conversion damage applied (a
 * `gbk-misalignment` repair takes the Han characters of its `before` out and puts those of its `after`
 * in; no other repair touches a Han character). That multiset must be contained in the multiset of Han
 * characters of the article (every node value and the metadata fields) plus those of the report's
 * discarded lines, all converted to Simplified too. Returns what is missing, as `字×n`.
 */
import { visit } from '../../pipeline/ir.js';
import { decode } from '../../pipeline/normalize/encoding.js';
import { toSimplified } from '../../pipeline/script.js';
import { process } from './helpers.js';

type Multiset = Map<string, number>;

function hanOf(text: string, into: Multiset = new Map(), sign = 1): Multiset {
  for (const ch of text) if (/\p{Script=Han}/u.test(ch)) into.set(ch, (into.get(ch) ?? 0) + sign);
  return into;
}

/**
 * Simplified as cleaning leaves it: a converted text is cleaned (and converted) again until it settles,
 * and opencc's table is not idempotent (薴 → 苧 → 苎), so both sides are converted to that point.
 */
function simplifiedSettled(text: string): string {
  let current = text;
  for (let pass = 0; pass < 4; pass++) {
    const next = toSimplified(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

export function lostHan(file: string, bytes: Uint8Array): string[] {
  const decoded = decode(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  const { source, article } = process(file, bytes);
  const simplify = source.script === 'hant' ? simplifiedSettled : (s: string) => s;

  const expected = hanOf(simplify(decoded.text));
  for (const r of source.repairs) {
    if (r.rule !== 'gbk-misalignment') continue;
    hanOf(simplify(r.before), expected, -1);
    hanOf(simplify(r.after), expected, +1);
  }

  const kept: Multiset = new Map();
  const d = article.data;
  // Compared in Simplified on both sides: a run normalize leaves unconverted (damaged text) still counts.
  for (const field of [d.title, d.subtitle, d.author, d.source, ...d.editors, ...d.keywords]) if (field) hanOf(simplify(field), kept);
  visit(article, (node) => {
    if ('value' in node) hanOf(simplify(node.value), kept);
  });
  for (const line of source.discarded) hanOf(simplify(line.text), kept);

  const lost: string[] = [];
  for (const [ch, count] of expected) if ((kept.get(ch) ?? 0) < count) lost.push(`${ch}×${count - (kept.get(ch) ?? 0)}`);
  return lost;
}
