// Characters → grammar tokens, one character at a time, splitting exactly where the official tokenizer does (NLTK's
// word tokenizer after string literals are taken out): `(`, `)`, `,`, `;`, `*`, `<`, `>`, `!` stand alone, while
// `=`, `+`, `-`, `/` and strings must be set apart by a space or one of those (NLTK reads `a=1` as one word).
// Where SQL and NLTK would disagree the text is refused: `,1` (NLTK keeps `,1` together), `<>` (does not parse),
// `/*` and `--` (comments), a quote inside a string (the official tokenizer pairs quotes first with second).
// A string right after `=` (`='x'`) is allowed only for text that goes through `canonicalSqlSpacing` (decoded
// `t5-escape` targets), which puts a space there.
import {
  type ParserState,
  type PartialToken,
  type Token,
  canEnd,
  partialViable,
  takeToken,
} from './grammar.js';
import { isReservedWord } from './sql-words.js';

/** What may follow the last token: anything (`sep`), only a separator (`word`, `slash`), or after `=` / `,`. */
type After = 'sep' | 'word' | 'eq' | 'comma' | 'slash';

type Mode =
  | { readonly m: 'ready'; readonly after: After }
  | { readonly m: 'word'; readonly kind: 'name' | 'qual' | 'num'; readonly text: string }
  | { readonly m: 'minus' }
  | { readonly m: 'cmp'; readonly c: '>' | '<' | '!' }
  | { readonly m: 'str'; readonly q: string };

/** The lexer's mode plus the parser state after the tokens completed so far. */
export interface LexState {
  readonly mode: Mode;
  readonly parser: ParserState;
  /** The text will be read through `canonicalSqlSpacing` (a string may follow `=` directly). */
  readonly canonical: boolean;
}

const READY: Record<After, Mode> = {
  sep: { m: 'ready', after: 'sep' },
  word: { m: 'ready', after: 'word' },
  eq: { m: 'ready', after: 'eq' },
  comma: { m: 'ready', after: 'comma' },
  slash: { m: 'ready', after: 'slash' },
};

const SPACE = /^[ \t\n\r\f\v]$/;
const NAME_CHAR = /^[\p{L}\p{M}\p{N}_]$/u;
const NAME_START = /^[\p{L}\p{M}_]$/u;
const DIGIT = /^[0-9]$/;

/** The state before any text. */
export function initialLexState(parser: ParserState, canonical: boolean): LexState {
  return { mode: READY.sep, parser, canonical };
}

function ready(s: LexState, parser: ParserState | null, after: After): LexState | null {
  return parser === null ? null : { mode: READY[after], parser, canonical: s.canonical };
}

function opToken(v: string): Token {
  return { t: 'op', v };
}

/** Reads one character (a code point). Null: no query starts with the text so far. */
export function lexChar(s: LexState, ch: string): LexState | null {
  const mode = s.mode;
  switch (mode.m) {
    case 'ready':
      return startToken(s, s.parser, mode.after, ch);
    case 'str':
      if (ch === mode.q) return ready(s, takeToken(s.parser, { t: 'str' }), 'word');
      return ch === "'" || ch === '"' ? null : s;
    case 'word':
      return continueWord(s, mode, ch);
    case 'minus':
      if (DIGIT.test(ch)) return wordState(s, s.parser, 'num', `-${ch}`);
      if (SPACE.test(ch) || ch === '(') {
        const p = takeToken(s.parser, opToken('-'));
        return p === null ? null : startToken(s, p, 'sep', ch);
      }
      return null;
    case 'cmp': {
      if (ch === '=') return ready(s, takeToken(s.parser, opToken(`${mode.c}=`)), 'eq');
      if (mode.c === '!' || (mode.c === '<' && ch === '>')) return null;
      const p = takeToken(s.parser, opToken(mode.c));
      return p === null ? null : startToken(s, p, 'sep', ch);
    }
  }
}

/** Whether the text read so far can still end as a complete query that is accepted. */
export function lexEnd(s: LexState): boolean {
  const mode = s.mode;
  if (mode.m === 'ready') return canEnd(s.parser);
  if (mode.m !== 'word') return false;
  const tok = wordToken(mode);
  if (tok === null) return false;
  const p = takeToken(s.parser, tok);
  return p !== null && canEnd(p);
}

function startToken(s: LexState, parser: ParserState, after: After, ch: string): LexState | null {
  if (SPACE.test(ch)) return { mode: READY.sep, parser, canonical: s.canonical };
  switch (ch) {
    case '(':
    case ')':
    case ';':
      return ready(s, takeToken(parser, opToken(ch)), 'sep');
    case '*':
      return after === 'slash' ? null : ready(s, takeToken(parser, opToken(ch)), 'sep');
    case ',':
      return ready(s, takeToken(parser, opToken(ch)), 'comma');
    case '>':
    case '<':
    case '!': {
      const options = ch === '!' ? ['!='] : [ch, `${ch}=`];
      if (!options.some((o) => takeToken(parser, opToken(o)) !== null)) return null;
      return { mode: { m: 'cmp', c: ch }, parser, canonical: s.canonical };
    }
    case '=':
      return after === 'sep' ? ready(s, takeToken(parser, opToken(ch)), 'eq') : null;
    case '+':
    case '/':
      return after === 'sep' ? ready(s, takeToken(parser, opToken(ch)), ch === '/' ? 'slash' : 'word') : null;
    case '-':
      if (after !== 'sep' && after !== 'comma') return null;
      if (takeToken(parser, opToken('-')) === null && !partialViable(parser, { t: 'num', int: false }))
        return null;
      return { mode: { m: 'minus' }, parser, canonical: s.canonical };
    case "'":
    case '"':
      if (after === 'word' || after === 'slash' || (after === 'eq' && !s.canonical)) return null;
      return partialViable(parser, { t: 'str' })
        ? { mode: { m: 'str', q: ch }, parser, canonical: s.canonical }
        : null;
  }
  if (after !== 'sep' && after !== 'comma') return null;
  if (DIGIT.test(ch)) return after === 'comma' ? null : wordState(s, parser, 'num', ch);
  if (NAME_START.test(ch)) return wordState(s, parser, 'name', ch.toLowerCase());
  return null;
}

function continueWord(s: LexState, mode: Extract<Mode, { m: 'word' }>, ch: string): LexState | null {
  const { kind, text } = mode;
  const parser = s.parser;
  if (ch === '.') {
    if (kind === 'num' && !text.includes('.')) return wordState(s, parser, 'num', `${text}.`);
    if (kind === 'name') return wordState(s, parser, 'qual', `${text}.`);
    return null;
  }
  if (kind === 'num' ? DIGIT.test(ch) : NAME_CHAR.test(ch)) {
    return wordState(s, parser, kind, text + (kind === 'num' ? ch : ch.toLowerCase()));
  }
  const tok = wordToken(mode);
  if (tok === null) return null;
  const p = takeToken(parser, tok);
  return p === null ? null : startToken(s, p, 'word', ch);
}

/** A word in progress, kept only while some completion of it is accepted. */
function wordState(
  s: LexState,
  parser: ParserState,
  kind: 'name' | 'qual' | 'num',
  text: string,
): LexState | null {
  let p: PartialToken;
  if (kind === 'num') p = { t: 'num', int: DIGIT.test(text[0]) && !text.includes('.') };
  else if (kind === 'name') p = { t: 'word', v: text };
  else {
    const dot = text.indexOf('.');
    p = { t: 'qual', q: text.slice(0, dot), c: text.slice(dot + 1) };
  }
  return partialViable(parser, p)
    ? { mode: { m: 'word', kind, text }, parser, canonical: s.canonical }
    : null;
}

/** The token a finished word is, or null (`t1.`, `5.`). */
function wordToken(mode: Extract<Mode, { m: 'word' }>): Token | null {
  const { kind, text } = mode;
  if (kind === 'num') return text.endsWith('.') ? null : { t: 'num', int: /^[0-9]+$/.test(text) };
  if (kind === 'name') return isReservedWord(text) ? { t: 'kw', v: text } : { t: 'id', v: text };
  const dot = text.indexOf('.');
  const c = text.slice(dot + 1);
  return c === '' ? null : { t: 'qual', q: text.slice(0, dot), c };
}
