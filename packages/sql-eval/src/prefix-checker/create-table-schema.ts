import { SpiderSchemaError } from '../errors.js';
import type { SpiderTableEntry } from '../parse/spider-schema.js';

/** Keywords that start a table constraint rather than a column definition. */
const CONSTRAINT = /^(primary|foreign|unique|check|constraint)\b/i;

/** A name at the start of `text`: `"a b"`, `` `a` ``, `[a]` or a bare word; with the text after it. */
function leadingName(text: string): { name: string; rest: string } | null {
  const s = text.trimStart();
  const open = s[0];
  const close = open === '"' ? '"' : open === '`' ? '`' : open === '[' ? ']' : null;
  if (close !== null) {
    let name = '';
    for (let i = 1; i < s.length; i++) {
      if (s[i] !== close) {
        name += s[i];
        continue;
      }
      if (close !== ']' && s[i + 1] === close) {
        name += close;
        i++;
        continue;
      }
      return { name, rest: s.slice(i + 1) };
    }
    return null;
  }
  const m = /^[^\s(),;]+/.exec(s);
  return m === null ? null : { name: m[0], rest: s.slice(m[0].length) };
}

/** Splits at top-level commas (outside parentheses and quotes). */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '[') quote = ']';
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** The body of the parenthesis opening at `open`, and where it ends; null when it never closes. */
function parenthesised(text: string, open: number): { body: string; end: number } | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '[') quote = ']';
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { body: text.slice(open + 1, i), end: i + 1 };
  }
  return null;
}

/**
 * A `tables.json`-shaped schema from `CREATE TABLE` statements, such as the `sql_context` of Gretel's
 * `synthetic_text_to_sql` and b-mc2's `sql-create-context` (other statements, `INSERT` rows included, are
 * skipped). Names are kept as written, without their quotes; table constraints (`PRIMARY KEY (...)`, `FOREIGN KEY`,
 * ...) are not columns. Foreign keys are left empty: the prefix checker does not use them.
 *
 * @throws when the text holds no CREATE TABLE statement, or one whose column list does not close
 * @example
 * schemaFromCreateTables('CREATE TABLE "singer" ("Singer_ID" INT, "Name" TEXT, PRIMARY KEY ("Singer_ID"));', 'db');
 * // { db_id: 'db', table_names_original: ['singer'], column_names_original: [[-1, '*'], [0, 'Singer_ID'], [0, 'Name']], ... }
 */
export function schemaFromCreateTables(context: string, dbId: string): SpiderTableEntry {
  const tables: string[] = [];
  const columns: Array<[number, string]> = [[-1, '*']];
  const create = /\bcreate\s+(?:temp(?:orary)?\s+)?table\s+(?:if\s+not\s+exists\s+)?/gi;
  for (let m = create.exec(context); m !== null; m = create.exec(context)) {
    const head = leadingName(context.slice(m.index + m[0].length));
    if (head === null)
      throw new SpiderSchemaError(`schemaFromCreateTables (${dbId}): a CREATE TABLE without a table name`);
    const open = context.indexOf('(', context.length - head.rest.length);
    const list = open < 0 ? null : parenthesised(context, open);
    if (list === null) {
      throw new SpiderSchemaError(
        `schemaFromCreateTables (${dbId}): the column list of table "${head.name}" does not close`,
      );
    }
    const index = tables.length;
    tables.push(head.name);
    for (const part of splitTopLevel(list.body)) {
      if (part.trim() === '' || CONSTRAINT.test(part.trim())) continue;
      const column = leadingName(part);
      if (column !== null) columns.push([index, column.name]);
    }
    create.lastIndex = list.end;
  }
  if (tables.length === 0)
    throw new SpiderSchemaError(`schemaFromCreateTables (${dbId}): no CREATE TABLE statement in the context`);
  return { db_id: dbId, table_names_original: tables, column_names_original: columns, foreign_keys: [] };
}
