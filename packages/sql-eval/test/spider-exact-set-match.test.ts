import { describe, expect, it } from 'vitest';
import { PARTIAL_COMPONENTS, spiderExactSetMatch } from '../src/index.js';
import { loadDev, loadParityFixture, loadTables } from './spider-data.js';

describe('spiderExactSetMatch', () => {
  it('scores dev gold against itself at 1.0 on every hardness level', () => {
    const dev = loadDev();
    const r = spiderExactSetMatch({
      predictions: dev.map((d) => d.query),
      golds: dev.map((d) => d.query),
      dbIds: dev.map((d) => d.db_id),
      tables: loadTables(),
    });
    expect(r.score).toBe(1);
    expect(r.byHardness).toEqual({
      easy: { count: 248, score: 1 },
      medium: { count: 446, score: 1 },
      hard: { count: 174, score: 1 },
      extra: { count: 166, score: 1 },
      all: { count: 1034, score: 1 },
    });
    expect(r.parseErrors).toBe(0);
  });

  // Reference: the official taoyds/spider evaluation.py (exact match, default flags) run on 2,068 perturbed dev
  // predictions by scripts/make_parity_fixture.py. Tolerance: none, every example must agree exactly.
  it('agrees with the official script on every perturbed dev prediction (exact, hardness, components)', () => {
    const { components, rows } = loadParityFixture();
    expect(components).toEqual([...PARTIAL_COMPONENTS]);
    const r = spiderExactSetMatch({
      predictions: rows.map((x) => x.pred),
      golds: rows.map((x) => x.gold),
      dbIds: rows.map((x) => x.db_id),
      tables: loadTables(),
    });
    expect(r.perExample).toEqual(rows.map((x) => x.exact));
    expect(r.hardness).toEqual(rows.map((x) => x.hardness));
    expect(r.parseErrorIndices).toEqual(rows.flatMap((x, i) => (x.parseError ? [i] : [])));
    const partial = r.perExamplePartial.map((p) =>
      PARTIAL_COMPONENTS.map((c) => [p?.[c].f1, p?.[c].label_total, p?.[c].pred_total]),
    );
    expect(partial).toEqual(rows.map((x) => x.partial));
    // The fixture has every kind of perturbation and both outcomes.
    expect(new Set(rows.map((x) => x.kind)).size).toBeGreaterThanOrEqual(15);
    expect(r.score).toBeGreaterThan(0.3);
    expect(r.score).toBeLessThan(0.8);
  });

  it('matches regardless of value, DISTINCT, case and FK column choice, and not across different clauses', () => {
    const tables = loadTables();
    const one = (pred: string, gold: string) =>
      spiderExactSetMatch({ predictions: [pred], golds: [gold], dbIds: ['concert_singer'], tables })
        .perExample[0];
    expect(
      one(
        "select name from singer where country = 'France'",
        "SELECT name FROM singer WHERE country = 'USA'",
      ),
    ).toBe(1);
    expect(one('SELECT DISTINCT name FROM singer', 'SELECT name FROM singer')).toBe(1);
    expect(one('SELECT name, age FROM singer', 'SELECT age, name FROM singer')).toBe(1);
    expect(
      one(
        'SELECT T1.name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.singer_id = T2.singer_id',
        'SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id',
      ),
    ).toBe(1);
    expect(one('SELECT max(age) FROM singer', 'SELECT min(age) FROM singer')).toBe(0);
    expect(one('SELECT name FROM singer ORDER BY age DESC', 'SELECT name FROM singer ORDER BY age ASC')).toBe(
      0,
    );
    expect(one('SELECT name FROM singer', 'SELECT name FROM singer WHERE age > 1')).toBe(0);
  });

  // Reference values from the official evaluation.py: a WHERE without connectors is read by position
  // (`conds[1::2]` holds a condition unit), and a connector at a unit position makes the official script raise.
  it('reads condition lists by position, as the official script does', () => {
    const tables = loadTables();
    const r = spiderExactSetMatch({
      predictions: [
        "SELECT name FROM singer WHERE age = 1 country = 'x'",
        "SELECT name FROM singer WHERE age = 1 country = 'x'",
        "SELECT name FROM singer WHERE age = 1 country = 'x' OR age > 3",
      ],
      golds: [
        "SELECT name FROM singer WHERE age = 1 OR country = 'y'",
        'SELECT name FROM singer WHERE age = 1',
        'SELECT name FROM singer WHERE age = 1',
      ],
      dbIds: Array(3).fill('concert_singer'),
      tables,
    });
    expect(r.perExample).toEqual([0, 0, 0]);
    expect(r.hardness).toEqual(['medium', 'easy', 'easy']);
    const pick = (i: number) => {
      const p = r.perExamplePartial[i];
      if (p === null) throw new Error('no partial scores');
      return Object.fromEntries(
        (['where', 'and/or', 'keywords'] as const).map((c) => [
          c,
          [p[c].f1, p[c].label_total, p[c].pred_total],
        ]),
      );
    };
    expect(pick(0)).toEqual({ where: [0, 2, 1], 'and/or': [0, 1, 1], keywords: [0, 2, 1] });
    expect(pick(1)).toEqual({ where: [1, 1, 1], 'and/or': [0, 1, 0], keywords: [1, 1, 1] });
  });

  // Reference: the official evaluation.py on 609 token-level mutations of dev gold queries (459 that parse),
  // scripts/make_parity_fixture.py --fuzz. Tolerance: none.
  it('agrees with the official script on fuzzed dev predictions', () => {
    const { rows } = loadParityFixture('spider-dev-fuzzed.json');
    const r = spiderExactSetMatch({
      predictions: rows.map((x) => x.pred),
      golds: rows.map((x) => x.gold),
      dbIds: rows.map((x) => x.db_id),
      tables: loadTables(),
    });
    expect(r.perExample).toEqual(rows.map((x) => x.exact));
    expect(r.hardness).toEqual(rows.map((x) => x.hardness));
    expect(r.parseErrorIndices).toEqual(rows.flatMap((x, i) => (x.parseError ? [i] : [])));
    const partial = r.perExamplePartial.map((p) =>
      PARTIAL_COMPONENTS.map((c) => [p?.[c].f1, p?.[c].label_total, p?.[c].pred_total]),
    );
    expect(partial).toEqual(rows.map((x) => x.partial));
  });

  it('scores unparseable predictions 0 and counts them, never throws', () => {
    const r = spiderExactSetMatch({
      predictions: ['', 'SELECT', 'not sql at all', "SELECT name FROM singer WHERE name = 'unterminated"],
      golds: Array(4).fill('SELECT name FROM singer'),
      dbIds: Array(4).fill('concert_singer'),
      tables: loadTables(),
    });
    expect(r.perExample).toEqual([0, 0, 0, 0]);
    expect(r.parseErrors).toBe(4);
    expect(r.byHardness.easy).toEqual({ count: 4, score: 0 });
    // A level without examples reports 0 everywhere, as the official script leaves it.
    expect(r.partial.hard.select).toEqual({ acc: 0, rec: 0, f1: 0 });
  });

  it('rejects inputs of different lengths and unknown databases with the culprit named', () => {
    const tables = loadTables();
    expect(() => spiderExactSetMatch({ predictions: ['a'], golds: [], dbIds: [], tables })).toThrow(
      /predictions \(1\)/,
    );
    expect(() =>
      spiderExactSetMatch({ predictions: ['a'], golds: ['SELECT 1'], dbIds: ['no_such_db'], tables }),
    ).toThrow(/example 0: db_id "no_such_db"/);
  });
});
