import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_SQL_EXIT, runEvalSqlCommand } from '../src/index.js';
import { databaseDir, fixturesDir, loadParityFixture, tablesPath } from './spider-data.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'sql-eval-cli-'));

describe('runEvalSqlCommand (t5sql eval-sql)', () => {
  // Reference: the table the official evaluation.py prints (print_scores) for the perturbed dev predictions, with
  // execution by test-suite-sql-eval; see test/fixtures/README.md. Tolerance: the printed text is identical.
  it('prints exactly the official report for the perturbed dev predictions and writes the JSON report', async () => {
    const { rows } = loadParityFixture();
    const gold = join(dir, 'gold.sql');
    const pred = join(dir, 'pred.txt');
    const json = join(dir, 'report.json');
    writeFileSync(gold, `${rows.map((r) => `${r.gold}\t${r.db_id}`).join('\n')}\n`);
    // Blank lines are skipped (official behaviour), so an empty prediction is written as a bare SELECT.
    writeFileSync(pred, `${rows.map((r) => (r.pred.trim() === '' ? 'SELECT' : r.pred)).join('\n')}\n`);
    const c = capture();
    const code = await runEvalSqlCommand(
      [
        '--gold',
        gold,
        '--pred',
        pred,
        '--db',
        databaseDir,
        '--table',
        tablesPath,
        '--etype',
        'all',
        '--json',
        json,
      ],
      c.io,
    );
    expect(c.err.join('')).toBe('');
    expect(code).toBe(EVAL_SQL_EXIT.ok);
    const printed = c.out.join('');
    const official = readFileSync(join(fixturesDir, 'spider-dev-perturbed.official-report.txt'), 'utf8');
    expect(printed.startsWith(official)).toBe(true);
    expect(printed).toMatch(/predictions that did not parse: \d+/);
    expect(printed).toMatch(/wall time: [\d.]+ s for 2068 examples/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.exactSetMatch.perExample).toEqual(rows.map((r) => r.exact));
    expect(report.execution.perExample).toEqual(rows.map((r) => r.exec));
  });

  it('reads dev.json-style gold and a JSON prediction list; --etype match needs no database', async () => {
    const gold = join(dir, 'gold.json');
    const pred = join(dir, 'pred.json');
    writeFileSync(gold, JSON.stringify([{ db_id: 'concert_singer', query: 'SELECT count(*) FROM singer' }]));
    writeFileSync(pred, JSON.stringify(['select count(*) from singer']));
    const c = capture();
    expect(
      await runEvalSqlCommand(
        ['--gold', gold, '--pred', pred, '--table', tablesPath, '--etype', 'match'],
        c.io,
      ),
    ).toBe(0);
    expect(c.out.join('')).toMatch(/exact match {10}1\.000/);
    expect(c.out.join('')).not.toMatch(/EXECUTION/);
  });

  it('returns 2 with the usage on bad arguments', async () => {
    for (const argv of [
      ['--pred', 'p.txt'],
      ['--gold', 'g', '--pred', 'p', '--etype', 'fuzzy'],
      ['--bogus'],
    ]) {
      const c = capture();
      expect(await runEvalSqlCommand(argv, c.io)).toBe(EVAL_SQL_EXIT.usage);
      expect(c.err.join('')).toMatch(/eval-sql:/);
    }
  });

  it('returns 1 and names the file and line on malformed input', async () => {
    const gold = join(dir, 'bad-gold.sql');
    const pred = join(dir, 'one.txt');
    writeFileSync(gold, 'SELECT count(*) FROM singer\tconcert_singer\nSELECT 1 without a db id\n');
    writeFileSync(pred, 'SELECT 1\nSELECT 2\n');
    const c = capture();
    expect(
      await runEvalSqlCommand(
        ['--gold', gold, '--pred', pred, '--table', tablesPath, '--etype', 'match'],
        c.io,
      ),
    ).toBe(1);
    expect(c.err.join('')).toMatch(/bad-gold\.sql: line 2: expected "SQL<TAB>db_id"/);

    const good = join(dir, 'good-gold.sql');
    writeFileSync(good, 'SELECT count(*) FROM singer\tconcert_singer\n');
    const c2 = capture();
    expect(
      await runEvalSqlCommand(
        ['--gold', good, '--pred', pred, '--table', tablesPath, '--etype', 'match'],
        c2.io,
      ),
    ).toBe(1);
    expect(c2.err.join('')).toMatch(/2 predictions for 1 gold queries/);

    const badJson = join(dir, 'tables.json');
    writeFileSync(badJson, '{ not json');
    const c3 = capture();
    expect(
      await runEvalSqlCommand(
        ['--gold', good, '--pred', good, '--table', badJson, '--etype', 'match'],
        c3.io,
      ),
    ).toBe(1);
    expect(c3.err.join('')).toMatch(/tables\.json: not valid JSON/);
  });
});
