import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rouge } from '@t5sql/metrics';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../src/index.js';
import { SPIDER, TOKENIZER, capture, tinyConfig, tmp } from './support/cli-harness.js';

describe('t5sql command line', () => {
  it('prints help with exit 0, and exit 2 for no command, an unknown command or option', async () => {
    let io = capture();
    expect(await runCli(['--help'], io)).toBe(EXIT.ok);
    for (const c of ['train', 'eval', 'generate', 'bench', 'data stats', 'params'])
      expect(io.out()).toContain(`  ${c}`);
    io = capture();
    expect(await runCli(['train', '--help'], io)).toBe(EXIT.ok);
    expect(io.out()).toContain('Usage: t5sql train');
    expect(await runCli([], capture())).toBe(EXIT.usage);
    const version = capture();
    expect(await runCli(['--version'], version)).toBe(EXIT.ok);
    expect(version.out()).toMatch(/^t5sql \d+\.\d+\.\d+\n$/);
    io = capture();
    expect(await runCli(['frobnicate'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain('unknown command "frobnicate"');
    io = capture();
    expect(await runCli(['params', '--bogus'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain("Unknown option '--bogus'");
    io = capture();
    expect(await runCli(['params', '--model', 'flan-t5-large', '--r', 'eight'], io)).toBe(EXIT.usage);
    expect(io.err()).toContain('--r: expected a number, got "eight"');
  });

  it('counts trainable parameters like PEFT (flan-t5-large: 0.3004%, 1.1907%, 0.1254%)', async () => {
    const io = capture();
    expect(
      await runCli(
        ['params', '--model', 'google/flan-t5-large', '--method', 'lora', '--r', '8', '--json'],
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ trainable: 2_359_296, total: 785_509_376 });
    const reported = capture();
    expect(await runCli(['params', '--reported', '--json'], reported)).toBe(0);
    const rows = JSON.parse(reported.out()) as Array<{ row: string; percent: number; reported: number }>;
    const pct = (row: string) => rows.find((r) => r.row === row)!.percent;
    expect(pct('LoRA').toFixed(2)).toBe('0.30');
    expect(pct('LoRA r=32').toFixed(2)).toBe('1.19');
    expect(Math.trunc(pct('prefix tuning') * 100) / 100).toBe(0.12);
    expect(pct('full fine-tuning')).toBe(100);
  });

  it('lists the declared experiments of a profile', async () => {
    const io = capture();
    expect(await runCli(['bench', '--profile', 'local', '--list', '--json'], io)).toBe(0);
    const list = JSON.parse(io.out()) as Array<{ id: string; model: string }>;
    expect(list.map((e) => e.id)).toContain('ablation-rank/lora-r32');
    expect(list.find((e) => e.id === 'table-b/lora')!.model).toBe('local:flan-t5-mini');
    expect(await runCli(['bench', '--profile', 'huge'], capture())).toBe(EXIT.usage);
  });

  it('reports data statistics as JSON', async () => {
    const io = capture();
    const code = await runCli(
      [
        'data',
        'stats',
        '--dataset',
        'spider',
        '--data',
        SPIDER,
        '--split',
        'dev',
        '--limit',
        '50',
        '--tokenizer',
        TOKENIZER,
        '--max-source-length',
        '64',
        '--json',
      ],
      io,
    );
    expect(code, io.err()).toBe(0);
    const stats = JSON.parse(io.out());
    expect(stats.count).toBe(50);
    expect(stats.source.maxLength).toBe(64);
    expect(stats.source.p50).toBeGreaterThan(10);
  });

  it('fails with exit 1 and a message naming the file for missing data', async () => {
    const io = capture();
    const code = await runCli(
      ['data', 'stats', '--dataset', 'spider', '--data', join(tmp(), 'nope'), '--tokenizer', TOKENIZER],
      io,
    );
    expect(code).toBe(EXIT.failure);
    expect(io.err()).toMatch(/nope/);
  });

  it('a tokenizer with more tokens than the model vocabulary is an error naming both (generate, train)', async () => {
    const config = join(tmp(), 'small-vocab.json');
    writeFileSync(
      config,
      JSON.stringify({ d_model: 8, d_ff: 16, d_kv: 4, num_heads: 2, num_layers: 1, vocab_size: 128 }),
    );
    const tokenizer = TOKENIZER;
    const common = ['--config', config, '--tokenizer', tokenizer];
    const expected = `the tokenizer (${tokenizer}) has 32100 tokens but the model's vocab_size is 128 (random weights (${config}, seed 42))`;
    let io = capture();
    expect(await runCli(['generate', ...common, '--prompt', 'how many singers?'], io)).toBe(EXIT.failure);
    expect(io.err()).toContain(expected);
    io = capture();
    const data = ['--dataset', 'spider', '--data', SPIDER, '--limit', '4'];
    const out = join(tmp(), 'run');
    expect(await runCli(['train', ...common, ...data, '--max-steps', '1', '--output', out], io)).toBe(
      EXIT.failure,
    );
    expect(io.err()).toContain(expected);
  });

  it('a bad value in a --config file names the file and the key', async () => {
    const config = join(tmp(), 'bad.json');
    writeFileSync(config, JSON.stringify({ d_model: 0, vocab_size: 32128 }));
    const io = capture();
    const args = ['generate', '--config', config, '--tokenizer', TOKENIZER];
    expect(await runCli([...args, '--prompt', 'x'], io)).toBe(EXIT.failure);
    expect(io.err()).toContain(`${config}: "d_model" must be a positive integer, found 0`);
  });

  it('data stats on an empty dataset fails with exit 1 naming the file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dev.json'), '[]');
    writeFileSync(join(dir, 'tables.json'), '[]');
    const io = capture();
    const code = await runCli(
      ['data', 'stats', '--dataset', 'spider', '--data', dir, '--split', 'dev', '--tokenizer', TOKENIZER],
      io,
    );
    expect(code).toBe(EXIT.failure);
    expect(io.err()).toContain(`${join(dir, 'dev.json')}: no records`);
    expect(io.out()).not.toContain('NaN');
  });

  it('trains a LoRA adapter, refuses to train into it again, evaluates and generates with it', async () => {
    const dir = tmp();
    const config = tinyConfig(dir);
    const out = join(dir, 'lora');
    const common = ['--config', config, '--seed', '7', '--tokenizer', TOKENIZER];
    const data = ['--dataset', 'spider', '--data', SPIDER, '--limit', '8'];
    const trainIo = capture();
    const args = [
      'train',
      ...common,
      ...data,
      '--method',
      'lora',
      '--r',
      '2',
      '--max-steps',
      '2',
      '--batch-size',
      '4',
      '--max-source-length',
      '48',
      '--max-target-length',
      '24',
      '--save-every',
      '1',
      '--output',
      out,
      '--json',
    ];
    expect(await runCli(args, trainIo), trainIo.err()).toBe(0);
    expect(JSON.parse(trainIo.out())).toMatchObject({ ok: true, steps: 2, resumed: false });
    expect(existsSync(join(out, 'adapter_model.safetensors'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'run-manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'finished', settings: { seed: 7 }, backend: { name: 'cpu' } });
    expect(manifest.lossCurve).toHaveLength(2);

    // The same command again would mix two runs in one folder: refused (resuming is tested in train.test.ts).
    const again = capture();
    expect(await runCli(args, again)).toBe(EXIT.usage);
    expect(again.err()).toContain('holds an earlier run');

    const evalIo = capture();
    const code = await runCli(
      [
        'eval',
        ...common,
        ...data,
        '--split',
        'dev',
        '--adapter',
        out,
        '--max-new-tokens',
        '4',
        '--metrics',
        'rouge1,exact_match',
        '--predictions-out',
        join(dir, 'predictions.jsonl'),
        '--json',
      ],
      evalIo,
    );
    expect(code, evalIo.err()).toBe(0);
    const scores = JSON.parse(evalIo.out()).metrics;
    // The reported ROUGE-1 is @t5sql/metrics' on the written predictions (known values: eval.test.ts).
    const lines = readFileSync(join(dir, 'predictions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { gold: string; prediction: string });
    expect(lines).toHaveLength(8);
    const reference = rouge({
      predictions: lines.map((l) => l.prediction),
      references: lines.map((l) => l.gold),
    });
    expect(scores.rouge1).toBe(reference.rouge1);
    expect(scores.exact_match).toBe(0);

    const genIo = capture();
    expect(
      await runCli(
        [
          'generate',
          ...common,
          '--adapter',
          out,
          '--prompt',
          'how many singers?',
          '--max-new-tokens',
          '3',
          '--json',
        ],
        genIo,
      ),
    ).toBe(0);
    expect(JSON.parse(genIo.out())).toHaveLength(1);
  });
});
