import { splitSqlSegments } from './split-sql-segments.js';

/** Whitespace between SQL tokens, as SQLite's tokenizer skips it. */
const SQL_SPACE = /[ \t\n\r\f\v]+/g;

/** Characters a space before an opening `'` may separate from it: `x 'a'` is not `x'a'` (a blob), `'a' 'b'` not `'a''b'`. */
function joinsQuote(previous: string): boolean {
  return /[\w$'"`\]]/.test(previous) || previous.charCodeAt(0) >= 0x80 || comparisonChar(previous);
}

/**
 * The characters of comparison operators (`=`, `<`, `>`, `!`). The official Spider tokenizer (NLTK's) does not split
 * `=` from what follows, so `='x'` is one token to it and the query does not parse: a comparison and an opening
 * quote are always separated by one space.
 */
function comparisonChar(c: string | undefined): boolean {
  return c === '=' || c === '<' || c === '>' || c === '!';
}

/** The letters, digits, `_` and `$` at the end of `text`. */
function trailingWord(text: string): string {
  let start = text.length;
  while (start > 0 && /[\w$]/.test(text[start - 1])) start--;
  return text.slice(start);
}

/** Whether a code space after `before` and ahead of `next` can go without changing the statement. */
function droppable(before: string, next: string): boolean {
  if (next === ',' || next === '?' || next === '!') return true;
  if (next === '.') return !/^[0-9]/.test(trailingWord(before)); // after a number: `1 .5` is not `1.5`
  if (next === "'") return !joinsQuote(before[before.length - 1]);
  return false;
}

/**
 * The spacing-normal form of SQL text; two queries that differ only by whitespace SQL does not care about have the
 * same form. Outside quoted strings, quoted names and comments ({@link splitSqlSegments}):
 *
 * - every run of whitespace (space, tab, newline, carriage return, form feed, vertical tab) becomes one space,
 *   and there is none at the start or the end of the text;
 * - there is no space before `,`, `?` and `!`, before `.` unless it follows a number, and before an opening `'`
 *   unless it follows a letter, digit, `_`, `$`, a quote, `]` or a non-ASCII character;
 * - a comparison operator character (`=`, `<`, `>`, `!`) and an opening `'` or `"` are separated by exactly one
 *   space (inserted where there was none), because the official Spider evaluation tokenizes `='x'` as one word and
 *   cannot parse the query.
 *
 * Inside `'...'`, `"..."`, `` `...` ``, `[...]` and comments every character is kept as it is. The form is
 * idempotent. These are exactly the spaces that T5's SentencePiece normalizer and transformers'
 * `clean_up_tokenization_spaces` change outside literals (runs, ends, the space before `,.?!` and before `'s`,
 * `'m`, `'ve`, `'re`, `' `), so the T5 target encoding keeps every other space.
 *
 * @example
 * canonicalSqlSpacing("SELECT name ,  age FROM t WHERE a = 'x  y'"); // "SELECT name, age FROM t WHERE a = 'x  y'"
 */
export function canonicalSqlSpacing(sql: string): string {
  // Characters of the collapsed text; `true` marks a space that stands for a run of code whitespace.
  const chars: string[] = [];
  const codeSpace: boolean[] = [];
  const opensString: boolean[] = []; // the opening quote of a '...' or "..." segment
  for (const segment of splitSqlSegments(sql)) {
    const text = segment.kind === 'code' ? segment.text.replace(SQL_SPACE, ' ') : segment.text;
    for (let i = 0; i < text.length; i++) {
      chars.push(text[i]);
      codeSpace.push(segment.kind === 'code' && text[i] === ' ');
      opensString.push(segment.kind === 'quoted' && i === 0 && (text[0] === "'" || text[0] === '"'));
    }
  }
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    if (codeSpace[i]) {
      const first = i === 0;
      const last = i === chars.length - 1;
      if (first || last || droppable(out, chars[i + 1])) continue;
    }
    if (opensString[i] && comparisonChar(out[out.length - 1])) out += ' ';
    out += chars[i];
  }
  return out;
}
