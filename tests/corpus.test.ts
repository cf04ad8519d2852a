import { describe, expect, it } from 'vitest';
import { orderFiles, parseBookConfig } from '../pipeline/corpus.js';
import type { Diagnostic } from '../pipeline/diagnostics.js';

describe('compendium.yaml', () => {
  it('reads the book fields and per-article overrides', () => {
    const messages: Diagnostic[] = [];
    const book = parseBookConfig('title: 书名\ndate: 2024-01-02\norder: [b.txt]\narticles:\n  a.txt:\n    author: 某人\n    date: null\n', 'compendium.yaml', messages);
    expect(messages).toEqual([]);
    expect(book.title).toBe('书名');
    expect(book.date).toBe('2024-01-02');
    expect(book.order).toEqual(['b.txt']);
    expect(book.overrides['a.txt']).toEqual({ author: '某人', date: null });
  });

  it('reports a YAML syntax error with file, line and column', () => {
    const messages: Diagnostic[] = [];
    parseBookConfig('title: a\norder: [b.txt\n', 'compendium.yaml', messages);
    expect(messages[0]).toMatchObject({ file: 'compendium.yaml', severity: 'error', ruleId: 'yaml-syntax' });
    expect(messages[0]!.line).toBeGreaterThan(1);
    expect(messages[0]!.column).not.toBeNull();
  });

  it('rejects a malformed date where it stands', () => {
    const messages: Diagnostic[] = [];
    parseBookConfig('title: a\ndate: 2024/1/2\n', 'compendium.yaml', messages);
    expect(messages).toMatchObject([{ ruleId: 'field-not-date', line: 2, column: 7 }]);
  });

  it('orders listed files first, then the rest by name, and warns about missing ones', () => {
    const messages: Diagnostic[] = [];
    expect(orderFiles(['a.txt', 'b.txt', 'c.txt'], ['c.txt', 'x.txt'], messages)).toEqual(['c.txt', 'a.txt', 'b.txt']);
    expect(messages).toMatchObject([{ ruleId: 'order-missing-file' }]);
  });
});
