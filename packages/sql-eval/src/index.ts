/** @t5sql/sql-eval: Spider exact-set match and execution accuracy on SQLite, as the official Spider evaluation computes them. */
export { exactMatch, normalizeSqlText } from './exact-match.js';
export { evalExactMatch, type ExactMatchResult } from './eval-exact-match.js';
export { buildForeignKeyMap } from './foreign-key-map.js';
export { evalHardness, type Hardness, nestedQueries } from './hardness.js';
export { type ByHardness, LEVELS, type Level, type LevelScore, scoreByHardness } from './level-scores.js';
export { nltkWordTokenize } from './nltk-word-tokenize.js';
export { normalizeSql } from './normalize-sql.js';
export { parseSpiderSql } from './parse-sql.js';
export {
  type ComponentScore,
  PARTIAL_COMPONENTS,
  type PartialComponent,
  type PartialScores,
  evalPartialMatch,
  sqlKeywords,
} from './partial-match.js';
export { type SpiderSchema, type SpiderTableEntry, buildSchema } from './spider-schema.js';
export {
  type AggregatedComponent,
  type ExactSetMatchInput,
  type ExactSetMatchReport,
  spiderExactSetMatch,
} from './spider-exact-set-match.js';
export { SqlParseError } from './sql-parse-error.js';
export * from './sql-types.js';
export { tokenizeSql } from './tokenize-sql.js';
export {
  type ExecutionAccuracyInput,
  type ExecutionAccuracyReport,
  type GoldFailure,
  executionAccuracy,
} from './execution-accuracy.js';
export { firstStatementWithoutDistinct, prepareExecQuery, replaceCurYear } from './prepare-exec-query.js';
export { type SqlRow, type SqlValue, resultEq } from './result-eq.js';
export { type QueryOutcome, SqliteExecutor, type SqliteExecutorOptions } from './sqlite-executor.js';
export { EVAL_SQL_EXIT, runEvalSqlCommand } from './eval-sql-command.js';
export { formatFixed3, formatOfficialReport } from './format-report.js';
export { type GoldExample, readGoldFile, readPredictionFile, readTablesFile } from './read-eval-files.js';
