import {
  DEFAULT_SQL_TARGET_ENCODING,
  type SqlTargetEncoding,
  assertSqlTargetEncoding,
  flushT5Pending,
  t5PendingCompletions,
  t5PendingSpellings,
  unescapeT5Chunk,
} from '@t5sql/datasets';
import {
  type AliasNames,
  type SpiderTableEntry,
  SqlPrefixChecker,
  type SqlPrefixState,
} from '@t5sql/sql-eval';
import type { LogitsProcessor, LogitsProcessorStep } from '@t5sql/t5-core';
import { ReproConfigError } from '../errors.js';
import type { TokenTexts } from './token-texts.js';

/** Options of {@link SchemaConstraint}. */
export interface SchemaConstraintOptions {
  /** Per input row of the generate call: its database's `tables.json` entry, or null to leave the row free. */
  schemas: readonly (SpiderTableEntry | null)[];
  /** The tokenizer's piece texts ({@link tokenTexts}). */
  tokens: TokenTexts;
  /** Candidates checked per row and step, best first (PICARD's top-k). Default 8. */
  topK?: number;
  /** The target encoding the model writes (the template's); default `t5-escape`. */
  sqlEncoding?: SqlTargetEncoding;
  /**
   * The names a query may give a table: `'spider'` (default: `T1`, `t2`, or one letter, as every Spider gold query
   * does) or `'any'` name. With `'any'`, an unknown word before FROM may always still become `alias.column`, and a
   * weak model can spell one forever.
   */
  aliasNames?: AliasNames;
  /**
   * Steer every row to a complete query before `maxNewTokens` runs out (default true). Once few tokens are left,
   * a candidate passes only if the query can still be finished in the tokens after it, and when no candidate can,
   * the row writes the shortest completion found (`SqlPrefixState.completion`: `) FROM singer`, `= 1`). Without
   * it, a row the budget cuts off ends as a valid prefix that does not parse. False: PICARD's behaviour.
   */
  endWithinBudget?: boolean;
  /**
   * When EOS is among a row's top-k but the query is not complete, give the next token of the query's completion
   * EOS's score (when that is higher than its own), so that a model that wants to stop closes its query (`')`,
   * `FROM t`) rather than writing on with whatever it ranks next (default true). False: PICARD's behaviour, which
   * only removes EOS there.
   */
  finishOnEos?: boolean;
}

/** Counters of one {@link SchemaConstraint}. */
export interface SchemaConstraintStats {
  /** Rows processed, summed over steps. */
  rowSteps: number;
  /** Rows whose best-scoring token failed the check (where the constraint changed the greedy choice). */
  bestRejected: number;
  /** Rows whose top-k candidates all failed, so that the best valid token further down was taken. */
  fallbacks: number;
  /** Rows where no token at all could continue (only EOS left): the checker accepted a prefix it cannot finish. */
  deadEnds: number;
  /**
   * Rows whose prefix already holds a rejected token: beam search fills its 2 x numBeams candidate slots with
   * -Infinity candidates when fewer tokens pass. Their score is -Infinity; only EOS is left to them.
   */
  invalidPrefixes: number;
  /** Rows that had to write the next token of their completion to end within `maxNewTokens`. */
  budgetForced: number;
  /** Rows near the end of the budget whose prefix (or an earlier one) had no completion the search found (not steered). */
  noCompletion: number;
  /** Rows that wanted EOS before their query was complete and were given the completion's next token instead. */
  finishedOnEos: number;
}

/**
 * `endWithinBudget`: completions are looked for once this many tokens (or fewer) are left (completions are seldom
 * over 20 tokens); candidates are checked against the budget once the spare tokens (left minus the completion and
 * EOS) are this few. One token of SQL adds at most a sub-query's handful of tokens to the completion (`(` in a
 * condition: `SELECT x FROM t )`).
 */
const BUDGET_LOOKAHEAD = 32;
const BUDGET_SLACK = 8;

/** A row's text so far: the SQL checker's state and an unfinished `#` escape of `t5-escape`. */
interface RowState {
  readonly sql: SqlPrefixState;
  readonly pending: string;
}

/** One prefix in the tree of prefixes seen (beams share theirs); null state: the prefix cannot become valid. */
interface Node {
  readonly state: RowState | null;
  readonly children: Map<number, Node>;
  /** Memo per token head (its first two characters): 1 can follow, 2 cannot, 0 not checked (the fallback's pruning). */
  heads?: Int8Array;
  /** Memo of the tokens that complete the query from here (EOS not included), null when none was found. */
  completion?: readonly number[] | null;
}

const checkerCache = new WeakMap<SpiderTableEntry, Map<string, SqlPrefixChecker>>();

function checkerFor(
  entry: SpiderTableEntry,
  spacing: 'as-written' | 'canonical',
  aliasNames: AliasNames,
): SqlPrefixChecker {
  let byOptions = checkerCache.get(entry);
  if (byOptions === undefined) {
    byOptions = new Map();
    checkerCache.set(entry, byOptions);
  }
  const key = `${spacing} ${aliasNames}`;
  let checker = byOptions.get(key);
  if (checker === undefined) {
    checker = new SqlPrefixChecker(entry, { spacing, aliasNames });
    byOptions.set(key, checker);
  }
  return checker;
}

/**
 * Schema-constrained decoding in the manner of PICARD (Scholak et al., 2021), as a t5-core logits processor: at
 * every step, for each row, the `topK` best tokens are appended in turn to the row's text (its pieces, `▁` as a
 * space, read back through the `t5-escape` encoding) and checked with `@t5sql/sql-eval`'s incremental
 * {@link SqlPrefixChecker} for the row's database; the ones that fail, and every token outside the top-k, get
 * `-Infinity`. EOS passes only when the text is a complete query. When all top-k candidates fail, the best-scoring
 * token that passes is kept instead (searched down the whole ranking), so a row always has a way on; should none
 * pass (a prefix the checker accepted but that cannot be finished), only EOS is left and `stats.deadEnds` counts it.
 * A query that ends by EOS therefore parses with the official Spider parser and runs on SQLite. Beyond PICARD, a
 * row is steered to finish its query: before `maxNewTokens` runs out (`endWithinBudget`), and when the model wants
 * EOS before the query is complete (`finishOnEos`), with the checker's shortest completion found; with both off,
 * a row cut off by `maxNewTokens` is merely a valid prefix.
 *
 * Rows of a generate call share one tree of prefixes, so beams that branch reuse the checker states of their common
 * prefix; make a new constraint per generate call (the tree grows with it).
 *
 * @example
 * const constraint = new SchemaConstraint({ schemas: dbIds.map((id) => tables.find((t) => t.db_id === id)!), tokens: tokenTexts(tokenizer) });
 * const ids = await model.generate(batch.inputIds, { maxNewTokens: 128, numBeams: 4, logitsProcessor: constraint });
 */
export class SchemaConstraint implements LogitsProcessor {
  readonly stats: SchemaConstraintStats = {
    rowSteps: 0,
    bestRejected: 0,
    fallbacks: 0,
    deadEnds: 0,
    invalidPrefixes: 0,
    budgetForced: 0,
    noCompletion: 0,
    finishedOnEos: 0,
  };
  private readonly roots: (Node | null)[];
  private readonly texts: readonly (string | null)[];
  private readonly eos: number;
  private readonly topK: number;
  private readonly escaped: boolean;
  /** Each token's head (index into `heads`), -1 for a token without text. */
  private readonly headOf: Int32Array;
  /** The distinct first-two-character strings of the token texts. */
  private readonly heads: string[] = [];
  private readonly endWithinBudget: boolean;
  private readonly finishOnEos: boolean;
  /** Token ids by text (lowest id first) and the longest text: how completions are written in tokens. */
  private byText: Map<string, number[]> | null = null;
  private longestText = 0;

  /** @throws when a schema cannot be checked (see SqlPrefixChecker), topK is not a positive integer or the encoding is unknown */
  constructor(options: SchemaConstraintOptions) {
    const encoding = options.sqlEncoding ?? DEFAULT_SQL_TARGET_ENCODING;
    assertSqlTargetEncoding(encoding, 'SchemaConstraint');
    this.escaped = encoding === 't5-escape';
    this.topK = options.topK ?? 8;
    this.endWithinBudget = options.endWithinBudget ?? true;
    this.finishOnEos = options.finishOnEos ?? true;
    if (!Number.isInteger(this.topK) || this.topK < 1) {
      throw new ReproConfigError(`SchemaConstraint: topK must be a positive integer, found ${options.topK}`);
    }
    this.texts = options.tokens.texts;
    this.eos = options.tokens.eosTokenId;
    this.headOf = new Int32Array(this.texts.length).fill(-1);
    const headIndex = new Map<string, number>();
    this.texts.forEach((text, token) => {
      if (text === null || text === '') return;
      const head = text.slice(0, 2);
      let h = headIndex.get(head);
      if (h === undefined) {
        h = this.heads.length;
        this.heads.push(head);
        headIndex.set(head, h);
      }
      this.headOf[token] = h;
    });
    // `t5-escape` output is read through decodeSqlTarget, whose canonical spacing separates `=` from a string.
    const spacing = this.escaped ? 'canonical' : 'as-written';
    const aliasNames = options.aliasNames ?? 'spider';
    this.roots = options.schemas.map((entry) =>
      entry === null
        ? null
        : {
            state: { sql: checkerFor(entry, spacing, aliasNames).start(), pending: '' },
            children: new Map(),
          },
    );
  }

  async process(step: LogitsProcessorStep): Promise<void> {
    const { sequences, inputRows, scores, finished } = step;
    const left = step.maxNewTokens - step.step;
    for (let r = 0; r < scores.length; r++) {
      if (finished[r]) continue;
      const inputRow = inputRows[r];
      if (inputRow >= this.roots.length) {
        throw new ReproConfigError(
          `SchemaConstraint: row ${r} decodes input ${inputRow}, but schemas has ${this.roots.length} entries`,
        );
      }
      const root = this.roots[inputRow];
      if (root === null) continue;
      this.stats.rowSteps++;
      this.constrainRow(this.nodeFor(root, sequences[r]), scores[r], left);
    }
  }

  /**
   * Whether `token` may follow `prefix` (decoder start token first) for input row `inputRow`: the check `process`
   * applies to each top-k candidate.
   */
  allows(inputRow: number, prefix: readonly number[], token: number): boolean {
    const root = this.roots[inputRow];
    if (root === null || root === undefined) return true;
    return this.passes(this.nodeFor(root, prefix), token);
  }

  /** `left`: the tokens this row may still write, this one included (EOS must be one of them). */
  private constrainRow(node: Node, row: Float32Array, left: number): void {
    const allowed: number[] = [];
    if (node.state === null) {
      this.stats.invalidPrefixes++;
    } else {
      // The completion from here and the spare tokens beside it and EOS, once the end of the budget is near.
      let plan: readonly number[] | null = null;
      if (this.endWithinBudget && left <= BUDGET_LOOKAHEAD) {
        plan = this.completionOf(node);
        if (plan === null) this.stats.noCompletion++;
      }
      const spare = plan === null ? Number.POSITIVE_INFINITY : left - plan.length - 1;
      const planned = plan?.[0] ?? this.eos;
      if (spare <= 0) {
        this.stats.budgetForced++;
        allowed.push(planned);
      } else {
        const fits = (token: number) => spare > BUDGET_SLACK || this.fitsIn(node, token, left - 1);
        const top = topIndices(row, this.topK);
        for (const token of top) if (this.passes(node, token) && fits(token)) allowed.push(token);
        if (top.length > 0 && allowed[0] !== top[0]) this.stats.bestRejected++;
        if (this.finishOnEos && top.includes(this.eos) && !allowed.includes(this.eos)) {
          // The model wants to stop before the query is complete: the completion's next token stands in for EOS.
          const next = (plan ?? this.completionOf(node))?.[0];
          if (next !== undefined && fits(next)) {
            this.stats.finishedOnEos++;
            row[next] = Math.max(row[next], row[this.eos]);
            if (!allowed.includes(next)) allowed.push(next);
          }
        }
        if (allowed.length === 0 && spare <= BUDGET_SLACK) {
          this.stats.budgetForced++;
          allowed.push(planned);
        } else if (allowed.length === 0) {
          this.stats.fallbacks++;
          const best = this.bestPassing(node, row);
          if (best !== null) allowed.push(best);
          else this.stats.deadEnds++;
        }
      }
    }
    if (allowed.length === 0) allowed.push(this.eos);
    const kept = allowed.map((t) => row[t]);
    row.fill(Number.NEGATIVE_INFINITY);
    allowed.forEach((t, i) => {
      // A dead end's EOS may have had -Infinity already (before minNewTokens): a row must keep one finite score.
      row[t] = Number.isFinite(kept[i]) ? kept[i] : 0;
    });
  }

  /**
   * The best-scoring token that passes: tokens whose first two characters cannot follow are dropped first (one
   * check per distinct pair), then the 64 best of the rest are tried in score order, then all of them.
   */
  private bestPassing(node: Node, row: Float32Array): number | null {
    const state = node.state as RowState;
    node.heads ??= new Int8Array(this.heads.length);
    const memo = node.heads;
    const candidates: number[] = [];
    const last = Math.min(row.length, this.headOf.length);
    for (let token = 0; token < last; token++) {
      // Tokens an earlier rule removed (-Infinity: EOS before minNewTokens) stay removed.
      if (!Number.isFinite(row[token])) continue;
      if (token === this.eos) {
        candidates.push(token);
        continue;
      }
      const h = this.headOf[token];
      if (h < 0) continue;
      if (memo[h] === 0) memo[h] = this.feed(state, this.heads[h]) === null ? 2 : 1;
      if (memo[h] === 1) candidates.push(token);
    }
    const byScore = (a: number, b: number) => row[b] - row[a] || a - b;
    const first = topIndices(
      Float32Array.from(candidates, (t) => row[t]),
      64,
    ).map((i) => candidates[i]);
    for (const token of first) if (this.passes(node, token)) return token;
    candidates.sort(byScore);
    for (const token of candidates.slice(first.length)) if (this.passes(node, token)) return token;
    return null;
  }

  /** Whether after `token` the query can still be completed, EOS included, in `left` tokens. */
  private fitsIn(node: Node, token: number, left: number): boolean {
    if (token === this.eos) return true;
    const plan = this.completionOf(this.child(node, token));
    return plan !== null && plan.length + 1 <= left;
  }

  /**
   * The tokens that complete the query after `node` (memoised): the checker's completion text, written greedily
   * in the longest pieces that pass. Every node along it is given the rest of it, so a row that follows its plan
   * keeps one plan and ends on time.
   */
  private completionOf(node: Node): readonly number[] | null {
    if (node.completion !== undefined) return node.completion;
    const state = node.state;
    let plan: number[] | null = null;
    if (state !== null && this.canEnd(state)) plan = [];
    else if (state !== null && state.pending === '') {
      const text = state.sql.completion();
      const written = text === null ? null : this.writeInTokens(node, text);
      plan =
        written !== null && written.end.state !== null && this.canEnd(written.end.state)
          ? written.tokens
          : null;
    } else if (state !== null) {
      plan = this.finishEscape(node, state);
    }
    node.completion = plan;
    let at = node;
    for (let i = 0; plan !== null && i < plan.length; i++) {
      at = this.child(at, plan[i]);
      at.completion ??= plan.slice(i + 1);
    }
    return plan;
  }

  /**
   * The plan of a row in the middle of a `t5-escape` escape (a random model may spell `#u43;`): the shortest
   * spellings that finish the escape as a character SQL may take there, each followed by its completion.
   */
  private finishEscape(node: Node, state: RowState): number[] | null {
    const spellings = t5PendingSpellings(state.pending)
      .filter(({ char }) => state.sql.feed(char) !== null)
      .slice(0, 8);
    for (const { spelling } of spellings) {
      const written = this.writeInTokens(node, spelling.slice(state.pending.length));
      if (written === null || written.end.state === null || written.end.state.pending !== '') continue;
      const rest = this.completionOf(written.end);
      if (rest !== null) return [...written.tokens, ...rest];
    }
    return null;
  }

  /** `text` as tokens that pass one after another from `node`, longest piece first; null if it cannot be. */
  private writeInTokens(node: Node, text: string): { tokens: number[]; end: Node } | null {
    const byText = this.tokensByText();
    const out: number[] = [];
    let at = node;
    for (let i = 0; i < text.length; ) {
      let taken = 0;
      for (let len = Math.min(this.longestText, text.length - i); len >= 1 && taken === 0; len--) {
        for (const token of byText.get(text.slice(i, i + len)) ?? []) {
          if (!this.passes(at, token)) continue;
          out.push(token);
          at = this.child(at, token);
          taken = len;
          break;
        }
      }
      if (taken === 0) return null;
      i += taken;
    }
    return { tokens: out, end: at };
  }

  private tokensByText(): Map<string, number[]> {
    if (this.byText === null) {
      const byText = new Map<string, number[]>();
      this.texts.forEach((text, token) => {
        if (text === null || text === '' || token === this.eos) return;
        const ids = byText.get(text);
        if (ids === undefined) byText.set(text, [token]);
        else ids.push(token);
        this.longestText = Math.max(this.longestText, text.length);
      });
      this.byText = byText;
    }
    return this.byText;
  }

  private passes(node: Node, token: number): boolean {
    if (node.state === null) return false;
    if (token === this.eos) return this.canEnd(node.state);
    return this.child(node, token).state !== null;
  }

  private nodeFor(root: Node, prefix: readonly number[]): Node {
    let node = root;
    for (let i = 1; i < prefix.length; i++) node = this.child(node, prefix[i]);
    return node;
  }

  private child(node: Node, token: number): Node {
    let next = node.children.get(token);
    if (next === undefined) {
      const text = token === this.eos ? null : this.texts[token];
      const state =
        node.state === null || text === null || text === undefined ? null : this.feed(node.state, text);
      next = { state, children: new Map() };
      // A prefix whose completion the search did not find leaves its continuations unsteered too: they are as hard
      // (or as dead), and searching again at every step would cost a weak model's every token.
      if (node.completion === null) next.completion = null;
      node.children.set(token, next);
    }
    return next;
  }

  /** The row state after `text`, or null when the row can no longer become a valid query. */
  private feed(state: RowState, text: string): RowState | null {
    if (!this.escaped) {
      const sql = state.sql.feed(text);
      return sql === null ? null : { sql, pending: '' };
    }
    const read = unescapeT5Chunk(state.pending, text);
    const sql = state.sql.feed(read.text);
    if (sql === null) return null;
    if (read.pending !== '' && !pendingViable(sql, read.pending)) return null;
    return { sql, pending: read.pending };
  }

  private canEnd(state: RowState): boolean {
    if (state.pending === '') return state.sql.complete;
    return state.sql.feed(flushT5Pending(state.pending))?.complete ?? false;
  }
}

/** Whether an unfinished escape can still go on validly: as some character it may decode to, or as written. */
function pendingViable(sql: SqlPrefixState, pending: string): boolean {
  if (sql.feed(pending) !== null) return true;
  return t5PendingCompletions(pending).some((c) => sql.feed(c) !== null);
}

/** Indices of the `k` largest finite entries of `row`, best first (lower index first on ties). */
function topIndices(row: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (!Number.isFinite(v)) continue;
    if (best.length === k && !(v > row[best[k - 1]])) continue;
    let pos = best.length === k ? k - 1 : best.length;
    while (pos > 0 && v > row[best[pos - 1]]) pos--;
    best.splice(pos, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}
