import { AGG_OPS, CLAUSE_KEYWORDS, JOIN_KEYWORDS, WHERE_OPS } from '../parse/sql-types.js';
// The words of the Spider grammar: keywords, aggregates, and the names a query may not give an alias.
import { nltkWordTokenize } from '../parse/tokenize-sql.js';

/** Aggregates a query may write (the official `AGG_OPS` without `none`). */
export const AGGREGATES: ReadonlySet<string> = new Set(['max', 'min', 'count', 'sum', 'avg']);

/**
 * Words that are never a name: every keyword the official parser tests tokens against (`none` included: its
 * select parser would read `none(` as an aggregate), plus the other keywords of the grammar.
 */
const RESERVED: ReadonlySet<string> = new Set([
  ...CLAUSE_KEYWORDS,
  ...JOIN_KEYWORDS,
  ...WHERE_OPS,
  ...AGG_OPS,
  'distinct',
  'by',
  'having',
  'asc',
  'desc',
  'and',
  'or',
]);

/** Whether `word` (lower case) is a keyword of the grammar, so never a table, column or alias name. */
export function isReservedWord(word: string): boolean {
  return RESERVED.has(word);
}

/**
 * SQLite's keywords (sqlite.org/lang_keywords.html). A schema may use some as names (Spider has `Range`, `End`,
 * `match`), which SQLite accepts through its identifier fallback, but an alias a model makes up never needs one.
 */
const SQLITE_KEYWORDS: ReadonlySet<string> = new Set(
  `abort action add after all alter always analyze and as asc attach autoincrement before begin between by cascade
case cast check collate column commit conflict constraint create cross current current_date current_time
current_timestamp database default deferrable deferred delete desc detach distinct do drop each else end escape
except exclude exclusive exists explain fail filter first following for foreign from full generated glob group
groups having if ignore immediate in index indexed initially inner insert instead intersect into is isnull join key
last left like limit match materialized natural no not nothing notnull null nulls of offset on or order others outer
over partition plan pragma preceding primary query raise range recursive references regexp reindex release rename
replace restrict returning right rollback row rows savepoint select set table temp temporary then ties to
transaction trigger unbounded union unique update using vacuum values view virtual when where window with without`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether `word` (lower case) is one of SQLite's keywords. */
export function isSqliteKeyword(word: string): boolean {
  return SQLITE_KEYWORDS.has(word);
}

/**
 * Which names a query may give a table: `'any'` ASCII name (letters, digits and `_`, not starting with a digit),
 * or `'spider'`: `t` and a number (`T1`, `t12`) or a single letter, the names Spider's gold queries use.
 */
export type AliasNames = 'any' | 'spider';

const ALIAS = /^[a-z_][a-z0-9_]*$/;
const SPIDER_ALIAS = /^(?:t[0-9]{1,3}|[a-z])$/;

/** Whether `word` (lower case) can start an alias name. */
export function isAliasPrefix(word: string, names: AliasNames): boolean {
  return names === 'any' ? ALIAS.test(word) : SPIDER_ALIAS.test(word);
}

/** Whether the official tokenizer keeps `word` as one token (NLTK splits `cannot`, `gonna`, ...). */
export function tokenizesWhole(word: string): boolean {
  const toks = nltkWordTokenize(word);
  return toks.length === 1 && toks[0] === word;
}

/** Whether `word` (lower case) may be a new table alias (the table-name clash is checked by the caller). */
export function isAliasWord(word: string, names: AliasNames): boolean {
  if (!(names === 'any' ? ALIAS : SPIDER_ALIAS).test(word)) return false;
  return !RESERVED.has(word) && !SQLITE_KEYWORDS.has(word) && tokenizesWhole(word);
}
