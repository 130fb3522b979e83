/** @t5sql/sql-eval: Spider exact-set match and execution accuracy on SQLite, as the official Spider evaluation computes them. */

// errors: every error the package raises extends SqlEvalError.
export {
  SpiderSchemaError,
  SqlEvalError,
  SqlEvalInputError,
  SqlEvalUsageError,
  SqliteExecutorError,
} from './errors.js';

// parse/: the official tokenizer and parser, the schema and its foreign keys.
export { nltkWordTokenize, tokenizeSql } from './parse/tokenize-sql.js';
export { parseSpiderSql } from './parse/parse-sql.js';
export { SqlParseError } from './parse/sql-parse-error.js';
export * from './parse/sql-types.js';
export { type SpiderSchema, type SpiderTableEntry, buildSchema } from './parse/spider-schema.js';
export { buildForeignKeyMap } from './parse/foreign-key-map.js';

// hardness/: the official hardness levels and per-level scores.
export { evalHardness, type Hardness, nestedQueries } from './hardness/hardness.js';
export {
  type ByHardness,
  LEVELS,
  type Level,
  type LevelScore,
  scoreByHardness,
} from './hardness/level-scores.js';

// exact-match/: exact-set match (whole query and per component), and plain normalised text match.
export {
  type AggregatedComponent,
  type ExactSetMatchInput,
  type ExactSetMatchReport,
  spiderExactSetMatch,
} from './exact-match/spider-exact-set-match.js';
export { evalExactMatch, type ExactMatchResult } from './exact-match/eval-exact-match.js';
export {
  type ComponentScore,
  PARTIAL_COMPONENTS,
  type PartialComponent,
  type PartialScores,
  evalPartialMatch,
  sqlKeywords,
} from './exact-match/partial-match.js';
export { normalizeSql } from './exact-match/normalize-sql.js';
export { exactMatch, normalizeSqlText } from './exact-match/text-exact-match.js';

// execution/: execution accuracy on SQLite (read-only, in a worker thread).
export {
  type ExecutionAccuracyInput,
  type ExecutionAccuracyReport,
  type GoldFailure,
  executionAccuracy,
} from './execution/execution-accuracy.js';
export {
  type QueryOutcome,
  SqliteExecutor,
  type SqliteExecutorOptions,
} from './execution/sqlite-executor.js';
export {
  firstStatementWithoutDistinct,
  prepareExecQuery,
  replaceCurYear,
} from './execution/prepare-exec-query.js';
export { type SqlRow, type SqlValue, resultEq } from './execution/result-eq.js';

// report/: the official printed report.
export { formatFixed3, formatOfficialReport } from './report/format-report.js';

// command/: `t5sql eval-sql` and its input files.
export { EVAL_SQL_EXIT, runEvalSqlCommand } from './command/eval-sql-command.js';
export {
  type GoldExample,
  readGoldFile,
  readPredictionFile,
  readTablesFile,
} from './command/read-eval-files.js';

// prefix-checker/: schema-constrained decoding (PICARD-style prefix checks).
export {
  type AliasNames,
  type CheckerSchema,
  type CompletionLimits,
  SqlPrefixChecker,
  type SqlPrefixCheckerOptions,
  SqlPrefixState,
  type UnreachableName,
  buildCheckerSchema,
  schemaFromCreateTables,
} from './prefix-checker/index.js';
