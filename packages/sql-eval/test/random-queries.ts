// Test helper: random queries drawn through an SqlPrefixChecker, to test that what it accepts parses and runs.
import type { SqlPrefixChecker, SqlPrefixState } from '../src/index.js';

/** A seeded generator (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'SELECT',
  'DISTINCT',
  'FROM',
  'JOIN',
  'AS',
  'ON',
  'WHERE',
  'GROUP BY',
  'HAVING',
  'ORDER BY',
  'ASC',
  'DESC',
  'LIMIT',
  'INTERSECT',
  'UNION',
  'EXCEPT',
  'AND',
  'OR',
  'NOT',
  'BETWEEN',
  'IN',
  'LIKE',
  'count',
  'sum',
  'avg',
  'min',
  'max',
  ' ',
  '(',
  ')',
  ',',
  '*',
  ';',
  '=',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  '+',
  '-',
  '/',
  '1',
  '2.5',
  '-3',
  '10',
  "'abc'",
  '"x y"',
  "'%a%'",
  'T1',
  'T2',
  'T3',
];

/** The pieces a walk may append: keywords, operators, literals and the schema's names (some qualified). */
export function walkPieces(checker: SqlPrefixChecker, rng: () => number): string[] {
  const { tables, qualifiedColumns } = checker.schema;
  const pieces = [...WORDS, ...tables, ...qualifiedColumns];
  for (const q of ['T1', 'T2', 'T3', ...tables.slice(0, 3)]) {
    for (const c of qualifiedColumns) if (rng() < 0.3) pieces.push(`${q}.${c}`);
  }
  return pieces;
}

export interface Walk {
  /** The text, or null when the walk stopped unfinished. */
  text: string | null;
  /** The text when no piece could continue a prefix the checker accepted (a dead end). */
  deadEnd: string | null;
}

/**
 * One random walk: pieces chosen uniformly among those the checker accepts next (a space after each, which symbols
 * now and then go without), half of the time among those that complete the query when there are such, stopping with growing
 * probability once the text is a complete query, or after `maxPieces`.
 */
export function randomWalk(
  checker: SqlPrefixChecker,
  pieces: readonly string[],
  rng: () => number,
  maxPieces = 150,
): Walk {
  let state: SqlPrefixState = checker.start();
  let text = '';
  for (let n = 0; n < maxPieces; n++) {
    if (state.complete && rng() < 0.2 + n / maxPieces) return { text, deadEnd: null };
    const options: Array<[string, SqlPrefixState]> = [];
    for (const p of pieces) {
      // A space ends every word (`BETWEEN` alone could still grow into a name, two words run together make one);
      // symbols are now and then followed directly by the next piece.
      const chunk = /^[\w"'-]/.test(p) || rng() < 0.7 ? `${p} ` : p;
      const next = state.feed(chunk);
      if (next !== null) options.push([chunk, next]);
    }
    if (options.length === 0) return state.complete ? { text, deadEnd: null } : { text: null, deadEnd: text };
    // Later on, mostly pieces that head for the end: those completing the query, then `)`, FROM and table names,
    // then values (which end conditions).
    let pool = options;
    if (n > 10 && rng() < 0.8) {
      const groups = [
        options.filter(([, s]) => s.complete),
        options.filter(([c]) => c.startsWith(')')),
        options.filter(
          ([c]) => /^(FROM|LIMIT) |^[a-z_0-9]+ $/.test(c) && checker.schema.tables.includes(c.trim()),
        ),
        options.filter(([c]) => /^(FROM |[0-9'"-])/.test(c)),
      ];
      pool = groups.find((g) => g.length > 0) ?? options;
    }
    const [chunk, next] = pool[Math.floor(rng() * pool.length)];
    text += chunk;
    state = next;
  }
  return { text: state.complete ? text : null, deadEnd: null };
}
