import type { TextToSqlRecord } from '@t5sql/datasets';
import { type SpiderTableEntry, schemaFromCreateTables } from '@t5sql/sql-eval';
import { ReproDataError } from '../errors.js';

/**
 * The schema each record's SQL must follow, for {@link SchemaConstraint}: a Spider record's database from
 * `tables.json` (by `dbId`), any other record's `CREATE TABLE` statements in its context (Gretel's `sql_context`).
 *
 * @throws naming the record when its database is not in `tables` (or no tables were given), or its context has
 *   no CREATE TABLE statement
 */
export function recordSchemas(
  records: readonly TextToSqlRecord[],
  tables: readonly SpiderTableEntry[] | null,
): SpiderTableEntry[] {
  const byId = new Map((tables ?? []).map((t) => [t.db_id, t]));
  const fromContext = new Map<string, SpiderTableEntry>();
  return records.map((r) => {
    if (r.dbId !== undefined) {
      const entry = byId.get(r.dbId);
      if (entry === undefined) {
        throw new ReproDataError(
          tables === null
            ? `record ${r.id}: database "${r.dbId}" needs a tables.json to constrain decoding`
            : `record ${r.id}: database "${r.dbId}" is not in tables.json (${tables.length} databases)`,
        );
      }
      return entry;
    }
    let entry = fromContext.get(r.context);
    if (entry === undefined) {
      try {
        entry = schemaFromCreateTables(r.context, r.id);
      } catch (e) {
        throw new ReproDataError(`record ${r.id}: cannot constrain decoding: ${(e as Error).message}`, {
          cause: e,
        });
      }
      fromContext.set(r.context, entry);
    }
    return entry;
  });
}
