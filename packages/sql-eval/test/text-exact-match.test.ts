import { describe, expect, it } from 'vitest';
import { exactMatch, normalizeSqlText } from '../src/index.js';

describe('exactMatch', () => {
  it('ignores whitespace, keyword case, quote style and a trailing semicolon', () => {
    expect(exactMatch('SELECT name FROM singer;', 'select  name\nfrom singer')).toBe(1);
    expect(exactMatch("SELECT a FROM t WHERE b = 'X'", 'SELECT a FROM t WHERE b = "X"')).toBe(1);
    expect(exactMatch('SELECT count(*) FROM t', 'SELECT count ( * ) FROM t')).toBe(1);
  });

  it('keeps string values case-sensitive and different queries different', () => {
    expect(exactMatch("SELECT a FROM t WHERE b = 'x'", "SELECT a FROM t WHERE b = 'X'")).toBe(0);
    expect(exactMatch('SELECT a FROM t', 'SELECT b FROM t')).toBe(0);
    expect(normalizeSqlText("SELECT 'it''s' ;;")).toBe("select 'it''s'");
  });
});
