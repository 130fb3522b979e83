import { describe, expect, it } from 'vitest';
import {
  type ColUnit,
  type Condition,
  type Hardness,
  type SpiderSql,
  type SpiderTableEntry,
  SqlParseError,
  type ValUnit,
  buildSchema,
  evalHardness,
  parseSpiderSql,
} from '../src/index.js';
import { loadDev, tableEntry } from './spider-data.js';

/** Our id strings → the column / table indices that dev.json's official `sql` field uses. */
function toOfficialIndices(sql: SpiderSql, entry: SpiderTableEntry): unknown {
  const tables = new Map(entry.table_names_original.map((t, i) => [`__${t.toLowerCase()}__`, i]));
  const cols = new Map(
    entry.column_names_original.map(([ti, c], i) => [
      ti < 0 ? '__all__' : `__${entry.table_names_original[ti].toLowerCase()}.${c.toLowerCase()}__`,
      i,
    ]),
  );
  const col = (cu: ColUnit | null) => (cu === null ? null : [cu[0], cols.get(cu[1]), cu[2]]);
  const val = (vu: ValUnit) => [vu[0], col(vu[1]), col(vu[2])];
  const value = (v: unknown): unknown => {
    if (v === null || typeof v === 'number' || typeof v === 'string') return v;
    if (Array.isArray(v)) return col(v as ColUnit);
    return toOfficialIndices(v as SpiderSql, entry);
  };
  const cond = (c: Condition) =>
    c.map((u) => (typeof u === 'string' ? u : [u[0], u[1], val(u[2]), value(u[3]), value(u[4])]));
  const sub = (s: SpiderSql | null) => (s === null ? null : toOfficialIndices(s, entry));
  return {
    from: {
      table_units: sql.from.table_units.map((t) =>
        t[0] === 'sql' ? ['sql', toOfficialIndices(t[1], entry)] : ['table_unit', tables.get(t[1])],
      ),
      conds: cond(sql.from.conds),
    },
    select: [sql.select[0], sql.select[1].map(([a, v]) => [a, val(v)])],
    where: cond(sql.where),
    groupBy: sql.groupBy.map(col),
    having: cond(sql.having),
    orderBy: sql.orderBy.length === 0 ? [] : [sql.orderBy[0], (sql.orderBy[1] as ValUnit[]).map(val)],
    limit: sql.limit,
    intersect: sub(sql.intersect),
    union: sub(sql.union),
    except: sub(sql.except),
  };
}

describe('parseSpiderSql', () => {
  it('parses every Spider dev gold query into exactly the official `sql` field of dev.json', () => {
    const dev = loadDev();
    expect(dev).toHaveLength(1034);
    const mismatches: number[] = [];
    for (const [i, ex] of dev.entries()) {
      const entry = tableEntry(ex.db_id);
      const parsed = parseSpiderSql(buildSchema(entry), ex.query);
      // JSON round trip: the official file stores 1.0 as 1, tuples as lists.
      if (JSON.stringify(toOfficialIndices(parsed, entry)) !== JSON.stringify(ex.sql)) mismatches.push(i);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the official dev hardness counts (easy 248, medium 446, hard 174, extra 166)', () => {
    const counts: Record<Hardness, number> = { easy: 0, medium: 0, hard: 0, extra: 0 };
    for (const ex of loadDev())
      counts[evalHardness(parseSpiderSql(buildSchema(tableEntry(ex.db_id)), ex.query))] += 1;
    expect(counts).toEqual({ easy: 248, medium: 446, hard: 174, extra: 166 });
  });

  it('resolves aliases, joins, nested queries and set operations to official ids', () => {
    const schema = buildSchema(tableEntry('concert_singer'));
    const sql = parseSpiderSql(
      schema,
      'SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id WHERE T2.age > (SELECT avg(age) FROM singer) INTERSECT SELECT name FROM singer',
    );
    expect(sql.from.table_units).toEqual([
      ['table_unit', '__singer_in_concert__'],
      ['table_unit', '__singer__'],
    ]);
    expect(sql.from.conds).toEqual([
      [
        false,
        2,
        [0, [0, '__singer_in_concert.singer_id__', false], null],
        [0, '__singer.singer_id__', false],
        null,
      ],
    ]);
    expect(sql.select[1]).toEqual([[0, [0, [0, '__singer.name__', false], null]]]);
    const nested = sql.where[0] as [boolean, number, ValUnit, SpiderSql, null];
    expect(nested[3].select[1]).toEqual([[5, [0, [0, '__singer.age__', false], null]]]);
    expect(sql.intersect?.select[1]).toEqual([[0, [0, [0, '__singer.name__', false], null]]]);
  });

  it.each([
    ['a column alias', 'SELECT count(*) AS n FROM singer'],
    ['a comma join', 'SELECT name FROM singer, concert'],
    ['IS NULL', 'SELECT name FROM singer WHERE age IS NULL'],
    ['an unknown table', 'SELECT name FROM nowhere'],
    ['an unknown column', 'SELECT nonsense FROM singer'],
    ['a truncated condition', 'SELECT name FROM singer WHERE age >'],
    ['no FROM', 'SELECT 1'],
    ['a LIMIT that is not an int', 'SELECT name FROM singer LIMIT 1.5'],
    ['an empty string', ''],
  ])('throws SqlParseError on %s, as the official parser raises', (_name, query) => {
    expect(() => parseSpiderSql(buildSchema(tableEntry('concert_singer')), query)).toThrow(SqlParseError);
  });

  it('accepts what the official parser accepts: an empty WHERE, trailing text after a complete query', () => {
    const schema = buildSchema(tableEntry('concert_singer'));
    expect(parseSpiderSql(schema, 'SELECT name FROM singer WHERE age > 3 ) garbage')).toEqual(
      parseSpiderSql(schema, 'SELECT name FROM singer WHERE age > 3'),
    );
    expect(parseSpiderSql(schema, 'SELECT name FROM singer WHERE').where).toEqual([]);
  });
});
