/** Small text helpers for what the EPUB prints around the IR's text. */

/** `2024-06-01` → `2024年6月1日`; `2024-06` → `2024年6月`; anything else unchanged. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  let out = `${m[1]}年`;
  if (m[2]) out += `${Number(m[2])}月`;
  if (m[3]) out += `${Number(m[3])}日`;
  return out;
}

/** `dcterms:modified` wants seconds precision in UTC with a `Z`. */
export function modifiedStamp(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
