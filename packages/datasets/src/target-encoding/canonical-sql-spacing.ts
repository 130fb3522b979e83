import { splitSqlSegments } from './split-sql-segments.js';

/** Whitespace between SQL tokens, as SQLite's tokenizer skips it. */
const SQL_SPACE = /[ \t\n\r\f\v]+/g;

/** Characters a space before an opening `'` may separate from it: `x 'a'` is not `x'a'` (a blob), `'a' 'b'` not `'a''b'`. */
function joinsQuote(previous: string): boolean {
  return /[\w$'"`\]]/.test(previous) || previous.charCodeAt(0) >= 0x80;
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
 *   unless it follows a letter, digit, `_`, `$`, a quote, `]` or a non-ASCII character.
 *
 * Inside `'...'`, `"..."`, `` `...` ``, `[...]` and comments every character is kept as it is. The form is
 * idempotent. These are exactly the spaces that T5's SentencePiece normalizer and transformers'
 * `clean_up_tokenization_spaces` change outside literals (runs, ends, the space before `,.?!` and before `'s`,
 * `'m`, `'ve`, `'re`, `' `), so the T5 target encoding keeps every other space.
 *
 * @example
 * canonicalSqlSpacing("SELECT name ,  age FROM t WHERE a = 'x  y'"); // "SELECT name, age FROM t WHERE a ='x  y'"
 */
export function canonicalSqlSpacing(sql: string): string {
  // Characters of the collapsed text; `true` marks a space that stands for a run of code whitespace.
  const chars: string[] = [];
  const codeSpace: boolean[] = [];
  for (const segment of splitSqlSegments(sql)) {
    const text = segment.kind === 'code' ? segment.text.replace(SQL_SPACE, ' ') : segment.text;
    for (let i = 0; i < text.length; i++) {
      chars.push(text[i]);
      codeSpace.push(segment.kind === 'code' && text[i] === ' ');
    }
  }
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    if (codeSpace[i]) {
      const first = i === 0;
      const last = i === chars.length - 1;
      if (first || last || droppable(out, chars[i + 1])) continue;
    }
    out += chars[i];
  }
  return out;
}
