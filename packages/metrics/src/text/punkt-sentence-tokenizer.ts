import {
  ENGLISH_ABBREV_TYPES,
  ENGLISH_COLLOCATIONS,
  ENGLISH_SENT_STARTERS,
  englishOrthoContext,
} from './punkt-english.js';
import {
  PY_DIGIT,
  PY_WORD,
  PY_WS,
  firstIsLower,
  firstIsUpper,
  pyHasNonSpace,
  pyRstrip,
} from './python-text.js';

// Regular expressions of nltk's PunktLanguageVars (English), rewritten with Python's \s / \S / \w classes.
const S = `[${PY_WS}]`;
const NS = `[^${PY_WS}]`;
const NON_WORD = `(?:[)";}\\]*:@'({\\[?!])`;
const MULTI_CHAR = `(?:-{2,}|\\.{2,}|(?:\\.${S}){2,}\\.)`;
const WORD_START = `[^("\`{\\[:;&#*@)}\\]\\-,]`;
const WORD_TOKENIZER = new RegExp(
  `${MULTI_CHAR}|(?=${WORD_START})${NS}+?(?=${S}|$|${NON_WORD}|${MULTI_CHAR}|,(?=$|${S}|${NON_WORD}|${MULTI_CHAR}))|${NS}`,
  'gu',
);
const PERIOD_CONTEXT = new RegExp(`[.?!](?=(?<afterTok>${NON_WORD}|${S}+(?<nextTok>${NS}+)))`, 'dgu');
// Python's MULTILINE `$` matches only before "\n" or at the end.
const BOUNDARY_REALIGNMENT = new RegExp(`^["')\\]}]+?(?:${S}+|(?=--)|(?=\\n|(?![\\s\\S])))`, 'u');

const RE_NUMERIC = new RegExp(`^-?[.,]?${PY_DIGIT}[${PY_DIGIT.slice(0)},.\\-]*\\.?$`, 'u');
const RE_ELLIPSIS = /^\.\.+$/;
// [^\W\d]: a word character that is not a decimal digit.
const RE_INITIAL = new RegExp(`^(?!${PY_DIGIT})[${PY_WORD}]\\.$`, 'u');

const ORTHO_BEG_UC = 1 << 1;
const ORTHO_MID_UC = 1 << 2;
const ORTHO_UNK_UC = 1 << 3;
const ORTHO_BEG_LC = 1 << 4;
const ORTHO_MID_LC = 1 << 5;
const ORTHO_UNK_LC = 1 << 6;
const ORTHO_UC = ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC;
const ORTHO_LC = ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC;

/** A Punkt token with the annotations of the two passes (nltk's PunktToken). */
interface PunktToken {
  tok: string;
  type: string;
  periodFinal: boolean;
  sentbreak: boolean;
  abbr: boolean;
  ellipsis: boolean;
}

function makeToken(tok: string): PunktToken {
  const lower = tok.toLowerCase();
  return {
    tok,
    type: RE_NUMERIC.test(lower) ? '##number##' : lower,
    periodFinal: tok.endsWith('.'),
    sentbreak: false,
    abbr: false,
    ellipsis: false,
  };
}

function typeNoPeriod(t: PunktToken): string {
  return t.type.length > 1 && t.type.endsWith('.') ? t.type.slice(0, -1) : t.type;
}

function typeNoSentperiod(t: PunktToken): string {
  return t.sentbreak ? typeNoPeriod(t) : t.type;
}

/** Punkt's word segmentation of a text, line by line (nltk's `_tokenize_words`, without the unused flags). */
function tokenizeWords(text: string): PunktToken[] {
  const out: PunktToken[] = [];
  for (const line of text.split('\n')) {
    if (!pyHasNonSpace(line)) continue;
    for (const m of line.matchAll(WORD_TOKENIZER)) out.push(makeToken(m[0]));
  }
  return out;
}

function firstPass(t: PunktToken): void {
  const tok = t.tok;
  if (tok === '.' || tok === '?' || tok === '!') {
    t.sentbreak = true;
  } else if (RE_ELLIPSIS.test(tok)) {
    t.ellipsis = true;
  } else if (t.periodFinal && !tok.endsWith('..')) {
    const stem = tok.slice(0, -1).toLowerCase();
    const parts = stem.split('-');
    if (ENGLISH_ABBREV_TYPES.has(stem) || ENGLISH_ABBREV_TYPES.has(parts[parts.length - 1])) t.abbr = true;
    else t.sentbreak = true;
  }
}

/** nltk's `_ortho_heuristic`: true, false or 'unknown' for "does this token start a sentence?". */
function orthoHeuristic(t: PunktToken): boolean | 'unknown' {
  if (t.tok.length === 1 && ';:,.!?'.includes(t.tok)) return false;
  const ortho = englishOrthoContext().get(typeNoSentperiod(t)) ?? 0;
  if (firstIsUpper(t.tok) && ortho & ORTHO_LC && !(ortho & ORTHO_MID_UC)) return true;
  if (firstIsLower(t.tok) && (ortho & ORTHO_UC || !(ortho & ORTHO_BEG_LC))) return false;
  return 'unknown';
}

/** nltk's `_second_pass_annotation` of `t1` given the (first-pass annotated) next token `t2`. */
function secondPass(t1: PunktToken, t2: PunktToken): void {
  if (!t1.periodFinal) return;
  const typ = typeNoPeriod(t1);
  const nextTyp = typeNoSentperiod(t2);
  const isInitial = RE_INITIAL.test(t1.tok);
  if (ENGLISH_COLLOCATIONS.has(`${typ}\t${nextTyp}`)) {
    t1.sentbreak = false;
    t1.abbr = true;
    return;
  }
  if ((t1.abbr || t1.ellipsis) && !isInitial) {
    if (orthoHeuristic(t2) === true) {
      t1.sentbreak = true;
      return;
    }
    if (firstIsUpper(t2.tok) && ENGLISH_SENT_STARTERS.has(nextTyp)) {
      t1.sentbreak = true;
      return;
    }
  }
  if (isInitial || typ === '##number##') {
    const starter = orthoHeuristic(t2);
    if (starter === false) {
      t1.sentbreak = false;
      t1.abbr = true;
      return;
    }
    if (
      starter === 'unknown' &&
      isInitial &&
      firstIsUpper(t2.tok) &&
      !((englishOrthoContext().get(nextTyp) ?? 0) & ORTHO_LC)
    ) {
      t1.sentbreak = false;
      t1.abbr = true;
    }
  }
}

/** True when a token other than the last of `text` ends a sentence (nltk's `text_contains_sentbreak`). */
function containsSentbreak(text: string): boolean {
  const tokens = tokenizeWords(text);
  for (const t of tokens) firstPass(t);
  for (let i = 0; i + 1 < tokens.length; i++) {
    // The second pass of token i only looks at token i + 1's first-pass annotation, as nltk's lazy pipeline does.
    secondPass(tokens[i], tokens[i + 1]);
    if (tokens[i].sentbreak) return true;
  }
  return false;
}

/** Index of the last ASCII whitespace character of `text`, or 0 when there is none (nltk's quirk kept). */
function lastWhitespaceIndex(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (' \t\n\r\x0B\x0C'.includes(text[i])) return i;
  return 0;
}

interface EndContext {
  end: number;
  nextTokStart: number | undefined;
  context: string;
}

/** nltk's `_match_potential_end_contexts`: candidate boundaries with the text that decides them. */
function potentialEndContexts(text: string): EndContext[] {
  const out: EndContext[] = [];
  let prevStart = 0;
  let prevStop = 0;
  let prev: RegExpExecArray | null = null;
  const emit = (m: RegExpExecArray, start: number, stop: number): void => {
    const after = m.groups?.afterTok ?? '';
    out.push({
      end: m.index + m[0].length,
      nextTokStart: m.groups?.nextTok !== undefined ? m.indices?.groups?.nextTok?.[0] : undefined,
      context: text.slice(start, stop) + m[0] + after,
    });
  };
  for (const m of text.matchAll(PERIOD_CONTEXT)) {
    const before = text.slice(prevStop, m.index);
    let afterLastSpace = lastWhitespaceIndex(before);
    afterLastSpace = afterLastSpace ? afterLastSpace + prevStop + 1 : prevStart;
    if (prev !== null && prevStop <= afterLastSpace) emit(prev, prevStart, prevStop);
    prev = m;
    prevStart = afterLastSpace;
    prevStop = m.index;
  }
  if (prev !== null) emit(prev, prevStart, prevStop);
  return out;
}

/**
 * Sentences of `text` as nltk's English `PunktTokenizer().tokenize(text)` returns them (boundaries realigned past
 * closing quotes and brackets, trailing whitespace dropped).
 *
 * @example
 * punktSentences('John loves Mary. Mary loves John.') // ['John loves Mary.', 'Mary loves John.']
 */
export function punktSentences(text: string): string[] {
  const slices: Array<[number, number]> = [];
  let lastBreak = 0;
  for (const c of potentialEndContexts(text)) {
    if (containsSentbreak(c.context)) {
      slices.push([lastBreak, c.end]);
      lastBreak = c.nextTokStart !== undefined ? c.nextTokStart : c.end;
    }
  }
  slices.push([lastBreak, pyRstrip(text).length]);
  // nltk's `_realign_boundaries`: move closing punctuation that follows a boundary into the earlier sentence.
  const out: string[] = [];
  let realign = 0;
  for (let i = 0; i < slices.length; i++) {
    const start = slices[i][0] + realign;
    const stop = slices[i][1];
    if (i + 1 === slices.length) {
      if (text.slice(start, stop)) out.push(text.slice(start, stop));
      continue;
    }
    const next = slices[i + 1];
    const m = BOUNDARY_REALIGNMENT.exec(text.slice(next[0], next[1]));
    if (m) {
      out.push(text.slice(start, next[0] + pyRstrip(m[0]).length));
      realign = m[0].length;
    } else {
      realign = 0;
      if (text.slice(start, stop)) out.push(text.slice(start, stop));
    }
  }
  return out;
}
