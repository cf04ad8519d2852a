/**
 * The document's named destinations and structure parent tree written as pdfkit writes them, faster:
 * pdfkit sorts a name tree's keys with localeCompare and turns every key and value into text through its
 * generic converter, which for the ten thousand destinations and two thousand pages of a large book took
 * ~0.1 s when the document ended. A tree whose keys and values are all of the one shape the painter gives
 * (see `destName`) is written here; any other keeps pdfkit's own `toString`.
 */

/** pdfkit's PDFTree, as far as it is read here. */
export interface Tree {
  _items: Record<string, unknown>;
  limits: boolean;
  toString(): string;
}

interface Reference {
  id: number;
  gen: number;
}

/** A destination name (`destName`): equal length, [0-9a-f], so code unit order is localeCompare's. */
const DEST = /^d[0-9a-f]{20}$/;

/** Write the named destinations (a name tree of `[page, 'XYZ', null, top, null]`) here when they all are such. */
export function writeDestinationsFast(tree: Tree): void {
  const own = tree.toString.bind(tree);
  tree.toString = () => destinationsText(tree) ?? own();
}

/** Write the structure parent tree (a number tree of arrays of structure elements) here when it is one. */
export function writeParentTreeFast(tree: Tree): void {
  const own = tree.toString.bind(tree);
  tree.toString = () => parentTreeText(tree) ?? own();
}

/** The text pdfkit writes for a tree of named destinations, or null when one is not of the painter's shape. */
export function destinationsText(tree: Tree): string | null {
  const keys = Object.keys(tree._items).sort();
  const lines: string[] = [];
  for (const key of keys) {
    const value = destination(tree._items[key]);
    if (!DEST.test(key) || value === null) return null;
    lines.push(`    (${key}) ${value}`);
  }
  return frame(tree, 'Names', keys.length > 1 ? `[(${keys[0]}) (${keys.at(-1)})]` : null, lines);
}

/** The text pdfkit writes for a structure parent tree, or null when it holds anything but arrays of elements. */
export function parentTreeText(tree: Tree): string | null {
  // Integer keys: Object.keys gives them in ascending order, pdfkit's sort.
  const keys = Object.keys(tree._items);
  const lines: string[] = [];
  for (const key of keys) {
    const value = tree._items[key];
    if (!/^\d+$/.test(key) || !Array.isArray(value) || !value.every(isReference)) return null;
    lines.push(`    ${key} [${(value as Reference[]).map((r) => `${r.id} ${r.gen} R`).join(' ')}]`);
  }
  return frame(tree, 'Nums', keys.length > 1 ? `[${keys[0]} ${keys.at(-1)}]` : null, lines);
}

function frame(tree: Tree, name: string, limits: string | null, lines: string[]): string {
  const out = ['<<'];
  if (tree.limits && limits !== null) out.push(`  /Limits ${limits}`);
  out.push(`  /${name} [`, ...lines, ']', '>>');
  return out.join('\n');
}

function destination(value: unknown): string | null {
  if (!Array.isArray(value) || value.length !== 5) return null;
  const [page, fit, left, top, zoom] = value as unknown[];
  if (!isReference(page) || fit !== 'XYZ' || left !== null || zoom !== null || typeof top !== 'number' || !Number.isFinite(top)) return null;
  return `[${page.id} ${page.gen} R /XYZ null ${String(Math.round(top * 1e6) / 1e6)} null]`;
}

function isReference(value: unknown): value is Reference {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Reference> & { toString(): string };
  return Number.isInteger(r.id) && r.gen === 0 && Object.hasOwn(r, 'document');
}
