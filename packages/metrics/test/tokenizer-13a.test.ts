// The one-pass 13a scan against a literal transcription of sacrebleu's four substitutions (JavaScript `replace`
// with the global flag has `re.sub`'s left-to-right, non-overlapping semantics), on seeded random strings dense in
// the characters the rules care about, plus the fixture tokens checked in tokenizers.test.ts.
import { Mulberry32 } from '@t5sql/common';
import { describe, expect, it } from 'vitest';
import { tokenize13a } from '../src/index.js';
import { pySplit } from '../src/text/python-text.js';

const RULES: Array<[RegExp, string]> = [
  [/([\x7B-\x7E\x5B-\x60\x20-\x26\x28-\x2B\x3A-\x40/])/gu, ' $1 '],
  [/([^0-9])([.,])/gu, '$1 $2 '],
  [/([.,])([^0-9])/gu, ' $1 $2'],
  [/([0-9])(-)/gu, '$1 $2 '],
];

function reference13a(line: string): string[] {
  line = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  let text = ` ${line} `;
  for (const [re, repl] of RULES) text = text.replace(re, repl);
  return pySplit(text);
}

describe('tokenize13a', () => {
  it('equals the four substitutions on 20,000 random strings', () => {
    const alphabet = [
      '.',
      ',',
      '-',
      '0',
      '1',
      '9',
      'a',
      'Z',
      ' ',
      '\t',
      '\n',
      '(',
      ')',
      "'",
      '"',
      '&',
      ';',
      '/',
      'é',
      '😀',
      '\u2003',
      '&amp;',
    ];
    const rand = new Mulberry32(13).next;
    for (let k = 0; k < 20_000; k++) {
      const len = 1 + Math.floor(rand() * 12);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(tokenize13a(s), JSON.stringify(s)).toEqual(reference13a(s));
    }
  });

  it('handles typical SQL like sacrebleu (Tokenizer13a()(s).split(), sacrebleu 2.6.0)', () => {
    expect(tokenize13a("SELECT T1.name, count(*) FROM t AS T1 WHERE x >= 3.5 AND d = '2024-01-01';")).toEqual(
      [
        'SELECT',
        'T1',
        '.',
        'name',
        ',',
        'count',
        '(',
        '*',
        ')',
        'FROM',
        't',
        'AS',
        'T1',
        'WHERE',
        'x',
        '>',
        '=',
        '3.5',
        'AND',
        'd',
        '=',
        "'2024",
        '-',
        '01',
        '-',
        "01'",
        ';',
      ],
    );
  });
});
