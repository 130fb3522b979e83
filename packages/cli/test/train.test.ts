// `t5sql train` keeps a run's data and fails loudly: a diverged run exits 1 and saves nothing from it, an output
// folder holding an earlier run is refused without --resume / --overwrite, a resume must keep the run's settings
// and data, a killed run's leftovers are removed, a damaged checkpoint falls back to the one before it, and a
// resumed run ends exactly where a straight run does.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { readSafetensors } from '@t5sql/t5-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/index.js';
import { SPIDER, TOKENIZER, cli, tinyConfig, tmp } from './support/cli-harness.js';

let config: string;
beforeAll(() => {
  config = tinyConfig(tmp());
});

/** `t5sql train` of a rank-2 LoRA on 4 Spider records, 2 batches of 2 per epoch, `extra` after the defaults. */
function train(output: string, ...extra: string[]) {
  return cli([
    'train',
    '--config',
    config,
    '--seed',
    '7',
    '--tokenizer',
    TOKENIZER,
    '--dataset',
    'spider',
    '--data',
    SPIDER,
    '--limit',
    '4',
    '--method',
    'lora',
    '--r',
    '2',
    '--batch-size',
    '2',
    '--max-source-length',
    '24',
    '--max-target-length',
    '8',
    '--output',
    output,
    '--json',
    ...extra,
  ]);
}

const manifestOf = (output: string) => JSON.parse(readFileSync(join(output, 'run-manifest.json'), 'utf8'));
const checkpoints = (output: string) => readdirSync(join(output, 'checkpoints')).sort();
/** Every file under `dir` with its size and mtime: what a refused command must leave as it was. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((p) => {
      const s = statSync(join(dir, p));
      return `${p} ${s.size} ${s.mtimeMs}`;
    });
}

describe('t5sql train: a diverging run', () => {
  it('--lr 1e30 exits 1 naming the step and the value, saves no model, and the manifest says failed', async () => {
    const out = join(tmp(), 'nan');
    const { code, io } = await train(
      out,
      ...['--method', 'full', '--lr', '1e30', '--max-steps', '4', '--save-every', '1'],
    );
    expect(code, io.err()).toBe(EXIT.failure);
    const reply = JSON.parse(io.out());
    expect(reply.ok).toBe(false);
    const m = /the (loss|gradient norm) is (NaN|-?Infinity) at step (\d+)/.exec(reply.error);
    expect(m, reply.error).not.toBeNull();
    const failedAt = Number(m![3]);
    expect(io.err()).toContain(`at step ${failedAt}`);
    expect(existsSync(join(out, 'model.safetensors'))).toBe(false);
    const manifest = manifestOf(out);
    expect(manifest.status).toBe('failed');
    expect(manifest.error).toBe(reply.error);
    expect(manifest.history.map((e: { event: string }) => e.event)).toEqual(['start', 'fail']);
    expect(manifest.history[1].step).toBe(failedAt);
    // Whatever checkpoints exist predate the failure and hold finite weights only.
    const steps = existsSync(join(out, 'checkpoints'))
      ? checkpoints(out).map((n) => Number(/^checkpoint-(\d+)$/.exec(n)![1]))
      : [];
    expect(steps.every((s) => s < failedAt)).toBe(true);
    for (const s of steps) {
      const tensors = await readSafetensors(join(out, 'checkpoints', `checkpoint-${s}`, 'model.safetensors'));
      for (const [key, t] of tensors) expect(t.data.every(Number.isFinite), key).toBe(true);
    }
  });
});

describe('t5sql train: an output folder holding an earlier run', () => {
  it('is refused (exit 2, folder untouched) without --resume or --overwrite; --overwrite replaces the run only', async () => {
    const out = join(tmp(), 'used');
    const first = await train(out, '--max-steps', '3', '--save-every', '1');
    expect(first.code, first.io.err()).toBe(0);
    expect(checkpoints(out)).toEqual(['checkpoint-2', 'checkpoint-3']);
    writeFileSync(join(out, 'notes.txt'), 'mine');

    const before = snapshot(out);
    const refused = await train(out, '--max-steps', '2', '--save-every', '1');
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.io.err()).toMatch(
      /--output .*used holds an earlier run \(adapter_config\.json, adapter_model\.safetensors, run-manifest\.json, checkpoints\/checkpoint-2, 1 more\)\. Add --resume to continue it, or --overwrite/,
    );
    expect(snapshot(out)).toEqual(before);

    const both = await train(out, '--resume', '--overwrite');
    expect(both.code).toBe(EXIT.usage);
    expect(both.io.err()).toMatch(/exclude each other/);

    // A new, shorter run: its checkpoints are kept (the old checkpoint-3 used to outrank and delete them).
    const again = await train(out, '--max-steps', '2', '--save-every', '1', '--overwrite');
    expect(again.code, again.io.err()).toBe(0);
    expect(again.io.err()).toContain(`--overwrite: removed ${join(out, 'checkpoints', 'checkpoint-3')}`);
    expect(JSON.parse(again.io.out())).toMatchObject({ ok: true, steps: 2, resumed: false });
    expect(checkpoints(out)).toEqual(['checkpoint-1', 'checkpoint-2']);
    const manifest = manifestOf(out);
    expect(manifest.settings.maxSteps).toBe(2);
    expect(manifest.history.map((e: { event: string }) => e.event)).toEqual(['start', 'finish']);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('t5sql train --resume', () => {
  it('refuses a changed --lr, --batch-size or --limit, naming old and new value; a larger --max-steps is recorded', async () => {
    const out = join(tmp(), 'settings');
    const first = await train(out, '--max-steps', '2', '--save-every', '1');
    expect(first.code, first.io.err()).toBe(0);
    const sha = manifestOf(out).data.fingerprint.sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);

    const before = snapshot(out);
    for (const [flag, value, message] of [
      ['--lr', '0.5', '--lr: the run being resumed (CKPT) used 0.001, this command asks for 0.5'],
      ['--batch-size', '1', '--batch-size: the run being resumed (CKPT) used 2, this command asks for 1'],
      ['--limit', '3', '--limit: the run being resumed (CKPT) used 4, this command asks for 3'],
      ['--max-steps', '1', '--max-steps: the run being resumed (CKPT) used 2, this command asks for 1'],
    ]) {
      const { code, io } = await train(out, '--max-steps', '2', flag, value, '--resume');
      expect(code, io.err()).toBe(EXIT.usage);
      expect(io.err()).toContain(message.replace('CKPT', join(out, 'checkpoints', 'checkpoint-2')));
      expect(io.err()).toContain('only --max-steps and --epochs may grow');
    }
    expect(snapshot(out)).toEqual(before);

    const more = await train(out, '--max-steps', '3', '--save-every', '1', '--resume');
    expect(more.code, more.io.err()).toBe(0);
    expect(JSON.parse(more.io.out())).toMatchObject({ ok: true, steps: 3, resumed: true });
    const manifest = manifestOf(out);
    expect(manifest.settings.maxSteps).toBe(3);
    expect(manifest.data.fingerprint.sha256).toBe(sha);
    expect(manifest.history.map((e: { event: string }) => e.event)).toEqual([
      'start',
      'finish',
      'resume',
      'finish',
    ]);
    expect(manifest.history[2]).toMatchObject({
      step: 2,
      checkpoint: join(out, 'checkpoints', 'checkpoint-2'),
      changes: [{ setting: 'maxSteps', from: 2, to: 3 }],
    });
    expect(manifest.lossCurve.map((p: { step: number }) => p.step)).toEqual([1, 2, 3]);
  });

  it('refuses training data that changed under the same options (the data fingerprint differs), exit 1', async () => {
    const dir = tmp();
    const spider = join(dir, 'spider');
    mkdirSync(spider);
    for (const f of ['tables.json', 'train_spider.json']) cpSync(join(SPIDER, f), join(spider, f));
    const out = join(dir, 'run');
    const trainOn = (...extra: string[]) => train(out, '--max-steps', '1', ...extra);
    // `train` points --data at the shared copy; a later --data wins in parseArgs.
    const first = await trainOn('--data', spider);
    expect(first.code, first.io.err()).toBe(0);
    // The gold SQL in lower case: the targets, and so the tokenized examples, differ.
    const rows = JSON.parse(readFileSync(join(spider, 'train_spider.json'), 'utf8')) as { query: string }[];
    for (const r of rows) r.query = r.query.toLowerCase();
    writeFileSync(join(spider, 'train_spider.json'), JSON.stringify(rows));
    const { code, io } = await trainOn('--data', spider, '--resume');
    expect(code).toBe(EXIT.failure);
    expect(io.err()).toMatch(
      /the training data differs from the run being resumed \(.*checkpoint-1\): it was trained on 4 tokenized examples with sha256 [0-9a-f]{64}, this command gives 4 with sha256 [0-9a-f]{64}/,
    );
  });
});

describe('t5sql train: resuming a killed run', () => {
  /** A straight run of 4 updates, checkpoints at 2 and 4. */
  let straight: string;
  let straightAdapter: Buffer;
  let straightLosses: { step: number; loss: number }[];
  beforeAll(async () => {
    straight = join(tmp(), 'straight');
    const { code, io } = await train(straight, '--max-steps', '4', '--save-every', '2');
    expect(code, io.err()).toBe(0);
    expect(checkpoints(straight)).toEqual(['checkpoint-2', 'checkpoint-4']);
    straightAdapter = readFileSync(join(straight, 'adapter_model.safetensors'));
    straightLosses = manifestOf(straight).lossCurve;
    expect(straightLosses).toHaveLength(4);
  });

  /** A copy of the straight run as a kill after step `killedAfter`'s checkpoint would have left it. */
  function killedCopy(killedAfter: number): string {
    const out = join(tmp(), 'killed');
    cpSync(straight, out, { recursive: true });
    for (const f of ['adapter_model.safetensors', 'adapter_config.json']) rmSync(join(out, f));
    if (killedAfter < 4) rmSync(join(out, 'checkpoints', 'checkpoint-4'), { recursive: true });
    const manifest = manifestOf(out);
    writeFileSync(
      join(out, 'run-manifest.json'),
      JSON.stringify({ ...manifest, status: 'running', history: manifest.history.slice(0, 1) }),
    );
    return out;
  }

  function expectSameAsStraight(out: string, reply: string) {
    expect(JSON.parse(reply)).toMatchObject({ ok: true, steps: 4, resumed: true });
    expect(manifestOf(out).lossCurve).toEqual(straightLosses);
    expect(readFileSync(join(out, 'adapter_model.safetensors')).equals(straightAdapter)).toBe(true);
  }

  it('continues from the last checkpoint with steps left, removes the leftovers, and equals the straight run', async () => {
    const out = killedCopy(2);
    const leftovers = [
      join(out, 'checkpoints', '.checkpoint-4.0123456789ab.tmp'),
      join(out, 'adapter_model.safetensors.4242.0123456789ab.tmp'),
      join(out, 'run-manifest.json.tmp-4242-0'),
    ];
    mkdirSync(leftovers[0]);
    writeFileSync(join(leftovers[0], 'adapter_model.safetensors'), 'half');
    writeFileSync(leftovers[1], 'half');
    writeFileSync(leftovers[2], '{');
    const { code, io } = await train(out, '--max-steps', '4', '--save-every', '2', '--resume');
    expect(code, io.err()).toBe(0);
    for (const p of leftovers) {
      expect(existsSync(p), p).toBe(false);
      expect(io.err()).toContain(`removed ${p}, left by an interrupted save`);
    }
    expect(io.err()).toContain(`resuming from ${join(out, 'checkpoints', 'checkpoint-2')} (step 2)`);
    expectSameAsStraight(out, io.out());
    const manifest = manifestOf(out);
    expect(manifest.status).toBe('finished');
    expect(manifest.history.map((e: { event: string; step: number }) => `${e.event}@${e.step}`)).toEqual([
      'start@0',
      'resume@2',
      'finish@4',
    ]);
  });

  it('falls back past a truncated newest checkpoint with a warning naming it, and still equals the straight run', async () => {
    const out = killedCopy(4);
    const damaged = join(out, 'checkpoints', 'checkpoint-4');
    const file = join(damaged, 'adapter_model.safetensors');
    truncateSync(file, statSync(file).size - 16);
    const { code, io } = await train(out, '--max-steps', '4', '--save-every', '2', '--resume');
    expect(code, io.err()).toBe(0);
    expect(io.err()).toMatch(
      new RegExp(
        `warning: ${damaged} is damaged \\(.*adapter_model\\.safetensors: \\d+ bytes, its header describes \\d+ \\(truncated\\?\\)\\); set aside as ${damaged}\\.damaged, resuming from .*checkpoint-2`,
      ),
    );
    expectSameAsStraight(out, io.out());
    expect(checkpoints(out)).toEqual(['checkpoint-2', 'checkpoint-4', 'checkpoint-4.damaged']);
  });

  it('--resume-from picks an earlier checkpoint and sets the newer one aside', async () => {
    const out = killedCopy(4);
    const { code, io } = await train(
      out,
      '--max-steps',
      '4',
      '--save-every',
      '2',
      '--resume-from',
      join(out, 'checkpoints', 'checkpoint-2'),
    );
    expect(code, io.err()).toBe(0);
    expect(io.err()).toContain(
      `warning: ${join(out, 'checkpoints', 'checkpoint-4')} is newer than ${join(out, 'checkpoints', 'checkpoint-2')}; set aside as`,
    );
    expectSameAsStraight(out, io.out());
    expect(checkpoints(out)).toEqual(['checkpoint-2', 'checkpoint-4', 'checkpoint-4.superseded']);
  });

  it('resumes a run whose manifest has the schema-2 layout t5sql train wrote before the shared schema', async () => {
    const out = killedCopy(2);
    // Schema 2 was the same fields without `kind`.
    const { kind, ...old } = manifestOf(out);
    expect(kind).toBe('train');
    writeFileSync(join(out, 'run-manifest.json'), JSON.stringify({ ...old, schemaVersion: 2 }, null, 2));
    const { code, io } = await train(out, '--max-steps', '4', '--save-every', '2', '--resume');
    expect(code, io.err()).toBe(0);
    expect(io.err()).not.toContain('warning');
    expectSameAsStraight(out, io.out());
    const manifest = manifestOf(out);
    expect(manifest).toMatchObject({ schemaVersion: 3, kind: 'train', status: 'finished' });
    expect(manifest.history.map((e: { event: string; step: number }) => `${e.event}@${e.step}`)).toEqual([
      'start@0',
      'resume@2',
      'finish@4',
    ]);
  });
});
