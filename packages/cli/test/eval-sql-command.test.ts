import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../src/index.js';
import { SPIDER, capture, tmp } from './support/cli-harness.js';

const dir = tmp('cli-eval-sql-');

// Three concert_singer examples: the first prediction is right, the second returns other rows, the third (a
// write) is refused; exact-set match: the first only.
const gold = join(dir, 'gold.sql');
writeFileSync(
  gold,
  [
    'SELECT count(*) FROM singer\tconcert_singer',
    'SELECT name FROM singer WHERE age > 30\tconcert_singer',
    'SELECT max(capacity) FROM stadium\tconcert_singer',
  ].join('\n'),
);
const pred = join(dir, 'pred.txt');
writeFileSync(
  pred,
  ['SELECT count(*) FROM singer', 'SELECT name FROM singer', 'DROP TABLE stadium'].join('\n'),
);
const files = [
  '--gold',
  gold,
  '--pred',
  pred,
  '--table',
  join(SPIDER, 'tables.json'),
  '--db',
  join(SPIDER, 'database'),
];

describe('t5sql eval-sql', () => {
  it('is listed and has --help', async () => {
    let io = capture();
    expect(await runCli(['--help'], io)).toBe(EXIT.ok);
    expect(io.out()).toContain('  eval-sql ');
    io = capture();
    expect(await runCli(['eval-sql', '--help'], io)).toBe(EXIT.ok);
    expect(io.out()).toContain('Usage: t5sql eval-sql --gold');
    expect(io.err()).toBe('');
  });

  it('prints the official table, and with --json one JSON report on stdout', async () => {
    let io = capture();
    expect(await runCli(['eval-sql', ...files], io), io.err()).toBe(EXIT.ok);
    expect(io.out()).toMatch(/^execution\s+0\.333\s+0\.000\s+0\.000\s+0\.000\s+0\.333\s*$/m);
    expect(io.out()).toContain('predictions that failed to execute: 1 (0 timed out)');

    io = capture();
    expect(await runCli(['eval-sql', ...files, '--json'], io), io.err()).toBe(EXIT.ok);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ etype: 'all', count: 3 });
    expect(report.execution.perExample).toEqual([1, 0, 0]);
    expect(report.execution.failedPredictionIndices).toEqual([2]);
    expect(report.exactSetMatch.perExample).toEqual([1, 0, 0]);
    expect(io.err()).toMatch(/^execution\s+0\.333/m);
  });

  it('writes the report to the file given to --json, as documented, and keeps the table on stdout', async () => {
    const report = join(dir, 'report.json');
    const io = capture();
    expect(await runCli(['eval-sql', ...files, '--etype', 'exec', '--json', report], io), io.err()).toBe(
      EXIT.ok,
    );
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({
      etype: 'exec',
      exactSetMatch: null,
      execution: { perExample: [1, 0, 0] },
    });
    expect(io.out()).toMatch(/^execution\s+0\.333/m);
    // Relative paths are read from the command's working directory.
    const rel = capture(dir);
    const args = ['eval-sql', '--gold', 'gold.sql', '--pred', 'pred.txt', '--etype', 'exec'];
    expect(await runCli([...args, '--db', join(SPIDER, 'database'), '--json', 'rel.json'], rel)).toBe(
      EXIT.ok,
    );
    expect(existsSync(join(dir, 'rel.json'))).toBe(true);
  });

  it('exits 2 on bad arguments, naming the option', async () => {
    const cases: Array<[string[], string]> = [
      [['eval-sql', '--pred', pred, '--table', 't.json', '--db', 'db'], 'missing --gold'],
      [['eval-sql', ...files, '--etype', 'both'], '--etype must be all, match or exec, found "both"'],
      [['eval-sql', ...files, '--timeout-ms', '0'], '--timeout-ms must be a positive number'],
      [['eval-sql', ...files, '--bogus'], "Unknown option '--bogus'"],
      [['eval-sql', ...files, 'stray.json'], 'unexpected argument "stray.json"'],
      [['eval-sql', ...files, '--json', 'a.json', 'b.json'], 'unexpected argument "b.json"'],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await runCli(argv, io), argv.join(' ')).toBe(EXIT.usage);
      expect(io.err()).toContain(message);
      expect(io.err()).toContain('Run `t5sql eval-sql --help`');
      expect(io.out()).toBe('');
    }
  });

  it('exits 1 on bad input, naming the file; with --json the error is the JSON document', async () => {
    const short = join(dir, 'short.txt');
    writeFileSync(short, 'SELECT 1\n');
    let io = capture();
    expect(await runCli(['eval-sql', ...files, '--pred', short], io)).toBe(EXIT.failure);
    expect(io.err()).toContain(`t5sql eval-sql: ${short}: 1 predictions for 3 gold queries`);
    io = capture();
    expect(await runCli(['eval-sql', ...files, '--gold', join(dir, 'nope.sql'), '--json'], io)).toBe(
      EXIT.failure,
    );
    expect(JSON.parse(io.out())).toEqual({
      ok: false,
      error: expect.stringContaining(`cannot read gold file ${join(dir, 'nope.sql')}`),
    });
  });
});
