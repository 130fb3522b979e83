import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bleu, googleBleu, meteor, rouge } from '@t5sql/metrics';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../src/index.js';
import { capture, tmp } from './support/cli-harness.js';

const dir = tmp('cli-metrics-');

const predictions = ['SELECT name FROM employees WHERE salary > 50000', 'SELECT count(*) FROM orders'];
const references = ['SELECT name FROM employee WHERE salary >= 50000;', 'SELECT COUNT(id) FROM orders'];
const preds = join(dir, 'preds.txt');
const refs = join(dir, 'refs.txt');
writeFileSync(preds, `${predictions.join('\n')}\n`);
writeFileSync(refs, `${references.join('\n')}\n`);

describe('t5sql metrics', () => {
  it('is listed and has --help', async () => {
    let io = capture();
    expect(await runCli(['--help'], io)).toBe(EXIT.ok);
    expect(io.out()).toContain('  metrics ');
    io = capture();
    expect(await runCli(['metrics', '--help'], io)).toBe(EXIT.ok);
    expect(io.out()).toContain('Usage: t5sql metrics [options] <predictions-file> <references-file>');
  });

  // Reference: the library functions themselves (whose parity with evaluate is tested in @t5sql/metrics).
  it('prints the table, and with --json the results as one JSON document with the library numbers', async () => {
    let io = capture();
    expect(await runCli(['metrics', preds, refs], io), io.err()).toBe(EXIT.ok);
    expect(io.out()).toMatch(/^2 pairs\n/);
    expect(io.out()).toMatch(/bleu/);
    expect(io.out()).toMatch(/meteor/);

    io = capture();
    expect(await runCli(['metrics', '--json', preds, refs], io), io.err()).toBe(EXIT.ok);
    const results = JSON.parse(io.out());
    expect(results).toEqual({
      pairs: 2,
      rouge: rouge({ predictions, references }),
      bleu: bleu({ predictions, references }),
      meteor: (await meteor({ predictions, references })).meteor,
      google_bleu: googleBleu({ predictions, references }).google_bleu,
    });
    expect(io.err()).toMatch(/^2 pairs\n/);
  });

  it('passes the metric options through, and -o writes the JSON file', async () => {
    const out = join(dir, 'out.json');
    const io = capture(dir);
    const args = ['metrics', '-m', 'rouge,bleu', '--use-stemmer', '--bootstrap-seed', '42', '-o', 'out.json'];
    expect(await runCli([...args, 'preds.txt', 'refs.txt'], io), io.err()).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      pairs: 2,
      rouge: rouge({ predictions, references, useStemmer: true, bootstrap: { seed: 42 } }),
      bleu: bleu({ predictions, references }),
    });
    expect(io.out()).toMatch(/^2 pairs\n/);
  });

  it('exits 2 on bad arguments, naming the problem', async () => {
    const cases: Array<[string[], string]> = [
      [['metrics', preds], 'expected a predictions file and a references file, found 1 arguments'],
      [['metrics', '-m', 'rouge,cider', preds, refs], '--metrics: unknown metric "cider"'],
      [['metrics', '--bootstrap-seed', 'x', preds, refs], '--bootstrap-seed: expected an integer'],
      [['metrics', '--format', 'csv', preds, refs], '--format: expected auto, jsonl or text'],
      [['metrics', '--bogus', preds, refs], "Unknown option '--bogus'"],
      [['metrics', '--json', 'out.json', preds, refs], 'write them to a file with -o <file>'],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await runCli(argv, io), argv.join(' ')).toBe(EXIT.usage);
      expect(io.err()).toContain(message);
      expect(io.err()).toContain('Run `t5sql metrics --help`');
      expect(io.out()).toBe('');
    }
  });

  it('exits 1 on an unusable file, naming it; with --json the error is the JSON document', async () => {
    const short = join(dir, 'short.txt');
    writeFileSync(short, 'SELECT 1\n');
    let io = capture();
    expect(await runCli(['metrics', short, refs], io)).toBe(EXIT.failure);
    expect(io.err()).toContain(`t5sql metrics: ${short} has 1 records but ${refs} has 2`);
    io = capture();
    const missing = join(dir, 'missing.txt');
    expect(await runCli(['metrics', '--json', missing, refs], io)).toBe(EXIT.failure);
    expect(JSON.parse(io.out())).toEqual({
      ok: false,
      error: expect.stringContaining(`cannot read ${missing}`),
    });
  });
});
