/** Dates as every publication prints them: the IR holds ISO dates (YYYY, YYYY-MM, YYYY-MM-DD). */

/** “2019-07-09” → “2019年7月9日”; “2019-07” → “2019年7月”; “2019” → “2019年”; anything else as is. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return date;
  let out = `${m[1]}年`;
  if (m[2]) out += `${Number(m[2])}月`;
  if (m[3]) out += `${Number(m[3])}日`;
  return out;
}

/** Whether a date string is one an HTML `time` element accepts as its datetime. */
export function isMachineDate(date: string): boolean {
  return /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(date);
}
