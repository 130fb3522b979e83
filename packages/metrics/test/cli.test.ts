import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bleu, rouge, runMetricsCommand } from '../src/index.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe('runMetricsCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 't5sql-metrics-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const preds = join(dir, 'preds.txt');
  const refs = join(dir, 'refs.jsonl');
  writeFileSync(preds, 'SELECT name FROM users\r\nSELECT count(*) FROM t\n');
  writeFileSync(
    refs,
    '"SELECT name FROM user"\n{"references": ["SELECT count(*) FROM t2", "SELECT count(*) FROM t"]}\n',
  );

  it('scores text predictions against JSON-lines references, prints a table and writes JSON', async () => {
    const { io, out } = capture();
    const json = join(dir, 'out.json');
    const code = await runMetricsCommand([preds, refs, '--metrics', 'rouge,bleu', '--json', json], io);
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/2 pairs\nmetric +value\n/);
    expect(out.join('')).toMatch(/rougeLsum +\d\.\d{6}/);
    const written = JSON.parse(readFileSync(json, 'utf8'));
    const p = ['SELECT name FROM users', 'SELECT count(*) FROM t'];
    const r = ['SELECT name FROM user', ['SELECT count(*) FROM t2', 'SELECT count(*) FROM t']];
    expect(written.pairs).toBe(2);
    expect(written.rouge).toEqual(rouge({ predictions: p, references: r }));
    expect(written.bleu).toEqual(bleu({ predictions: p, references: r }));
    expect(written.meteor).toBeUndefined();
  });

  it('reports usage errors with status 2', async () => {
    const { io, err } = capture();
    expect(await runMetricsCommand([preds], io)).toBe(2);
    expect(err.join('')).toContain('expected a predictions file and a references file');
    expect(await runMetricsCommand([preds, refs, '--metrics', 'cider'], io)).toBe(2);
    expect(err.join('')).toContain('unknown metric "cider"');
  });

  it('reports bad files with status 1, naming the file and line', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '"ok"\n{not json}\n');
    const { io, err } = capture();
    expect(await runMetricsCommand([preds, bad], io)).toBe(1);
    expect(err.join('')).toContain(`${bad}:2: not valid JSON`);
    const short = join(dir, 'short.txt');
    writeFileSync(short, 'one line\n');
    expect(await runMetricsCommand([preds, short], io)).toBe(1);
    expect(err.join('')).toContain('has 2 records but');
  });
});
