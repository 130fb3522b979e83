import { SpiderSchemaError, SqlEvalUsageError } from '../errors.js';
import type { SpiderTableEntry } from '../parse/spider-schema.js';
import { type CheckerSchema, type UnreachableName, buildCheckerSchema } from './checker-schema.js';
import { type CompletionLimits, DEFAULT_COMPLETION_LIMITS, completeQuery } from './completion.js';
import { initialState } from './grammar.js';
import { type LexState, initialLexState, lexChar, lexEnd } from './lexer.js';
import type { AliasNames } from './sql-words.js';

/**
 * Where SQL text stands: a prefix that can still become a query of the Spider grammar over the schema. Immutable:
 * `feed` returns a new state and leaves this one as it was, so beams branch from one state for free.
 */
export class SqlPrefixState {
  /** @internal */
  constructor(private readonly lex: LexState) {}

  /**
   * The state after `text` more characters, or null when no query of the grammar starts with the text so far.
   * The work is proportional to `text`, never to what was fed before.
   */
  feed(text: string): SqlPrefixState | null {
    let s: LexState | null = this.lex;
    for (const ch of text) {
      s = lexChar(s, ch);
      if (s === null) return null;
    }
    return s === this.lex ? this : new SqlPrefixState(s);
  }

  /** Whether the text so far is a complete query (generation may stop here). */
  get complete(): boolean {
    return lexEnd(this.lex);
  }

  /**
   * A short text that completes the query (`''` when it is complete), or null when none is found within the
   * limits. Every text it returns is accepted: `state.feed(text)?.complete` is true. It closes what is open and
   * adds what the grammar still requires (`* FROM singer`, `)`, a literal `1`); it is short, not always the
   * shortest. Used by decoders that must end within a token budget.
   *
   * @example
   * const state = SqlPrefixChecker.forDatabase(tables, 'concert_singer').start().feed('SELECT name FROM singer WHERE age >');
   * state?.completion(); // ' 1'
   */
  completion(limits: CompletionLimits = DEFAULT_COMPLETION_LIMITS): string | null {
    const { schema } = this.lex.parser;
    return completeQuery(this.lex, schema, limits);
  }
}

/** Options of {@link SqlPrefixChecker}. */
export interface SqlPrefixCheckerOptions {
  /**
   * How the text will be read: `'as-written'` (default) exactly as fed; `'canonical'` through `canonicalSqlSpacing`
   * (`@t5sql/datasets`, which `decodeSqlTarget` applies to `t5-escape` output), which separates a comparison from
   * a string (`='x'` → `= 'x'`), so the checker may accept `='x'` there.
   */
  spacing?: 'as-written' | 'canonical';
  /**
   * The names a query may give a table: `'any'` (default) plain ASCII name, or `'spider'`: `T` and a number
   * (`T1`) or one letter, as in every Spider gold query. Until FROM is written, `x.col` may name an alias still
   * to come, so with `'any'` an unknown name in the select list stays a valid prefix for as long as it grows;
   * `'spider'` keeps a model from wandering there.
   */
  aliasNames?: AliasNames;
}

/**
 * An incremental checker for one database: does SQL text, read piece by piece, still complete to a query that the
 * official Spider parser (`parseSpiderSql`) parses and SQLite runs, naming only the schema's tables and columns
 * (and aliases the query makes)? Keywords are case-insensitive, names too (compared lower-cased, as the official
 * evaluation does); a partial name is kept while it can still become one (`sing` → `singer`); string and number
 * values are free. See the README for the exact grammar.
 *
 * @example
 * const checker = SqlPrefixChecker.forDatabase(tables, 'concert_singer');
 * let s = checker.start().feed('SELECT count(*) FROM sing'); // still possible: `singer`
 * s = s?.feed('er WHERE age > 30') ?? null;
 * s?.complete; // true
 * checker.start().feed('SELECT nmae'); // null: no column starts with `nmae`
 */
export class SqlPrefixChecker {
  readonly schema: CheckerSchema;
  private readonly initial: SqlPrefixState;

  /**
   * @param entry the database's `tables.json` entry
   * @throws when the entry is malformed, has no tables, or none of its tables can be written in the grammar
   */
  constructor(entry: SpiderTableEntry, options: SqlPrefixCheckerOptions = {}) {
    const spacing = options.spacing ?? 'as-written';
    if (spacing !== 'as-written' && spacing !== 'canonical') {
      throw new SqlEvalUsageError(
        `SqlPrefixChecker: spacing must be 'as-written' or 'canonical', found ${String(spacing)}`,
      );
    }
    const aliasNames = options.aliasNames ?? 'any';
    if (aliasNames !== 'any' && aliasNames !== 'spider') {
      throw new SqlEvalUsageError(
        `SqlPrefixChecker: aliasNames must be 'any' or 'spider', found ${String(aliasNames)}`,
      );
    }
    this.schema = buildCheckerSchema(entry, aliasNames);
    this.initial = new SqlPrefixState(initialLexState(initialState(this.schema), spacing === 'canonical'));
  }

  /**
   * The checker of database `dbId` in a parsed `tables.json`.
   *
   * @throws naming the db_id when `tables` has no entry for it
   */
  static forDatabase(
    tables: readonly SpiderTableEntry[],
    dbId: string,
    options: SqlPrefixCheckerOptions = {},
  ): SqlPrefixChecker {
    if (!Array.isArray(tables))
      throw new SqlEvalUsageError('SqlPrefixChecker.forDatabase: tables is not an array');
    const entry = tables.find((t) => t?.db_id === dbId);
    if (entry === undefined) {
      throw new SpiderSchemaError(
        `SqlPrefixChecker: no schema for db_id "${dbId}" among the ${tables.length} databases of tables.json`,
      );
    }
    return new SqlPrefixChecker(entry, options);
  }

  /** Tables and columns no query can name (odd characters, keywords), with the reason. */
  get unreachable(): readonly UnreachableName[] {
    return this.schema.unreachable;
  }

  /** The state before any text. */
  start(): SqlPrefixState {
    return this.initial;
  }

  /** `'complete'`, `'prefix'` (can still complete) or `'invalid'` for a whole text. */
  check(text: string): 'complete' | 'prefix' | 'invalid' {
    const s = this.initial.feed(text);
    if (s === null) return 'invalid';
    return s.complete ? 'complete' : 'prefix';
  }
}
