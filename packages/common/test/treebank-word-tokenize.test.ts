// nltk's NLTKWordTokenizer, one port for @t5sql/metrics (METEOR's word_tokenize) and @t5sql/sql-eval (Spider's
// process_sql.tokenize). Expected tokens come from nltk 3.10.3 `NLTKWordTokenizer().tokenize` and, for the
// 'nltk-3.10.0' rule, the same tokenizer with 3.10.0's opening-quote regex; 20,000 random strings from the pieces
// below were also compared with both (all equal) when the port moved here.
import { describe, expect, it } from 'vitest';
import { type TreebankQuoteRule, isPySpace, pySplit, treebankWordTokenize } from '../src/index.js';
import { treebankWordTokenizeUnguarded } from '../src/text/treebank-word-tokenize.js';

const RULES: TreebankQuoteRule[] = ['nltk-3.10.0', 'nltk-3.10.3'];

describe('treebankWordTokenize: the Treebank rules (same under both quote rules)', () => {
  it.each(RULES)('%s: parens, star, comma before a non-digit, final period, contractions', (quotes) => {
    const tok = (s: string) => treebankWordTokenize(s, { quotes });
    expect(tok('SELECT count(*) FROM t')).toEqual(['SELECT', 'count', '(', '*', ')', 'FROM', 't']);
    expect(tok('SELECT count(*) FROM t WHERE a >= 1')).toEqual([
      'SELECT',
      'count',
      '(',
      '*',
      ')',
      'FROM',
      't',
      'WHERE',
      'a',
      '>',
      '=',
      '1',
    ]);
    expect(tok('select a,1 from t')).toEqual(['select', 'a,1', 'from', 't']);
    expect(tok('a,b')).toEqual(['a', ',', 'b']);
    expect(tok('x: y')).toEqual(['x', ':', 'y']);
    expect(tok('where a = 1.')).toEqual(['where', 'a', '=', '1', '.']);
    expect(tok('t1.a-t2.b')).toEqual(['t1.a-t2.b']);
    expect(tok('cannot')).toEqual(['can', 'not']);
    expect(tok("They can't stop.")).toEqual(['They', 'ca', "n't", 'stop', '.']);
    expect(tok("It's more'n enough.")).toEqual(['It', "'s", 'more', "'n", 'enough', '.']);
    expect(tok("o'clock O'Connor")).toEqual(["o'clock", "O'Connor"]);
    expect(tok('x\u2014y')).toEqual(['x', '\u2014', 'y']);
  });

  it("uses Python's \\w and \\d: combining marks are not word characters, ² is not a digit", () => {
    expect(treebankWordTokenize('cannot\u0301')).toEqual(['can', 'not', '\u0301']);
    expect(treebankWordTokenize('e\u0301cannot')).toEqual(['e\u0301', 'can', 'not']);
    expect(treebankWordTokenize('a,\u0663')).toEqual(['a,\u0663']);
    expect(treebankWordTokenize('a,\u00b2')).toEqual(['a', ',', '\u00b2']);
  });

  it("splits on Python's whitespace: U+001C..U+001F and U+0085 separate, U+FEFF does not", () => {
    for (const quotes of RULES) {
      expect(treebankWordTokenize('a\u001cb\ufeffc\u0085d', { quotes })).toEqual(['a', 'b\ufeffc', 'd']);
      expect(treebankWordTokenize('a\u001fb\u3000c\u00a0d', { quotes })).toEqual(['a', 'b', 'c', 'd']);
    }
    expect(pySplit(' a\u001cb \ufeffc ')).toEqual(['a', 'b', '\ufeffc']);
    expect(isPySpace(0x1c)).toBe(true);
    expect(isPySpace(0xfeff)).toBe(false);
  });

  it('returns nothing for blank text', () => {
    expect(treebankWordTokenize('')).toEqual([]);
    expect(treebankWordTokenize(' \t\n')).toEqual([]);
  });
});

describe('treebankWordTokenize: the opening single quote', () => {
  const cases: Array<[string, string[], string[]]> = [
    // [text, nltk 3.10.0, nltk 3.10.3]
    ["'France' wins", ["'France", "'", 'wins'], ["'", 'France', "'", 'wins']],
    ["'Hard' to tell", ["'Hard", "'", 'to', 'tell'], ["'", 'Hard', "'", 'to', 'tell']],
    [
      "He said 'hello' to me",
      ['He', 'said', "'hello", "'", 'to', 'me'],
      ['He', 'said', "'", 'hello', "'", 'to', 'me'],
    ],
    [
      "I've said many times, 'We'll make it through!'",
      ['I', "'ve", 'said', 'many', 'times', ',', "'We", "'ll", 'make', 'it', 'through', '!', "'"],
      ['I', "'ve", 'said', 'many', 'times', ',', "'", 'We', "'ll", 'make', 'it', 'through', '!', "'"],
    ],
    ["'re 'tis 'Smith", ["'re", "'t", 'is', "'Smith"], ["'re", "'", 'tis', "'", 'Smith']],
  ];
  it.each(cases)('%j', (text, v3100, v3103) => {
    expect(treebankWordTokenize(text, { quotes: 'nltk-3.10.0' })).toEqual(v3100);
    expect(treebankWordTokenize(text, { quotes: 'nltk-3.10.3' })).toEqual(v3103);
  });

  it('splits a quote before a one-letter word under both rules', () => {
    const text = "The 'v', I've been fooled but I'll seek revenge.";
    const expected = [
      'The',
      "'",
      'v',
      "'",
      ',',
      'I',
      "'ve",
      'been',
      'fooled',
      'but',
      'I',
      "'ll",
      'seek',
      'revenge',
      '.',
    ];
    for (const quotes of RULES) expect(treebankWordTokenize(text, { quotes })).toEqual(expected);
  });

  it("defaults to 'nltk-3.10.3' and rejects an unknown rule", () => {
    expect(treebankWordTokenize("'France'")).toEqual(["'", 'France', "'"]);
    expect(() => treebankWordTokenize('a', { quotes: 'nltk-3.8' as TreebankQuoteRule })).toThrow(/nltk-3\.8/);
  });
});

describe('treebankWordTokenize fast path', () => {
  it.each(RULES)(
    '%s: skips only substitutions that cannot match (equal to applying all, on seeded random sentences)',
    (quotes) => {
      const pieces = [
        "'",
        '"',
        '``',
        "''",
        'can',
        'not',
        "n't",
        "'s",
        "'ll",
        'gonna',
        "'tis",
        ' ',
        '  ',
        '\t',
        '\n',
        '\u001c',
        '\u0085',
        '\ufeff',
        '.',
        '..',
        ',',
        ':',
        ';',
        '?',
        '!',
        '(',
        ')',
        '[',
        '<',
        '--',
        '—',
        '–',
        '«',
        '»',
        '“',
        '”',
        '‘',
        '’',
        '*',
        '&',
        '$',
        '1',
        '2.5',
        'a',
        'The',
        'France',
        'D',
        'ye',
        'wanna',
      ];
      let a = 99;
      const rand = () => {
        a = (Math.imul(a, 1103515245) + 12345) >>> 0;
        return a / 4294967296;
      };
      for (let k = 0; k < 5000; k++) {
        let s = '';
        const len = 1 + Math.floor(rand() * 10);
        for (let i = 0; i < len; i++) s += pieces[Math.floor(rand() * pieces.length)];
        expect(treebankWordTokenize(s, { quotes }), JSON.stringify(s)).toEqual(
          treebankWordTokenizeUnguarded(s, { quotes }),
        );
      }
    },
  );
});
