import { describe, expect, it } from 'vitest';
import { SqlParseError, nltkWordTokenize, tokenizeSql } from '../src/index.js';

// Expected tokens were produced by the reference: NLTK 3.10 word_tokenize(preserve_line=True) and the official
// Spider process_sql.tokenize built on it. (All 9,715 Spider train + dev gold queries were also compared: identical.)
describe('nltkWordTokenize', () => {
  it('splits like the Treebank rules: parens, star, comma before non-digit, final period', () => {
    expect(nltkWordTokenize('SELECT count(*) FROM t')).toEqual([
      'SELECT',
      'count',
      '(',
      '*',
      ')',
      'FROM',
      't',
    ]);
    expect(nltkWordTokenize('select a,1 from t')).toEqual(['select', 'a,1', 'from', 't']);
    expect(nltkWordTokenize('a,b')).toEqual(['a', ',', 'b']);
    expect(nltkWordTokenize('x: y')).toEqual(['x', ':', 'y']);
    expect(nltkWordTokenize('where a = 1.')).toEqual(['where', 'a', '=', '1', '.']);
    expect(nltkWordTokenize('t1.a-t2.b')).toEqual(['t1.a-t2.b']);
    expect(nltkWordTokenize('cannot')).toEqual(['can', 'not']);
  });
});

describe('tokenizeSql (official process_sql.tokenize)', () => {
  it('keeps string values as one token, lower-cases the rest and glues >=, !=', () => {
    expect(tokenizeSql("SELECT Name FROM t WHERE a >= 1 AND b != 'Big Apple'")).toEqual([
      'select',
      'name',
      'from',
      't',
      'where',
      'a',
      '>=',
      '1',
      'and',
      'b',
      '!=',
      '"Big Apple"',
    ]);
  });

  it('does not glue <> (the official parser then fails on it)', () => {
    expect(tokenizeSql('SELECT a FROM t WHERE b <> 3')).toEqual([
      'select',
      'a',
      'from',
      't',
      'where',
      'b',
      '<',
      '>',
      '3',
    ]);
  });

  it('keeps the quirks: a leading = looks at the last token; doubled quotes break the value token', () => {
    expect(tokenizeSql('= a !')).toEqual(['=', 'a', '!=', 'a', '!']);
    expect(tokenizeSql("SELECT a FROM t WHERE b = 'O''Hara'")).toEqual([
      'select',
      'a',
      'from',
      't',
      'where',
      'b',
      '=',
      '__val_26_28____val_29_34__',
    ]);
  });

  it('throws on an odd number of quotes (an apostrophe inside a double-quoted value)', () => {
    expect(() => tokenizeSql('SELECT a FROM t WHERE x != "It\'s"')).toThrow(SqlParseError);
  });
});
