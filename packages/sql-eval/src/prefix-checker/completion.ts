// A short text that turns a valid prefix into a complete query: what a decoder with a token budget must still
// write. Best-first search over the grammar's own next tokens (every keyword and symbol an edge takes, `1`, `'x'`,
// a few names), ranked by tokens written plus the open frames' estimate of tokens still needed, so it closes what
// is open rather than wander. The text found is fed through the lexer once more before it is returned: whatever
// it returns is accepted by the checker, so the query parses and runs. Short, not always the shortest.
import { type ParserState, canEnd, sampleTokens, takeToken, tokensStillNeeded } from './grammar.js';
import { type LexState, lexChar, lexEnd } from './lexer.js';
import { AGGREGATES } from './sql-words.js';

/** Limits of {@link completeQuery}. */
export interface CompletionLimits {
  /** The most grammar tokens a completion may have. */
  maxTokens: number;
  /** The most search states expanded before giving up. */
  maxExpansions: number;
}

export const DEFAULT_COMPLETION_LIMITS: CompletionLimits = { maxTokens: 24, maxExpansions: 3000 };

/** How many ways of finishing a word in progress the search starts from (shortest first). */
const WORD_ENDINGS = 64;

/** Names a word in progress may become, besides keywords. */
export interface CompletionNames {
  readonly tables: readonly string[];
  readonly columns: readonly string[];
}

interface Candidate {
  readonly parser: ParserState;
  readonly text: string;
  readonly tokens: number;
  readonly priority: number;
  readonly order: number;
}

/**
 * A text after which `start` is a complete query (`''` when it is complete already), or null when none is found
 * within the limits.
 */
export function completeQuery(
  start: LexState,
  names: CompletionNames,
  limits: CompletionLimits = DEFAULT_COMPLETION_LIMITS,
): string | null {
  if (lexEnd(start)) return '';
  const queue = new CandidateQueue();
  let order = 0;
  const enqueue = (parser: ParserState, text: string, tokens: number) =>
    queue.push({ parser, text, tokens, priority: tokens + tokensStillNeeded(parser), order: order++ });
  for (const ending of finishToken(start, names))
    enqueue(ending.lex.parser, ending.text, ending.text === '' ? 0 : 1);

  for (let expanded = 0; expanded < limits.maxExpansions; ) {
    const best = queue.pop();
    if (best === undefined) return null;
    if (canEnd(best.parser)) {
      const done = feed(start, best.text);
      if (done !== null && lexEnd(done)) return best.text;
      continue;
    }
    if (best.tokens >= limits.maxTokens) continue;
    expanded++;
    for (const sample of sampleTokens(best.parser)) {
      const next = takeToken(best.parser, sample.tok);
      if (next !== null) enqueue(next, `${best.text} ${sample.text}`, best.tokens + 1);
    }
  }
  return null;
}

function feed(state: LexState, text: string): LexState | null {
  let s: LexState | null = state;
  for (const ch of text) {
    s = lexChar(s, ch);
    if (s === null) return null;
  }
  return s;
}

/** The ways to finish the token in progress, each with the text it writes, ending between tokens. */
function finishToken(start: LexState, names: CompletionNames): { text: string; lex: LexState }[] {
  const mode = start.mode;
  const tries: string[] = [];
  switch (mode.m) {
    case 'ready':
      return [{ text: '', lex: start }];
    case 'str':
      tries.push(`${mode.q} `);
      break;
    case 'minus':
      tries.push('1 ');
      break;
    case 'cmp':
      tries.push(' ', '= ');
      break;
    case 'word':
      if (mode.kind === 'num') tries.push(mode.text.endsWith('.') ? '0 ' : ' ');
      else if (mode.kind === 'qual') {
        const c = mode.text.slice(mode.text.indexOf('.') + 1);
        if (c !== '') tries.push(' ');
        for (const column of names.columns) {
          if (column.length > c.length && column.startsWith(c)) tries.push(`${column.slice(c.length)} `);
        }
      } else {
        tries.push(' ');
        const words = wordsStartingWith(mode.text, names);
        for (const word of words) tries.push(`${word.slice(mode.text.length)} `);
        // A qualifier in progress (`T` of `T2.id`): the qualifiers it may become, each with a column.
        for (const q of [mode.text, ...words]) {
          const dotted = feed(start, `${q.slice(mode.text.length)}.`);
          if (dotted === null) continue;
          for (const column of names.columns) tries.push(`${q.slice(mode.text.length)}.${column} `);
        }
      }
      break;
  }
  const endings: { text: string; lex: LexState }[] = [];
  for (const text of tries.sort((a, b) => a.length - b.length)) {
    if (endings.length === WORD_ENDINGS) break;
    const lex = feed(start, text);
    if (lex !== null && lex.mode.m === 'ready') endings.push({ text: text.trimEnd(), lex });
  }
  return endings;
}

function wordsStartingWith(prefix: string, names: CompletionNames): string[] {
  const words = new Set<string>();
  const add = (w: string) => {
    if (w.length > prefix.length && w.startsWith(prefix)) words.add(w);
  };
  for (const w of KEYWORDS) add(w);
  for (const w of AGGREGATES) add(w);
  for (const w of names.tables) add(w);
  for (const w of names.columns) add(w);
  for (let d = 1; d <= 9; d++) add(`t${d}`);
  return [...words];
}

/** The keywords of the grammar (a word in progress, `GRO`, may have to become one). */
const KEYWORDS = [
  'select',
  'from',
  'where',
  'group',
  'by',
  'having',
  'order',
  'limit',
  'intersect',
  'union',
  'except',
  'join',
  'on',
  'as',
  'and',
  'or',
  'not',
  'in',
  'like',
  'between',
  'distinct',
  'asc',
  'desc',
];

/** A binary min-heap on (priority, then fewer tokens still needed, then insertion order). */
class CandidateQueue {
  private readonly heap: Candidate[] = [];

  push(c: Candidate): void {
    const h = this.heap;
    h.push(c);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  pop(): Candidate | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Candidate, b: Candidate): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.tokens !== b.tokens) return a.tokens > b.tokens;
  return a.order < b.order;
}
