// `--sql-encoding` on the commands that spell targets or read predictions back: the default escapes SQL for T5's
// vocabulary, `none` keeps it as written, a bad value is a usage error. The encoding itself is tested in
// @t5sql/datasets and, through the real tokenizer and generation, in @t5sql/repro.
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/index.js';
import { SPIDER, TOKENIZER, cli } from './support/cli-harness.js';

describe('--sql-encoding', () => {
  it('is documented by train, eval, generate and data stats', async () => {
    for (const command of [['train'], ['eval'], ['generate'], ['data', 'stats']]) {
      const { code, io } = await cli([...command, '--help']);
      expect(code).toBe(EXIT.ok);
      expect(io.out()).toContain('--sql-encoding <name>');
    }
  });

  it('data stats counts the escaped targets by default and the SQL as written with none', async () => {
    const stats = async (extra: string[]) => {
      const args = ['data', 'stats', '--data', SPIDER, '--split', 'dev', '--tokenizer', TOKENIZER, '--json'];
      const { code, io } = await cli([...args, ...extra]);
      expect(code, io.err()).toBe(EXIT.ok);
      return JSON.parse(io.out()) as { sqlEncoding: string; target: { mean: number } };
    };
    const escaped = await stats([]);
    const plain = await stats(['--sql-encoding', 'none']);
    expect(escaped.sqlEncoding).toBe('t5-escape');
    expect(plain.sqlEncoding).toBe('none');
    // Measured on Spider dev with t5-small (datasets README): 43,068 escaped vs 43,589 plain target tokens.
    expect(escaped.target.mean * 1034).toBeCloseTo(43068, 6);
    expect(plain.target.mean * 1034).toBeCloseTo(43589, 6);
  });

  it('refuses an unknown encoding before loading anything', async () => {
    const { code, io } = await cli([
      'generate',
      '--model',
      'nowhere',
      '--sql-encoding',
      'hex',
      '--prompt',
      'x',
    ]);
    expect(code).toBe(EXIT.usage);
    expect(io.err()).toContain('--sql-encoding: expected one of t5-escape, none, got "hex"');
  });
});
