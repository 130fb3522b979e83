export { type CheckerSchema, type UnreachableName, buildCheckerSchema } from './checker-schema.js';
export { schemaFromCreateTables } from './create-table-schema.js';
export { SqlPrefixChecker, type SqlPrefixCheckerOptions, SqlPrefixState } from './sql-prefix-checker.js';
export type { CompletionLimits } from './completion.js';
export type { AliasNames } from './sql-words.js';
