export { canonicalSqlSpacing } from './canonical-sql-spacing.js';
export { decodeSqlTarget } from './decode-sql-target.js';
export { encodeSqlTarget } from './encode-sql-target.js';
export { escapeForT5 } from './escape-for-t5.js';
export { type SqlSegment, splitSqlSegments } from './split-sql-segments.js';
export {
  DEFAULT_SQL_TARGET_ENCODING,
  SQL_TARGET_ENCODINGS,
  type SqlTargetEncoding,
  assertSqlTargetEncoding,
} from './sql-target-encoding.js';
export { T5_ESCAPE_CODES, T5_ESCAPE_MARK, T5_SAFE_CHARACTERS } from './t5-escape-codes.js';
export { unescapeFromT5 } from './unescape-from-t5.js';
export {
  flushT5Pending,
  t5PendingCompletions,
  t5PendingSpellings,
  unescapeT5Chunk,
} from './unescape-t5-chunk.js';
