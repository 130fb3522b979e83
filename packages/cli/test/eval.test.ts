// `t5sql eval` reports the scores of its own predictions: on a Spider copy whose gold SQL is set, per record, to
// the model's prediction or to SQL sharing no word with it, ROUGE-1 and exact match are known exactly.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rouge } from '@t5sql/metrics';
import { describe, expect, it } from 'vitest';
import { SPIDER, TOKENIZER, cli, tinyConfig, tmp } from './support/cli-harness.js';

interface PredictionLine {
  id: string;
  question: string;
  gold: string;
  prediction: string;
}

const readLines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PredictionLine);

describe('t5sql eval', () => {
  it('scores ROUGE-1 and exact match of its predictions: 0.5 when half the gold SQL equals them, as @t5sql/metrics does', async () => {
    const dir = tmp();
    const model = ['--config', tinyConfig(dir), '--seed', '7', '--tokenizer', TOKENIZER];
    const evalOn = (data: string, predictionsOut: string, ...extra: string[]) =>
      cli([
        'eval',
        ...model,
        '--data',
        data,
        '--split',
        'dev',
        '--max-new-tokens',
        '6',
        '--metrics',
        'rouge1,exact_match',
        '--predictions-out',
        predictionsOut,
        '--json',
        ...extra,
      ]);

    // 1. What the (random, seeded) model predicts for four dev questions.
    const first = await evalOn(SPIDER, join(dir, 'first.jsonl'), '--limit', '4');
    expect(first.code, first.io.err()).toBe(0);
    const seen = readLines(join(dir, 'first.jsonl'));
    expect(seen).toHaveLength(4);
    for (const p of seen) expect(p.prediction).toMatch(/[a-z0-9]/i); // ROUGE needs a word to match
    const unrelated = 'SELECT name FROM t';
    for (const p of seen) expect(p.prediction.toLowerCase()).not.toMatch(/\b(select|name|from|t)\b/);

    // 2. The same questions, with gold SQL = the prediction for the first two and unrelated SQL for the others.
    const spider = join(dir, 'spider');
    mkdirSync(spider);
    cpSync(join(SPIDER, 'tables.json'), join(spider, 'tables.json'));
    const dev = JSON.parse(readFileSync(join(SPIDER, 'dev.json'), 'utf8')) as { query: string }[];
    const rows = seen.map((p, i) => ({
      ...dev[Number(p.id.replace('dev-', ''))],
      query: i < 2 ? p.prediction : unrelated,
    }));
    writeFileSync(join(spider, 'dev.json'), JSON.stringify(rows));
    const second = await evalOn(spider, join(dir, 'second.jsonl'));
    expect(second.code, second.io.err()).toBe(0);
    const scored = readLines(join(dir, 'second.jsonl'));
    expect(scored.map((p) => p.prediction)).toEqual(seen.map((p) => p.prediction));
    expect(scored.map((p) => p.gold)).toEqual([seen[0].prediction, seen[1].prediction, unrelated, unrelated]);

    // Per example ROUGE-1 F is 1, 1, 0, 0; exact match the same.
    const { metrics } = JSON.parse(second.io.out());
    expect(metrics).toEqual({ rouge1: 0.5, exact_match: 0.5 });
    const reference = rouge({
      predictions: scored.map((p) => p.prediction),
      references: scored.map((p) => p.gold),
    });
    expect(metrics.rouge1).toBe(reference.rouge1);
  });
});
