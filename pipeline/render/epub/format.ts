/** Small text helpers for what the EPUB prints around the IR's text. */

/** `dcterms:modified` wants seconds precision in UTC with a `Z`. */
export function modifiedStamp(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
