// The Spider grammar as a pushdown automaton over tokens, with immutable states: a stack of frames (a persistent
// list, so taking a token allocates one or two frames whatever the length so far) plus the query level's names
// (query-scope.ts). `edges(state)` lists what may come next, following empty moves (an optional clause left out,
// a finished clause) through to the frames below; a token is taken by the first edge that accepts it, and a
// partial word is viable when some edge accepts a completion of it.
//
// The grammar is the part of what the official parser accepts that SQLite also runs (see the README):
//   query     := sql [';']
//   sql       := SELECT [DISTINCT] item (',' item)* FROM tref (JOIN tref [ON cond])*
//                [WHERE cond] [GROUP BY col (',' col)* [HAVING cond]]
//                ( (INTERSECT | UNION | EXCEPT) sql | [ORDER BY val [ASC|DESC] (',' val [ASC|DESC])*] [LIMIT int] )
//   item      := '*' | AGG '(' ['*' | [DISTINCT] col [op col]] ')' | val
//   tref      := table [AS alias] | '(' sql ')'                 (a sub-query only as the first FROM item)
//   val       := term [op term] | '(' term [op term] ')'      term := col | AGG '(' ('*' | [DISTINCT] col) ')'
//   cond      := unit ((AND | OR) unit)*
//   unit      := val (cmp rhs | [NOT] LIKE string | [NOT] IN '(' sql ')' | [NOT] BETWEEN lit AND lit)
//   rhs       := number | string | col [op col] | '(' sql ')'        lit := number | string | '(' sql ')'
// GROUP BY columns may be written `(col)`; at the top level an ORDER BY value may be compared with a literal
// (`ORDER BY count(*) >= 5`: the official parser ignores the rest, SQLite sorts by the comparison).
// Aggregates only in the select list, HAVING and ORDER BY of an aggregate query (SQLite refuses them elsewhere).
// After a column value, the official parser skips every token up to the next `AND`, `)`, clause or join keyword
// (so `a = T2.b OR c = 1` parses): until the next AND, such a condition has no parentheses, aggregates, IN or
// BETWEEN, which would stop that skip in the middle of something.
import { type CheckerSchema, someWithPrefix } from './checker-schema.js';
import {
  type GlobalNames,
  type List,
  NO_NAMES,
  type Scope,
  addInstance,
  addSelectItem,
  canAddSelectItem,
  cons,
  endFrom,
  endSelect,
  items,
  markAggregate,
  newScope,
  referColumn,
  referQualified,
  scopeOutput,
  siblingScope,
  tableInstance,
  visibleQualifiers,
} from './query-scope.js';
import { AGGREGATES, isAliasPrefix, isAliasWord, isReservedWord } from './sql-words.js';

/** A complete token (words lower-cased). */
export type Token =
  | { t: 'kw'; v: string }
  | { t: 'id'; v: string }
  | { t: 'qual'; q: string; c: string }
  | { t: 'num'; int: boolean }
  | { t: 'str' }
  | { t: 'op'; v: string };

/** A token still being written. */
export type PartialToken =
  | { t: 'word'; v: string } // a keyword, a name, or the qualifier of `q.c`
  | { t: 'qual'; q: string; c: string } // `q.` and the start of a column
  | { t: 'num'; int: boolean } // digits so far (int: no sign, no point)
  | { t: 'str' }; // an open string

type SqlPhase =
  | 'select'
  | 'distinct'
  | 'item'
  | 'itemEnd'
  | 'table'
  | 'afterTable'
  | 'afterOn'
  | 'afterFrom'
  | 'afterWhere'
  | 'groupBy'
  | 'groupItem'
  | 'groupParen'
  | 'groupClose'
  | 'groupSep'
  | 'afterHaving'
  | 'orderBy'
  | 'orderItem'
  | 'orderCmp'
  | 'orderCmpValue'
  | 'orderDir'
  | 'orderSep'
  | 'limit'
  | 'done';

type CondPhase =
  | 'unit'
  | 'op'
  | 'not'
  | 'rhsCmp'
  | 'rhsColOp'
  | 'rhsCol2'
  | 'rhsLike'
  | 'rhsIn'
  | 'closeSub'
  | 'closeBtw'
  | 'btw1'
  | 'btwAnd'
  | 'btw2'
  | 'sep';

type Frame =
  | { k: 'query'; ph: 'start' | 'after' | 'semi' }
  | { k: 'sql'; ph: SqlPhase; ctx: 'top' | 'from' | 'cond'; joins: number }
  | { k: 'item' }
  | {
      k: 'val';
      ph: 'start' | 'term1' | 'after1' | 'term2' | 'close';
      paren: boolean;
      agg1: boolean;
      agg2: boolean;
      /** `(` may open the value (not while the official parser skips tokens). */
      parenOk: boolean;
    }
  | { k: 'agg'; ph: 'open' | 'arg' | 'col' | 'op' | 'col2' | 'close'; count: boolean; ops: boolean }
  | {
      k: 'cond';
      ph: CondPhase;
      agg: boolean;
      /** The last value was a column: OR would start the official parser's skip. */
      lastCol: boolean;
      /** Inside that skip (until the next AND). */
      skip: boolean;
    }
  | { k: 'tref'; ph: 'start' | 'named' | 'alias' | 'close'; table: string };

/** A parser state. Immutable apart from the memo of its edges. */
export interface ParserState {
  readonly schema: CheckerSchema;
  readonly frames: List<Frame>;
  readonly scope: Scope;
  readonly names: GlobalNames;
  /** Memo of {@link edges}. */
  memo?: Edge[];
}

/** One way to go on from a state. */
interface Edge {
  /** The stack can be emptied here: the query is complete. */
  readonly end?: boolean;
  take(tok: Token): ParserState | null;
  viable(p: PartialToken): boolean;
  /** A few tokens this edge takes, as text (what `completeQuery` tries): every keyword, one literal, some names. */
  samples(): SampleToken[];
}

/** A token an edge takes, with its text. */
export interface SampleToken {
  readonly text: string;
  readonly tok: Token;
}

/** How many columns an edge offers as samples, and how many tables (Spider's largest database has 36). */
const NAME_SAMPLES = 4;
const TABLE_SAMPLES = 40;

const UNIT_OPS = ['+', '-', '*', '/'];
const COMPARISONS = ['=', '!=', '>', '<', '>=', '<='];
const SET_OPS = ['intersect', 'union', 'except'];
/** An alias no query can contain: adding a table under it tests the checks that do not depend on the alias. */
const FRESH_ALIAS = '\u0000';

/** The state before the first token. */
export function initialState(schema: CheckerSchema): ParserState {
  return {
    schema,
    frames: cons<Frame>({ k: 'query', ph: 'start' }, null),
    scope: newScope(null, false, null),
    names: NO_NAMES,
  };
}

/** The state after `tok`, or null when no query can start with the tokens so far. */
export function takeToken(state: ParserState, tok: Token): ParserState | null {
  for (const e of edges(state)) {
    const next = e.take(tok);
    if (next !== null) return next;
  }
  return null;
}

/** Whether some completion of the partial token is accepted next. */
export function partialViable(state: ParserState, p: PartialToken): boolean {
  return edges(state).some((e) => e.viable(p));
}

/** Whether the tokens so far are a complete query. */
export function canEnd(state: ParserState): boolean {
  return edges(state).some((e) => e.end === true);
}

/** Some tokens that may come next (each keyword and symbol, one number and string, a few names), in edge order. */
export function sampleTokens(state: ParserState): SampleToken[] {
  return edges(state).flatMap((e) => e.samples());
}

/**
 * About how many tokens the open frames still need before the query can end (`SELECT` → `* FROM t`: 3): the
 * guide of `completeQuery`'s search, not a bound it relies on.
 */
export function tokensStillNeeded(state: ParserState): number {
  let total = 0;
  for (let list = state.frames; list !== null; list = list.tail)
    total += FRAME_NEEDS[frameKey(list.head)] ?? 0;
  // Qualifiers the select list used before FROM: `AS T1` for the first, `JOIN t AS T2` for each other.
  const scope = state.scope;
  if (scope.phase !== 'done' && scope.pendingQualified !== null) {
    const wanted = new Set<string>();
    for (const p of items(scope.pendingQualified)) wanted.add(p.q);
    for (const inst of items(scope.instances)) if (inst.alias !== null) wanted.delete(inst.alias);
    if (wanted.size > 0) total += 4 * wanted.size - 2;
  }
  return total;
}

function frameKey(f: Frame): string {
  if (f.k === 'item') return 'item';
  if (f.k === 'val' && f.ph === 'close') return f.paren ? 'val close(' : 'val close';
  return `${f.k} ${f.ph}`;
}

/** Tokens each frame in each phase still needs, at least in the usual case (missing: none). */
const FRAME_NEEDS: Record<string, number> = {
  'query start': 4,
  'sql select': 4,
  'sql distinct': 3,
  'sql item': 3,
  'sql itemEnd': 2,
  'sql table': 1,
  'sql groupBy': 2,
  'sql groupItem': 1,
  'sql groupParen': 2,
  'sql groupClose': 1,
  'sql orderBy': 2,
  'sql orderItem': 1,
  'sql orderCmpValue': 1,
  'sql limit': 1,
  item: 1,
  'val start': 1,
  'val term1': 1,
  'val term2': 1,
  'val close(': 1,
  'agg open': 3,
  'agg arg': 2,
  'agg col': 2,
  'agg op': 1,
  'agg col2': 2,
  'agg close': 1,
  'cond unit': 3,
  'cond op': 2,
  'cond not': 2,
  'cond rhsCmp': 1,
  'cond rhsCol2': 1,
  'cond rhsLike': 1,
  'cond rhsIn': 6,
  'cond closeSub': 1,
  'cond closeBtw': 1,
  'cond btw1': 3,
  'cond btwAnd': 2,
  'cond btw2': 1,
  'tref start': 1,
  'tref alias': 1,
  'tref close': 1,
};

function edges(state: ParserState): Edge[] {
  if (state.memo === undefined) {
    const out: Edge[] = [];
    collect(state, out);
    state.memo = out;
  }
  return state.memo;
}

// ---- state helpers -------------------------------------------------------------------------------------------

type Next = ParserState | null;

function top(st: ParserState): Frame {
  return (st.frames as NonNullable<List<Frame>>).head;
}

/** Replaces the top frame. */
function set(
  st: ParserState,
  frame: Frame,
  scope: Scope = st.scope,
  names: GlobalNames = st.names,
): ParserState {
  return {
    schema: st.schema,
    frames: cons(frame, (st.frames as NonNullable<List<Frame>>).tail),
    scope,
    names,
  };
}

function push(st: ParserState, frame: Frame, scope: Scope = st.scope): ParserState {
  return { schema: st.schema, frames: cons(frame, st.frames), scope, names: st.names };
}

function pop(st: ParserState, scope: Scope = st.scope, names: GlobalNames = st.names): ParserState {
  return { schema: st.schema, frames: (st.frames as NonNullable<List<Frame>>).tail, scope, names };
}

function withScope(st: ParserState, scope: Scope | null, names: GlobalNames = st.names): Next {
  return scope === null ? null : { schema: st.schema, frames: st.frames, scope, names };
}

/** Starts a query level on top of `st` (whose top frame already holds where to go on afterwards). */
function pushSql(st: ParserState, ctx: 'top' | 'from' | 'cond'): ParserState {
  const scope = newScope(ctx === 'top' ? null : st.scope, ctx === 'cond', ctx === 'cond' ? 1 : null);
  return push(st, { k: 'sql', ph: 'select', ctx, joins: 0 }, scope);
}

/** Ends a query level: back to the enclosing level, which gains the sub-query as a FROM item when it is one. */
function popSql(st: ParserState, ctx: 'top' | 'from' | 'cond'): Next {
  const child = st.scope;
  if (ctx === 'top') return pop(st);
  const parent = child.parent as Scope;
  if (ctx === 'cond') return pop(st, parent);
  const out = scopeOutput(child);
  const derived = { table: null, alias: null, columns: out.names, width: out.width };
  const added = addInstance(parent, st.schema, st.names, derived);
  return added === null ? null : pop(st, added.scope, added.names);
}

// ---- edges ---------------------------------------------------------------------------------------------------

const END: Edge = { end: true, take: () => null, viable: () => false, samples: () => [] };

function kw(word: string, next: () => Next): Edge {
  return {
    take: (tok) => (tok.t === 'kw' && tok.v === word ? next() : null),
    viable: (p) => p.t === 'word' && word.startsWith(p.v) && next() !== null,
    samples: () => [{ text: word, tok: { t: 'kw', v: word } }],
  };
}

function op(v: string, next: () => Next): Edge {
  return {
    take: (tok) => (tok.t === 'op' && tok.v === v ? next() : null),
    viable: () => false,
    samples: () => [{ text: v, tok: { t: 'op', v } }],
  };
}

function num(intOnly: boolean, next: () => Next): Edge {
  return {
    take: (tok) => (tok.t === 'num' && (tok.int || !intOnly) ? next() : null),
    viable: (p) => p.t === 'num' && (p.int || !intOnly),
    samples: () => [{ text: '1', tok: { t: 'num', int: true } }],
  };
}

function str(next: () => Next): Edge {
  return {
    take: (tok) => (tok.t === 'str' ? next() : null),
    viable: (p) => p.t === 'str',
    samples: () => [{ text: "'x'", tok: { t: 'str' } }],
  };
}

const byLengthCache = new WeakMap<readonly string[], readonly string[]>();

/** The first `NAME_SAMPLES` of `names` that `accept` takes, shortest first. */
function someNames(names: readonly string[], accept: (name: string) => boolean): string[] {
  let sorted = byLengthCache.get(names);
  if (sorted === undefined) {
    sorted = [...names].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    byLengthCache.set(names, sorted);
  }
  return firstAccepted(sorted, accept, NAME_SAMPLES);
}

/** The first `limit` names of `names`, in order, that `accept` takes. */
function firstAccepted(names: readonly string[], accept: (name: string) => boolean, limit: number): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (out.length === limit) break;
    if (accept(name)) out.push(name);
  }
  return out;
}

/** A table name of the schema. */
function table(st: ParserState, next: (table: string) => Next): Edge {
  const { tables } = st.schema;
  return {
    take: (tok) => (tok.t === 'id' && st.schema.tableColumns.has(tok.v) ? next(tok.v) : null),
    viable: (p) => p.t === 'word' && someWithPrefix(tables, p.v, (t) => next(t) !== null),
    // Which table the deferred column references fit shows only when FROM ends: those that hold most come first.
    samples: () =>
      firstAccepted(tablesForPending(st), (t) => next(t) !== null, TABLE_SAMPLES).map((v) => ({
        text: v,
        tok: { t: 'id', v },
      })),
  };
}

/**
 * The schema's tables, those holding the most columns the select list still waits for (unqualified or behind a
 * qualifier) first, then by length: the order `completeQuery` tries them in.
 */
function tablesForPending(st: ParserState): readonly string[] {
  const wanted = new Set<string>();
  for (const c of items(st.scope.pendingColumns)) wanted.add(c);
  for (const p of items(st.scope.pendingQualified)) wanted.add(p.c);
  const held = (t: string) => {
    const columns = st.schema.tableColumns.get(t);
    let n = 0;
    for (const c of wanted) if (columns?.has(c)) n++;
    return n;
  };
  const score = new Map(st.schema.tables.map((t) => [t, held(t)]));
  return [...st.schema.tables].sort(
    (a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || a.length - b.length || (a < b ? -1 : 1),
  );
}

/** A new alias: not a keyword, not a table name. */
function alias(st: ParserState, next: (alias: string) => Next): Edge {
  const names = st.schema.aliasNames;
  const take = (a: string) => (isAliasWord(a, names) && !st.schema.tableColumns.has(a) ? next(a) : null);
  return {
    take: (tok) => (tok.t === 'id' ? take(tok.v) : null),
    viable: (p) => {
      if (p.t !== 'word' || !isAliasPrefix(p.v, names)) return false;
      if (take(p.v) !== null) return true;
      // Any name can grow into a fresh one (if a fresh one may join) or into a qualifier the query already used;
      // `'spider'` names are few, so try the ones this prefix can become.
      if (names === 'any') {
        if (next(FRESH_ALIAS) !== null) return true;
        return aliasesWaited(st).some((q) => q.startsWith(p.v) && take(q) !== null);
      }
      if (!/^t[0-9]{0,2}$/.test(p.v)) return false;
      for (let d = 0; d <= 9; d++) if (take(`${p.v}${d}`) !== null) return true;
      return false;
    },
    samples: () => {
      // The qualifiers the select list already used (`SELECT T2.name FROM singer AS` wants `T2`), then a fresh one.
      const wanted = new Set(aliasesWaited(st));
      for (let d = 1; d <= 99; d++) {
        if (take(`t${d}`) !== null) {
          wanted.add(`t${d}`);
          break;
        }
      }
      return [...wanted].filter((a) => take(a) !== null).map((v) => ({ text: v, tok: { t: 'id', v } }));
    },
  };
}

/**
 * A column reference, `c` or `q.c`, resolved (or deferred) in the current level; `local` (an aggregate's
 * argument): `q` must be a FROM item of this level, not of an enclosing one.
 */
function column(st: ParserState, next: (st: ParserState) => Next, local = false): Edge {
  const { schema, scope, names } = st;
  const plain = (c: string) => {
    const s = referColumn(scope, schema, c);
    return s === null ? null : next(withScope(st, s) as ParserState);
  };
  const qualified = (q: string, c: string) => {
    if (isReservedWord(q)) return null;
    const r = referQualified(scope, schema, names, q, c, local);
    return r === null ? null : next(withScope(st, r.scope, r.names) as ParserState);
  };
  const qualifierViable = (prefix: string): boolean => {
    // Until FROM is complete a name may still become an alias; afterwards only the FROM items in sight qualify.
    if (scope.phase !== 'done') {
      return isAliasPrefix(prefix, schema.aliasNames) || someWithPrefix(schema.tables, prefix);
    }
    for (const q of visibleQualifiers(scope, local)) if (q.startsWith(prefix)) return true;
    return false;
  };
  return {
    take: (tok) => (tok.t === 'id' ? plain(tok.v) : tok.t === 'qual' ? qualified(tok.q, tok.c) : null),
    viable: (p) => {
      if (p.t === 'word') {
        return someWithPrefix(schema.columns, p.v, (c) => plain(c) !== null) || qualifierViable(p.v);
      }
      if (p.t === 'qual')
        return someWithPrefix(schema.qualifiedColumns, p.c, (c) => qualified(p.q, c) !== null);
      return false;
    },
    samples: () => {
      const out: SampleToken[] = someNames(schema.columns, (c) => plain(c) !== null).map((v) => ({
        text: v,
        tok: { t: 'id', v },
      }));
      // Qualified names only for qualifiers in sight: before FROM ends an unqualified name does as well.
      if (scope.phase === 'done') {
        for (const q of new Set(visibleQualifiers(scope, local))) {
          for (const c of someNames(schema.qualifiedColumns, (c) => qualified(q, c) !== null)) {
            out.push({ text: `${q}.${c}`, tok: { t: 'qual', q, c } });
          }
        }
      }
      return out;
    },
  };
}

/** `AGG (` edges: every aggregate keyword, each going to an aggregate-call frame. */
function aggregates(next: (count: boolean) => Next): Edge[] {
  return [...AGGREGATES].map((a) => kw(a, () => next(a === 'count')));
}

// ---- the frames ----------------------------------------------------------------------------------------------

function collect(st: ParserState, out: Edge[]): void {
  if (st.frames === null) {
    out.push(END);
    return;
  }
  const f = top(st);
  switch (f.k) {
    case 'query':
      collectQuery(st, f, out);
      return;
    case 'sql':
      collectSql(st, f, out);
      return;
    case 'item':
      collectItem(st, out);
      return;
    case 'val':
      collectVal(st, f, out);
      return;
    case 'agg':
      collectAgg(st, f, out);
      return;
    case 'cond':
      collectCond(st, f, out);
      return;
    case 'tref':
      collectTableRef(st, f, out);
      return;
  }
}

/** Follows an empty move when it is allowed (`next` not null). */
function epsilon(next: Next, out: Edge[]): void {
  if (next !== null) collect(next, out);
}

function collectQuery(st: ParserState, f: Extract<Frame, { k: 'query' }>, out: Edge[]): void {
  if (f.ph === 'start') {
    epsilon(pushSql(set(st, { k: 'query', ph: 'after' }), 'top'), out);
    return;
  }
  if (f.ph === 'after') out.push(op(';', () => set(st, { k: 'query', ph: 'semi' })));
  epsilon(pop(st), out);
}

function collectSql(st: ParserState, f: Extract<Frame, { k: 'sql' }>, out: Edge[]): void {
  const to = (ph: SqlPhase, scope: Scope | null = st.scope, joins = f.joins): Next =>
    scope === null ? null : set(st, { ...f, ph, joins }, scope);
  const scope = st.scope;
  switch (f.ph) {
    case 'select':
      out.push(kw('select', () => to('distinct')));
      return;
    case 'distinct':
      out.push(kw('distinct', () => to('item')));
      epsilon(to('item'), out);
      return;
    case 'item':
      epsilon(push(to('itemEnd') as ParserState, { k: 'item' }), out);
      return;
    case 'itemEnd':
      if (canAddSelectItem(scope)) out.push(op(',', () => to('item')));
      out.push(kw('from', () => to('table', endSelect(scope))));
      return;
    case 'table':
      epsilon(push(to('afterTable') as ParserState, { k: 'tref', ph: 'start', table: '' }), out);
      return;
    case 'afterTable':
    case 'afterOn': {
      out.push(kw('join', () => to('table', scope, f.joins + 1)));
      if (f.ph === 'afterTable' && f.joins > 0) {
        out.push(kw('on', () => push(to('afterOn') as ParserState, condFrame(false))));
      }
      const ended = endFrom(scope, st.schema, st.names);
      epsilon(ended === null ? null : set(st, { ...f, ph: 'afterFrom' }, ended.scope, ended.names), out);
      return;
    }
    case 'afterFrom':
      out.push(kw('where', () => push(to('afterWhere') as ParserState, condFrame(false))));
      epsilon(to('afterWhere'), out);
      return;
    case 'afterWhere':
      out.push(kw('group', () => to('groupBy', markAggregate(scope))));
      epsilon(to('afterHaving'), out);
      return;
    case 'groupBy':
      out.push(kw('by', () => to('groupItem')));
      return;
    case 'groupItem':
      out.push(column(st, (s) => set(s, { ...f, ph: 'groupSep' })));
      out.push(op('(', () => to('groupParen')));
      return;
    case 'groupParen':
      out.push(column(st, (s) => set(s, { ...f, ph: 'groupClose' })));
      return;
    case 'groupClose':
      out.push(op(')', () => to('groupSep')));
      return;
    case 'groupSep':
      out.push(op(',', () => to('groupItem')));
      out.push(kw('having', () => push(to('afterHaving') as ParserState, condFrame(true))));
      epsilon(to('afterHaving'), out);
      return;
    case 'afterHaving':
      for (const s of SET_OPS) out.push(kw(s, () => to('select', siblingScope(scope), 0)));
      if (!scope.compoundRight) {
        out.push(kw('order', () => to('orderBy')));
        out.push(kw('limit', () => to('limit')));
      }
      epsilon(popSql(st, f.ctx), out);
      return;
    case 'orderBy':
      out.push(kw('by', () => to('orderItem')));
      return;
    case 'orderItem': {
      const next = f.ctx === 'top' ? 'orderCmp' : 'orderDir';
      epsilon(push(to(next) as ParserState, valFrame(scope.aggregate, scope.aggregate)), out);
      return;
    }
    case 'orderCmp':
      // `ORDER BY count(*) >= 5` (in Spider's train set): the official parser stops before `>=` and ignores the
      // rest, which it only may at the top level.
      for (const c of COMPARISONS) out.push(op(c, () => to('orderCmpValue')));
      epsilon(to('orderDir'), out);
      return;
    case 'orderCmpValue':
      out.push(
        num(false, () => to('orderDir')),
        str(() => to('orderDir')),
      );
      return;
    case 'orderDir':
      out.push(kw('asc', () => to('orderSep')));
      out.push(kw('desc', () => to('orderSep')));
      epsilon(to('orderSep'), out);
      return;
    case 'orderSep':
      out.push(op(',', () => to('orderItem')));
      out.push(kw('limit', () => to('limit')));
      epsilon(popSql(st, f.ctx), out);
      return;
    case 'limit':
      out.push(num(true, () => to('done')));
      return;
    case 'done':
      epsilon(popSql(st, f.ctx), out);
      return;
  }
}

/** A select item: `*`, an aggregate call (which may hold `a op b`), or a value. */
function collectItem(st: ParserState, out: Edge[]): void {
  out.push(op('*', () => withScope(pop(st), addSelectItem(st.scope, true))));
  const item = addSelectItem(st.scope, false);
  if (item === null) return;
  const aggregated = markAggregate(item);
  out.push(...aggregates((count) => set(st, { k: 'agg', ph: 'open', count, ops: true }, aggregated)));
  // The official select parser takes a leading aggregate itself, so a value's first term has none.
  epsilon(set(st, valFrame(false, true), item), out);
}

function valFrame(agg1: boolean, agg2: boolean, parenOk = true): Frame {
  return { k: 'val', ph: 'start', paren: false, agg1, agg2, parenOk };
}

function collectVal(st: ParserState, f: Extract<Frame, { k: 'val' }>, out: Edge[]): void {
  const to = (ph: Extract<Frame, { k: 'val' }>['ph'], s: ParserState = st, paren = f.paren) =>
    set(s, { ...f, ph, paren });
  const aggCall = (ph: 'after1' | 'close') => (count: boolean) => {
    const scope = st.scope.phase === 'select' ? markAggregate(st.scope) : st.scope;
    return push(set(st, { ...f, ph }, scope), { k: 'agg', ph: 'open', count, ops: false });
  };
  switch (f.ph) {
    case 'start':
      if (f.parenOk) out.push(op('(', () => to('term1', st, true)));
      epsilon(to('term1'), out);
      return;
    case 'term1':
      out.push(column(st, (s) => to('after1', s)));
      if (f.agg1) out.push(...aggregates(aggCall('after1')));
      return;
    case 'after1':
      for (const o of UNIT_OPS) out.push(op(o, () => to('term2')));
      epsilon(to('close'), out);
      return;
    case 'term2':
      out.push(column(st, (s) => to('close', s)));
      if (f.agg2) out.push(...aggregates(aggCall('close')));
      return;
    case 'close':
      if (f.paren) out.push(op(')', () => pop(st)));
      else epsilon(pop(st), out);
      return;
  }
}

function collectAgg(st: ParserState, f: Extract<Frame, { k: 'agg' }>, out: Edge[]): void {
  const to = (ph: Extract<Frame, { k: 'agg' }>['ph'], s: ParserState = st) => set(s, { ...f, ph });
  const afterColumn = f.ops ? 'op' : 'close';
  switch (f.ph) {
    case 'open':
      out.push(op('(', () => to('arg')));
      return;
    case 'arg':
      if (f.count) out.push(op('*', () => to('close')));
      out.push(kw('distinct', () => to('col')));
      out.push(column(st, (s) => to(afterColumn, s), true));
      return;
    case 'col':
      out.push(column(st, (s) => to(afterColumn, s), true));
      return;
    case 'op':
      for (const o of UNIT_OPS) out.push(op(o, () => to('col2')));
      out.push(op(')', () => pop(st)));
      return;
    case 'col2':
      out.push(column(st, (s) => to('close', s), true));
      return;
    case 'close':
      out.push(op(')', () => pop(st)));
      return;
  }
}

function condFrame(agg: boolean): Frame {
  return { k: 'cond', ph: 'unit', agg, lastCol: false, skip: false };
}

function collectCond(st: ParserState, f: Extract<Frame, { k: 'cond' }>, out: Edge[]): void {
  const to = (ph: CondPhase, s: ParserState = st, lastCol = false, skip = f.skip) =>
    set(s, { ...f, ph, lastCol, skip });
  const sub = (back: CondPhase) => () => pushSql(to(back), 'cond');
  const literal = (ph: CondPhase) => [num(false, () => to(ph)), str(() => to(ph))];
  const negatable = () =>
    f.skip
      ? [kw('like', () => to('rhsLike'))]
      : [kw('like', () => to('rhsLike')), kw('in', () => to('rhsIn')), kw('between', () => to('btw1'))];
  switch (f.ph) {
    case 'unit': {
      const agg = f.agg && !f.skip;
      epsilon(push(to('op'), valFrame(agg, agg, !f.skip)), out);
      return;
    }
    case 'op':
      out.push(
        kw('not', () => to('not')),
        ...negatable(),
      );
      for (const c of COMPARISONS) out.push(op(c, () => to('rhsCmp')));
      return;
    case 'not':
      out.push(...negatable());
      return;
    case 'rhsCmp':
      out.push(
        ...literal('sep'),
        column(st, (s) => to('rhsColOp', s)),
      );
      if (!f.skip) out.push(op('(', sub('closeSub')));
      return;
    case 'rhsColOp':
      // The official parser reads the first column and skips `op col` (`= T1.adults + T1.kids`, Spider train).
      for (const o of UNIT_OPS) out.push(op(o, () => to('rhsCol2')));
      epsilon(to('sep', st, true), out);
      return;
    case 'rhsCol2':
      out.push(column(st, (s) => to('sep', s, true)));
      return;
    case 'rhsLike':
      out.push(str(() => to('sep')));
      return;
    case 'rhsIn':
      out.push(op('(', sub('closeSub')));
      return;
    case 'closeSub':
      out.push(op(')', () => to('sep')));
      return;
    case 'closeBtw':
      out.push(op(')', () => to('btwAnd')));
      return;
    case 'btw1':
      out.push(...literal('btwAnd'), op('(', sub('closeBtw')));
      return;
    case 'btwAnd':
      out.push(kw('and', () => to('btw2')));
      return;
    case 'btw2':
      out.push(...literal('sep'), op('(', sub('closeSub')));
      return;
    case 'sep':
      out.push(kw('and', () => to('unit', st, false, false)));
      out.push(kw('or', () => to('unit', st, false, f.skip || f.lastCol)));
      epsilon(pop(st), out);
      return;
  }
}

/** The qualifiers the query used before FROM that a table's alias could still take (never a table's name). */
function aliasesWaited(st: ParserState): string[] {
  const out = new Set<string>();
  for (const p of items(st.scope.pendingQualified)) if (!st.schema.tableColumns.has(p.q)) out.add(p.q);
  return [...out];
}

/** Whether table `t` can be the next FROM item under its own name, a fresh alias or a waiting qualifier. */
function canJoin(st: ParserState, t: string): boolean {
  return [null, FRESH_ALIAS, ...aliasesWaited(st)].some(
    (a) => addInstance(st.scope, st.schema, st.names, tableInstance(st.schema, t, a)) !== null,
  );
}

function collectTableRef(st: ParserState, f: Extract<Frame, { k: 'tref' }>, out: Edge[]): void {
  const place = (name: string, a: string | null): Next => {
    const added = addInstance(st.scope, st.schema, st.names, tableInstance(st.schema, name, a));
    return added === null ? null : pop(st, added.scope, added.names);
  };
  switch (f.ph) {
    case 'start':
      // Only a table that can join the FROM clause without a conflict, under some name: its own, a fresh alias,
      // or an alias the select list already used (`SELECT T1.name ... FROM singer AS T1`).
      out.push(table(st, (t) => (canJoin(st, t) ? set(st, { ...f, ph: 'named', table: t }) : null)));
      // The official parser skips a JOIN before looking for a table name only: `JOIN (SELECT` does not parse.
      if (st.scope.instances === null)
        out.push(op('(', () => pushSql(set(st, { ...f, ph: 'close' }), 'from')));
      return;
    case 'named': {
      // AS only when some alias can follow: a fresh one, or a qualifier the query already used.
      const aliasable = () => [FRESH_ALIAS, ...aliasesWaited(st)].some((a) => place(f.table, a) !== null);
      out.push(kw('as', () => (aliasable() ? set(st, { ...f, ph: 'alias' }) : null)));
      epsilon(place(f.table, null), out);
      return;
    }
    case 'alias':
      out.push(alias(st, (a) => place(f.table, a)));
      return;
    case 'close':
      out.push(op(')', () => pop(st)));
      return;
  }
}
