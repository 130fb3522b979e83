// What one query level (SELECT ... FROM ...) knows about its names, as immutable values so that a state can branch
// without copying: the FROM items, the references made before FROM was written (checked once it is), and the number
// of result columns a set operation or a sub-query needs. Resolution follows SQLite's scoping and the official
// parser's lookup at once, so a query accepted here runs on SQLite and parses with `parseSpiderSql`.
import type { CheckerSchema } from './checker-schema.js';
import { isAliasWord } from './sql-words.js';

/** A persistent list (newest first): prepending shares the rest. */
export type List<T> = { readonly head: T; readonly tail: List<T> } | null;

export function cons<T>(head: T, tail: List<T>): List<T> {
  return { head, tail };
}

export function* items<T>(list: List<T>): Generator<T> {
  for (let l = list; l !== null; l = l.tail) yield l.head;
}

/** One item of a FROM clause: a table (maybe aliased) or a sub-query (no alias in the Spider grammar). */
export interface Instance {
  readonly table: string | null;
  readonly alias: string | null;
  readonly columns: ReadonlySet<string>;
  /** Columns `*` expands to. */
  readonly width: number;
}

/**
 * What the official parser sees across the whole query: it keeps one `alias → table` map for every sub-query, in
 * which the last `AS` of an alias wins, and looks every `alias.column` up in it. So an alias may name another table
 * in another query level (SQLite scopes it), but then every `alias.column` anywhere must be a column of the last one.
 */
export interface GlobalNames {
  /** Alias definitions, newest first. */
  readonly aliases: List<{ readonly alias: string; readonly table: string }>;
  /** Every resolved `alias.column` (table-name qualifiers need no check: the official map sends a table to itself). */
  readonly refs: List<{ readonly q: string; readonly c: string }>;
}

export const NO_NAMES: GlobalNames = { aliases: null, refs: null };

/** Where the query level is: its select list, its FROM clause, or after FROM. */
export type ScopePhase = 'select' | 'from' | 'done';

/** A query level. Never mutated: every change returns a new scope (or null when it cannot be valid). */
export interface Scope {
  readonly parent: Scope | null;
  /** A sub-query in a condition may name the FROM items of the levels around it (SQLite's correlation). */
  readonly correlated: boolean;
  /** Result columns this level must have (a set operation's right side, a sub-query compared to a value). */
  readonly required: number | null;
  /** The right side of INTERSECT / UNION / EXCEPT (no ORDER BY / LIMIT of its own). */
  readonly compoundRight: boolean;
  /** Select items other than a bare `*`, and bare `*` items. */
  readonly selected: number;
  readonly stars: number;
  /** Column names the select list mentions: what an outer query may find in this level as a FROM sub-query. */
  readonly names: List<string>;
  readonly phase: ScopePhase;
  readonly instances: List<Instance>;
  readonly instanceWidth: number;
  /** Unqualified columns named in the select list or an ON condition: each must be in exactly one FROM item. */
  readonly pendingColumns: List<string>;
  /** `q.c` named in the select list before FROM: q must become a FROM item (or an outer one) that has c. */
  readonly pendingQualified: List<{ readonly q: string; readonly c: string; readonly local: boolean }>;
  /** GROUP BY was written, or the select list has an aggregate: ORDER BY may use aggregates. */
  readonly aggregate: boolean;
  /** For a right side: the output (names, width) of the leftmost side, which the whole compound returns. */
  readonly compoundOutput: { readonly names: ReadonlySet<string>; readonly width: number } | null;
}

export function newScope(parent: Scope | null, correlated: boolean, required: number | null): Scope {
  return {
    parent,
    correlated,
    required,
    compoundRight: false,
    selected: 0,
    stars: 0,
    names: null,
    phase: 'select',
    instances: null,
    instanceWidth: 0,
    pendingColumns: null,
    pendingQualified: null,
    aggregate: false,
    compoundOutput: null,
  };
}

/** The level is an aggregate query (GROUP BY, or an aggregate in the select list). */
export function markAggregate(scope: Scope): Scope {
  return scope.aggregate ? scope : { ...scope, aggregate: true };
}

/** The right side of a set operation: a fresh level needing as many columns as the (finished) left side. */
export function siblingScope(left: Scope): Scope {
  const output = scopeOutput(left);
  return {
    ...newScope(left.parent, left.correlated, output.width),
    compoundRight: true,
    compoundOutput: left.compoundOutput ?? output,
  };
}

/** The names and width a finished level returns. */
export function scopeOutput(scope: Scope): { names: ReadonlySet<string>; width: number } {
  if (scope.compoundOutput !== null) return scope.compoundOutput;
  const names = new Set(items(scope.names));
  if (scope.stars > 0) for (const inst of items(scope.instances)) for (const c of inst.columns) names.add(c);
  return { names, width: scope.selected + scope.stars * scope.instanceWidth };
}

/** A new select item; fails when it would exceed the required width. */
export function addSelectItem(scope: Scope, star: boolean): Scope | null {
  const selected = scope.selected + (star ? 0 : 1);
  const stars = scope.stars + (star ? 1 : 0);
  if (scope.required !== null && selected + stars > scope.required) return null;
  return { ...scope, selected, stars };
}

/** Whether another select item may follow (`,`). */
export function canAddSelectItem(scope: Scope): boolean {
  return scope.required === null || scope.selected + scope.stars < scope.required;
}

/** The select list ends (`FROM`). */
export function endSelect(scope: Scope): Scope | null {
  if (scope.required !== null && scope.stars === 0 && scope.selected !== scope.required) return null;
  return { ...scope, phase: 'from' };
}

function aliasTable(names: GlobalNames, alias: string): string | undefined {
  for (const a of items(names.aliases)) if (a.alias === alias) return a.table;
  return undefined;
}

/** Records a resolved `q.c` for the official lookup: c must be a column of q's latest table. */
function recordRef(schema: CheckerSchema, names: GlobalNames, q: string, c: string): GlobalNames | null {
  if (schema.tableColumns.has(q)) return names;
  const table = aliasTable(names, q);
  if (table === undefined || !schema.tableColumns.get(table)?.has(c)) return null;
  return { aliases: names.aliases, refs: cons({ q, c }, names.refs) };
}

/** The FROM item `q` names in this level: the item aliased q, else the unaliased table q. */
function findQualifier(scope: Scope, q: string): Instance | undefined {
  let table: Instance | undefined;
  for (const inst of items(scope.instances)) {
    if (inst.alias === q) return inst;
    if (inst.alias === null && inst.table === q) table = inst;
  }
  return table;
}

/**
 * SQLite's lookup of `q.c`: the innermost level with a FROM item q decides; correlated levels look outwards, unless
 * `local` (an aggregate's argument: `count(T1.x)` with T1 from an outer level would make the aggregate the outer
 * query's, which SQLite then refuses where that query cannot aggregate).
 */
function resolveQualified(scope: Scope, q: string, c: string, local = false): boolean {
  for (let s: Scope | null = scope; s !== null; s = s.correlated && !local ? s.parent : null) {
    const inst = findQualifier(s, q);
    if (inst !== undefined) return inst.columns.has(c);
  }
  return false;
}

/** The qualifiers a column reference may use now (FROM items of this level and, unless `local`, those it sees). */
export function* visibleQualifiers(scope: Scope, local = false): Generator<string> {
  for (let s: Scope | null = scope; s !== null; s = s.correlated && !local ? s.parent : null) {
    for (const inst of items(s.instances)) {
      if (inst.alias !== null) yield inst.alias;
      else if (inst.table !== null) yield inst.table;
    }
  }
}

/**
 * An unqualified column must be in exactly one FROM item of its own level, and that item must be a table: SQLite
 * calls it ambiguous otherwise, and the official parser looks only at the level's tables.
 */
function uniqueTableColumn(scope: Scope, c: string): boolean {
  let found: Instance | null = null;
  for (const inst of items(scope.instances)) {
    if (!inst.columns.has(c)) continue;
    if (found !== null) return false;
    found = inst;
  }
  return found !== null && found.table !== null;
}

/** An unqualified column reference `c` (a column of some table of the schema). */
export function referColumn(scope: Scope, schema: CheckerSchema, c: string): Scope | null {
  if (!schema.columnTables.has(c) || schema.qualifiedOnly.has(c)) return null;
  switch (scope.phase) {
    case 'select':
      if (feedsWaitingColumn(scope, c)) return null;
      return { ...scope, pendingColumns: cons(c, scope.pendingColumns), names: cons(c, scope.names) };
    case 'from': {
      // An ON condition: unique among the items so far, and no later item may have it too.
      if (!uniqueTableColumn(scope, c)) return null;
      const next = { ...scope, pendingColumns: cons(c, scope.pendingColumns) };
      return canStillResolve(next, schema) ? next : null;
    }
    case 'done':
      return uniqueTableColumn(scope, c) ? scope : null;
  }
}

/**
 * Whether naming `c` in the select list of a FROM sub-query would give the sub-query a column `c` that the level
 * around it names unqualified: such a column must come from a table, so that level could never resolve it.
 */
function feedsWaitingColumn(scope: Scope, c: string): boolean {
  const parent = scope.parent;
  if (parent === null || scope.correlated || scope.compoundRight) return false;
  for (const waiting of items(parent.pendingColumns)) if (waiting === c) return true;
  return false;
}

/** Tables that could still become the FROM item `q` of this level, given the columns already named with q. */
function candidateTables(scope: Scope, schema: CheckerSchema, q: string, c: string): readonly string[] {
  let tables: readonly string[] = schema.columnTables.get(c) ?? [];
  for (const p of items(scope.pendingQualified)) {
    if (p.q !== q) continue;
    tables = tables.filter((t) => schema.tableColumns.get(t)?.has(p.c));
  }
  return tables;
}

/**
 * A qualified reference `q.c`. In the select list and in ON conditions it is checked once FROM is complete (SQLite
 * lets ON name a table joined later); meanwhile q must be able to become a FROM item with all the columns named
 * through it. `local`: inside an aggregate's parentheses, q must be a FROM item of this level.
 */
export function referQualified(
  scope: Scope,
  schema: CheckerSchema,
  names: GlobalNames,
  q: string,
  c: string,
  local = false,
): { scope: Scope; names: GlobalNames } | null {
  if (scope.phase === 'done') {
    if (!resolveQualified(scope, q, c, local)) return null;
    const recorded = recordRef(schema, names, q, c);
    return recorded === null ? null : { scope, names: recorded };
  }
  const here = findQualifier(scope, q);
  if (schema.tableColumns.has(q)) {
    if (!schema.tableColumns.get(q)?.has(c)) return null;
  } else if (here !== undefined) {
    if (!here.columns.has(c)) return null;
  } else if (!isAliasWord(q, schema.aliasNames) || candidateTables(scope, schema, q, c).length === 0) {
    return null;
  }
  if (scope.phase === 'select' && feedsWaitingColumn(scope, c)) return null;
  const pendingQualified = cons({ q, c, local }, scope.pendingQualified);
  const next: Scope = {
    ...scope,
    pendingQualified,
    names: scope.phase === 'select' ? cons(c, scope.names) : scope.names,
  };
  return scope.phase === 'from' && !canStillResolve(next, schema) ? null : { scope: next, names };
}

/** Adds a FROM item, keeping every check that can already fail; `aliases` gains a new alias. */
export function addInstance(
  scope: Scope,
  schema: CheckerSchema,
  names: GlobalNames,
  inst: Instance,
): { scope: Scope; names: GlobalNames } | null {
  for (const other of items(scope.instances)) {
    if (inst.alias !== null && other.alias === inst.alias) return null;
    if (inst.alias === null && inst.table !== null && other.alias === null && other.table === inst.table)
      return null;
  }
  let nextNames = names;
  if (inst.alias !== null) {
    const table = inst.table as string;
    if (aliasTable(names, inst.alias) !== table) {
      // The official map now sends the alias here: every `alias.column` already read must fit this table.
      const columns = schema.tableColumns.get(table) as ReadonlySet<string>;
      for (const r of items(names.refs)) if (r.q === inst.alias && !columns.has(r.c)) return null;
      nextNames = { aliases: cons({ alias: inst.alias, table }, names.aliases), refs: names.refs };
    }
    for (const p of items(scope.pendingQualified))
      if (p.q === inst.alias && !inst.columns.has(p.c)) return null;
  }
  for (const c of items(scope.pendingColumns)) {
    if (!inst.columns.has(c)) continue;
    for (const other of items(scope.instances)) if (other.columns.has(c)) return null;
  }
  const instanceWidth = scope.instanceWidth + inst.width;
  if (
    scope.required !== null &&
    scope.stars > 0 &&
    scope.selected + scope.stars * instanceWidth > scope.required
  )
    return null;
  const next: Scope = { ...scope, instances: cons(inst, scope.instances), instanceWidth };
  return canStillResolve(next, schema) ? { scope: next, names: nextNames } : null;
}

/**
 * Whether every reference still waiting for FROM can yet be resolved by some FROM item to come (a necessary
 * condition, checked one reference at a time): an unqualified column no item holds needs a table that holds it but
 * none of the waiting columns an item already holds (that one would become ambiguous); `q.c` that nothing
 * resolves needs the table q unaliased, or a table aliased q, under the same rule. Without it a prefix such as
 * `SELECT concert.theme, year FROM concert AS T1` passes although no FROM clause can finish it.
 */
function canStillResolve(scope: Scope, schema: CheckerSchema): boolean {
  const held: string[] = [];
  const unheld: string[] = [];
  for (const c of items(scope.pendingColumns)) {
    let holders = 0;
    for (const inst of items(scope.instances)) {
      if (!inst.columns.has(c)) continue;
      if (inst.table === null) return false; // a sub-query's column: only a table's may be named unqualified
      holders++;
    }
    (holders > 0 ? held : unheld).push(c);
  }
  if (held.length === 0 && scope.pendingQualified === null) return true;
  const fits = (table: string) => {
    const columns = schema.tableColumns.get(table);
    return columns !== undefined && held.every((c) => !columns.has(c));
  };
  for (const c of unheld) if (!(schema.columnTables.get(c) ?? []).some(fits)) return false;
  for (const p of items(scope.pendingQualified)) {
    if (resolveQualified(scope, p.q, p.c, p.local)) continue;
    if (findQualifier(scope, p.q) !== undefined) return false; // the item q is here, without c
    if (schema.tableColumns.has(p.q) ? !fits(p.q) : !candidateTables(scope, schema, p.q, p.c).some(fits))
      return false;
  }
  return true;
}

/** The FROM clause ends: every deferred reference must resolve and the width must be what is required. */
export function endFrom(
  scope: Scope,
  schema: CheckerSchema,
  names: GlobalNames,
): { scope: Scope; names: GlobalNames } | null {
  let recorded: GlobalNames | null = names;
  for (const p of items(scope.pendingQualified)) {
    if (!resolveQualified(scope, p.q, p.c, p.local)) return null;
    recorded = recordRef(schema, recorded, p.q, p.c);
    if (recorded === null) return null;
  }
  for (const c of items(scope.pendingColumns)) if (!uniqueTableColumn(scope, c)) return null;
  if (scope.required !== null && scope.selected + scope.stars * scope.instanceWidth !== scope.required)
    return null;
  return {
    scope: { ...scope, phase: 'done', pendingColumns: null, pendingQualified: null },
    names: recorded,
  };
}

/** A table of the schema as a FROM item. */
export function tableInstance(schema: CheckerSchema, table: string, alias: string | null): Instance {
  return {
    table,
    alias,
    columns: schema.tableColumns.get(table) as ReadonlySet<string>,
    width: schema.tableWidth.get(table) as number,
  };
}
