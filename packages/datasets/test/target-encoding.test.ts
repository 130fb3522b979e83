// The T5 target encoding at the string level: the SQL lexer, the spacing-normal form, the `#` escapes and the
// prompt templates that apply them. The round trip through the real tokenizer ids (every Spider and Spider-in-Gretel
// gold query, random strings) is in @t5sql/repro's test/sql-target-encoding.test.ts, which has t5-core's tokenizer.
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_TEMPLATES,
  type Rng,
  T5_ESCAPE_MARK,
  T5_SAFE_CHARACTERS,
  canonicalSqlSpacing,
  createRng,
  decodeSqlTarget,
  encodeSqlTarget,
  escapeForT5,
  getTemplate,
  renderPrompt,
  splitSqlSegments,
  tokenizeExamples,
  unescapeFromT5,
} from '../src/index.js';
import { record, t5Tokenizer } from './helpers.js';

/** Single characters: all of printable ASCII, the whitespace controls, and Unicode the tokenizer normalizes or lacks. */
const CHARACTERS = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...'\t\n\r\f\v',
  ...['é', 'ß', 'Ü', 'ș', 'À', 'ñ', '中', 'Ａ', 'ﬁ', '½', '€', '😀', '\u00a0', '\u3000', '\u200b', '\ufeff'],
  ...['\u2581', '\u0301', '\u0000', '\ud800'],
];
/** Pieces that meet the encoding's edge cases: quotes, comments, the clean-up's patterns, escapes in the input. */
const PIECES = [
  ...["'", '"', '`', '[', ']', ' ', ' ', '  ', '\n', '\t', ',', '.', '?', '!', '1', 'x', '=', '(', ')'],
  ...[
    's',
    'm',
    've',
    're',
    "n't",
    '<',
    '<=',
    '#',
    '##',
    '#lt',
    '#sp',
    '#u41;',
    '--',
    '/*',
    '*/',
    'é',
    '\u00a0',
  ],
];

function randomString(rng: Rng): string {
  const length = Math.floor(rng() * 40);
  const pool = rng() < 0.5 ? CHARACTERS : PIECES;
  let s = '';
  for (let i = 0; i < length; i++) s += pool[Math.floor(rng() * pool.length)];
  return s;
}

const SAMPLES = Array.from(
  { length: 4000 },
  (
    (rng) => () =>
      randomString(rng)
  )(createRng(14)),
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
    ).toBe("SELECT T1. name FROM t AS T1 WHERE a!='x' AND b IN ('p','q') AND c =?");
  });

  it('keeps every character inside quotes and comments, and spaces whose removal would change the SQL', () => {
    expect(canonicalSqlSpacing("WHERE T1.cmi_details  =  'Gottlieb ,  Becker '")).toBe(
      "WHERE T1.cmi_details ='Gottlieb ,  Becker '",
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
