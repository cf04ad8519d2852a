import { describe, expect, it } from 'vitest';
import { diagnostic, formatDiagnostic } from '../pipeline/diagnostics.js';

describe('formatDiagnostic', () => {
  it('prints file:line:column: severity message [source/rule]', () => {
    const d = diagnostic('error', 'normalize', 'file-empty', 'Unexpected empty file, expected text', { file: 'a b.txt', line: 3, column: 6 });
    expect(formatDiagnostic(d)).toBe('a b.txt:3:6: error Unexpected empty file, expected text [normalize/file-empty]');
  });

  it('shows control and bidi characters from file names or quoted text as escapes, so the terminal is never driven by them', () => {
    const d = diagnostic('warning', 'corpus', 'file-ignored', 'Unexpected `\u001b[2Jx\u202e.txt`', { file: 'evil\u001b]0;title\u0007\u202e.txt' });
    const line = formatDiagnostic(d);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(line).toBe('evil\\u{1b}]0;title\\u{7}\\u{202e}.txt: warning Unexpected `\\u{1b}[2Jx\\u{202e}.txt` [corpus/file-ignored]');
  });
});
