// The T5 target encoding at the string level: the SQL lexer, the spacing-normal form, the `#` escapes and the
// prompt templates that apply them. The round trip through the real tokenizer ids (every Spider and Spider-in-Gretel
// gold query, random strings) is in target-encoding-ids.test.ts.
import { Mulberry32 } from '@t5sql/common';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_TEMPLATES,
  T5_ESCAPE_MARK,
  T5_SAFE_CHARACTERS,
  canonicalSqlSpacing,
  decodeSqlTarget,
  encodeSqlTarget,
  escapeForT5,
  flushT5Pending,
  getTemplate,
  renderPrompt,
  splitSqlSegments,
  t5PendingCompletions,
  t5PendingSpellings,
  tokenizeExamples,
  unescapeFromT5,
  unescapeT5Chunk,
} from '../src/index.js';
import { record, t5Tokenizer } from './helpers.js';
import { randomString } from './random-strings.js';

const SAMPLES = Array.from(
  { length: 4000 },
  (
    (rng) => () =>
      randomString(rng)
  )(new Mulberry32(14).next),
);

describe('splitSqlSegments', () => {
  it('separates code, quoted literals and names, and comments as SQLite does', () => {
    expect(splitSqlSegments("SELECT a FROM t WHERE b = 'it''s  x' -- note\n AND [c d] = \"q\"")).toEqual([
      { kind: 'code', text: 'SELECT a FROM t WHERE b = ' },
      { kind: 'quoted', text: "'it''s  x'" },
      { kind: 'code', text: ' ' },
      { kind: 'comment', text: '-- note\n' },
      { kind: 'code', text: ' AND ' },
      { kind: 'quoted', text: '[c d]' },
      { kind: 'code', text: ' = ' },
      { kind: 'quoted', text: '"q"' },
    ]);
    expect(splitSqlSegments('a /* b */ `c``d` - -e')).toEqual([
      { kind: 'code', text: 'a ' },
      { kind: 'comment', text: '/* b */' },
      { kind: 'code', text: ' ' },
      { kind: 'quoted', text: '`c``d`' },
      { kind: 'code', text: ' - -e' },
    ]);
  });

  it('runs an unterminated quote or comment to the end, and joins back to the input', () => {
    expect(splitSqlSegments("a = 'b  c")).toEqual([
      { kind: 'code', text: 'a = ' },
      { kind: 'quoted', text: "'b  c" },
    ]);
    expect(splitSqlSegments('a /* b')).toEqual([
      { kind: 'code', text: 'a ' },
      { kind: 'comment', text: '/* b' },
    ]);
    for (const s of SAMPLES) {
      expect(
        splitSqlSegments(s)
          .map((seg) => seg.text)
          .join(''),
      ).toBe(s);
    }
  });
});

describe('canonicalSqlSpacing', () => {
  it('collapses and trims code whitespace and drops the spaces the tokenizer clean-up would', () => {
    expect(canonicalSqlSpacing(' SELECT name ,  country ,\tage\nFROM singer WHERE age  >  20 ')).toBe(
      'SELECT name, country, age FROM singer WHERE age > 20',
    );
    expect(
      canonicalSqlSpacing("SELECT T1 . name FROM t AS T1 WHERE a != 'x' AND b IN ('p' , 'q') AND c = ?"),
    ).toBe("SELECT T1. name FROM t AS T1 WHERE a!= 'x' AND b IN ('p','q') AND c =?");
  });

  it('keeps every character inside quotes and comments, and spaces whose removal would change the SQL', () => {
    expect(canonicalSqlSpacing("WHERE T1.cmi_details  =  'Gottlieb ,  Becker '")).toBe(
      "WHERE T1.cmi_details = 'Gottlieb ,  Becker '",
    );
    expect(canonicalSqlSpacing('SELECT "Tokyo ,  Japan" ,  [a  b] FROM t -- c  ,\n  /* d  . */ x')).toBe(
      'SELECT "Tokyo ,  Japan", [a  b] FROM t -- c  ,\n /* d  . */ x',
    );
    // `1.5` is another number, `x'a'` a blob, `'a''b'` one string; the keyword before a quote keeps its space too.
    expect(canonicalSqlSpacing("SELECT 1 .5, T1 .a, x 'a', 'a' 'b' FROM t WHERE n LIKE 'sm%'")).toBe(
      "SELECT 1 .5, T1.a, x 'a','a' 'b' FROM t WHERE n LIKE 'sm%'",
    );
  });

  it('is idempotent', () => {
    for (const s of SAMPLES) expect(canonicalSqlSpacing(canonicalSqlSpacing(s))).toBe(canonicalSqlSpacing(s));
  });

  it('puts one space between a comparison and a string, which the official Spider tokenizer needs', () => {
    // NLTK keeps `='x'` as one word, so `parseSpiderSql` could not parse `a ='x'` (114 of 1,034 dev targets).
    expect(canonicalSqlSpacing("a ='x' AND b!=\"y\" AND c>='z' AND d<  'w' AND e = 'v'")).toBe(
      "a = 'x' AND b!= \"y\" AND c>= 'z' AND d< 'w' AND e = 'v'",
    );
    expect(canonicalSqlSpacing("a LIKE 'x' AND f(x)='y'")).toBe("a LIKE 'x' AND f(x)= 'y'");
    expect(canonicalSqlSpacing("SELECT '=''x'")).toBe("SELECT '=''x'"); // inside a string nothing moves
  });
});

describe('unescapeT5Chunk', () => {
  it('decodes any split of a text exactly as unescapeFromT5 decodes the whole', () => {
    const alphabet = [
      '#',
      'u',
      'l',
      't',
      's',
      'p',
      '1',
      'F',
      'A',
      ';',
      'x',
      ' ',
      "'",
      '#u',
      '#lt',
      '#sp',
      '##',
    ];
    const pieces = [...alphabet, '#u1F600;', '#u110000;', '#uA0;', '#u1234567;', '#zz'];
    let seed = 5;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 5000; n++) {
      let text = '';
      for (let i = Math.floor(rnd() * 12); i > 0; i--) text += pieces[Math.floor(rnd() * pieces.length)];
      let pending = '';
      let out = '';
      for (let i = 0; i < text.length; ) {
        const k = 1 + Math.floor(rnd() * 4);
        const read = unescapeT5Chunk(pending, text.slice(i, i + k));
        out += read.text;
        pending = read.pending;
        i += k;
      }
      expect(out + flushT5Pending(pending), text).toBe(unescapeFromT5(text));
    }
  });

  it('holds back an unfinished escape and lists what it can still become', () => {
    expect(unescapeT5Chunk('', 'age #l')).toEqual({ text: 'age ', pending: '#l' });
    expect(unescapeT5Chunk('#l', 't 30')).toEqual({ text: '< 30', pending: '' });
    expect(unescapeT5Chunk('', 'x #u1F')).toEqual({ text: 'x ', pending: '#u1F' });
    expect(unescapeT5Chunk('#u1F', '600;')).toEqual({ text: '\u{1F600}', pending: '' });
    expect(flushT5Pending('#u1F')).toBe('#u1F');
    expect(t5PendingCompletions('#l').sort()).toEqual(['<', '{']);
    expect(t5PendingCompletions('#')).toContain('#');
    expect(t5PendingCompletions('#u4').join('')).toBe('@ABCDEFGHIJKLMNO'); // U+0040 .. U+004F
    expect(t5PendingCompletions('')).toEqual([]);
    // The spellings behind them, shortest first, each an escape that decodes to its character.
    const spellings = t5PendingSpellings('#');
    expect(spellings[0]).toEqual({ spelling: '##', char: '#' });
    for (const { spelling, char } of spellings) expect(unescapeFromT5(spelling)).toBe(char);
    expect(spellings.map((s) => s.spelling.length)).toEqual(
      spellings.map((s) => s.spelling.length).sort((a, b) => a - b),
    );
    expect(t5PendingSpellings('#u4F').map((s) => s.spelling)).toEqual(['#u4F;']);
  });
});

describe('escapeForT5 and unescapeFromT5', () => {
  it('spells what T5 lacks with # escapes, and the mark itself as ##', () => {
    expect(escapeForT5("a < 5 AND b = 'x  y'")).toBe("a #lt 5 AND b = 'x#sp y'");
    expect(escapeForT5('#{}~^\\`')).toBe('###lb#rb#tl#ca#bs#bq');
    expect(escapeForT5('a\u00a0b 😀 é')).toBe('a#uA0;b #u1F600; é');
    expect(escapeForT5('\ta\n\r')).toBe('#tba#nl#cr');
  });

  it('escapes a space at either end, next to another space, or where the clean-up would remove it', () => {
    expect(escapeForT5(' a ')).toBe('#spa#sp');
    expect(escapeForT5("'do n't' 'x ' 'y .' ' s' 'p ,q'")).toBe("'do#spn't' 'x#sp' 'y#sp.'#sp' s' 'p#sp,q'");
    expect(escapeForT5("'a 's' 'a 'm' 'a 've'")).toBe("'a#sp's' 'a#sp'm' 'a#sp've'");
  });

  it('writes only characters T5 keeps, single spaces between them, and nothing the clean-up changes', () => {
    const problems: string[] = [];
    for (const s of SAMPLES) {
      const out = escapeForT5(s);
      const unsafe = [...out].filter((c) => c !== ' ' && c !== T5_ESCAPE_MARK && !T5_SAFE_CHARACTERS.has(c));
      if (unsafe.length > 0) problems.push(`${JSON.stringify(out)}: ${unsafe.join('')}`);
      if (/^ | $| {2}/.test(out)) problems.push(`${JSON.stringify(out)}: spaces`);
      if (/ ([.?!,]|' |'s|'m|'ve|'re|n't)/.test(out)) problems.push(`${JSON.stringify(out)}: clean-up`);
    }
    expect(problems).toEqual([]);
  });

  it('is inverted exactly by unescapeFromT5 for any string', () => {
    for (const s of SAMPLES) expect(unescapeFromT5(escapeForT5(s))).toBe(s);
  });

  it('keeps a # that starts no escape (model output)', () => {
    expect(unescapeFromT5('#zz # #u; #uZZ; #u110000; a #lt b ## #x')).toBe(
      '#zz # #u; #uZZ; #u110000; a < b # #x',
    );
  });
});

describe('encodeSqlTarget and decodeSqlTarget', () => {
  it('encode then decode gives the spacing-normal form of every string', () => {
    for (const s of SAMPLES) expect(decodeSqlTarget(encodeSqlTarget(s))).toBe(canonicalSqlSpacing(s));
  });

  it('encodes a Spider query with < as T5 can spell it', () => {
    const gold = 'SELECT count(*) FROM head WHERE age  <  56 AND name != "A ~ B"';
    expect(encodeSqlTarget(gold)).toBe('SELECT count(*) FROM head WHERE age #lt 56 AND name!= "A #tl B"');
    expect(decodeSqlTarget('SELECT count(*) FROM head WHERE age #lt 56 AND name!= "A #tl B"')).toBe(
      'SELECT count(*) FROM head WHERE age < 56 AND name!= "A ~ B"',
    );
  });

  it('leaves the text as written with none, and names an unknown encoding', () => {
    expect(encodeSqlTarget('a  <  b', 'none')).toBe('a  <  b');
    expect(decodeSqlTarget(' a #lt b ', 'none')).toBe('a #lt b');
    expect(() => encodeSqlTarget('a', 'base64' as 'none')).toThrow(
      /encodeSqlTarget: unknown SQL target encoding "base64"; expected t5-escape or none/,
    );
  });
});

describe('prompt templates encode the target', () => {
  const lt = record('lt', 'Who is younger than 30?', 'SELECT name FROM people WHERE age  <  30');

  it('every built-in and custom template names t5-escape, and renders the target with it', () => {
    for (const t of Object.values(BUILTIN_TEMPLATES)) expect(t.sqlEncoding).toBe('t5-escape');
    expect(getTemplate('Q: {question}').sqlEncoding).toBe('t5-escape');
    expect(getTemplate({ name: 'mine', source: '{question}', target: '{sql}' }).sqlEncoding).toBe(
      't5-escape',
    );
    expect(renderPrompt(getTemplate('t5-instruct'), lt).target).toBe(
      'SELECT name FROM people WHERE age #lt 30',
    );
    expect(renderPrompt({ name: 'mine', source: '{question}', target: '{sql}' }, lt).target).toBe(
      'SELECT name FROM people WHERE age #lt 30',
    );
  });

  it('opts out with sqlEncoding none, and names a template with an unknown encoding', () => {
    const plain = getTemplate('t5-instruct', { sqlEncoding: 'none' });
    expect(plain.sqlEncoding).toBe('none');
    expect(renderPrompt(plain, lt).target).toBe('SELECT name FROM people WHERE age  <  30');
    expect(BUILTIN_TEMPLATES['t5-instruct'].sqlEncoding).toBe('t5-escape'); // not changed in place
    expect(() =>
      renderPrompt({ name: 'odd', source: '{question}', target: '{sql}', sqlEncoding: 'hex' as 'none' }, lt),
    ).toThrow(/Prompt template 'odd': unknown SQL target encoding "hex"/);
  });

  it('tokenized labels carry the escaped target by default: no <unk> for <', () => {
    const tokenizer = t5Tokenizer();
    const unk = 2; // t5-small's <unk>
    const options = { tokenizer, maxSourceLength: 512, maxTargetLength: 128 };
    const [escaped] = tokenizeExamples([lt], { ...options, template: getTemplate('t5-instruct') }).examples;
    expect(escaped.labels).toEqual(tokenizer.encode('SELECT name FROM people WHERE age #lt 30'));
    expect(escaped.labels).not.toContain(unk);
    const [plain] = tokenizeExamples([lt], {
      ...options,
      template: getTemplate('t5-instruct', { sqlEncoding: 'none' }),
    }).examples;
    expect(plain.labels).toContain(unk);
  });
});
