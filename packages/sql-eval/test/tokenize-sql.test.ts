import { treebankWordTokenize } from '@t5sql/common';
import { describe, expect, it } from 'vitest';
import { SqlParseError, nltkWordTokenize, tokenizeSql } from '../src/index.js';

// Expected tokens were produced by the reference: NLTK 3.10 word_tokenize(preserve_line=True) and the official
// Spider process_sql.tokenize built on it. (All 9,715 Spider train + dev gold queries were also compared: identical.)
// The word tokenizer itself lives in @t5sql/common (treebankWordTokenize), with its tests.
describe('nltkWordTokenize', () => {
  it("is @t5sql/common's treebankWordTokenize with the nltk 3.10.3 opening-quote rule", () => {
    for (const s of ['SELECT count(*) FROM t', "'France' wins", "it's 'Hard'", 'a\u001cb\ufeffc'])
      expect(nltkWordTokenize(s)).toEqual(treebankWordTokenize(s, { quotes: 'nltk-3.10.3' }));
    expect(nltkWordTokenize("'France' wins")).toEqual(["'", 'France', "'", 'wins']);
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
