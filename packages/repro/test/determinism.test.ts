// Same seed, same backend (cpu) → the same loss curve and metrics, bit for bit: the whole pipeline (local
// pretraining by span corruption, LoRA fine-tuning with dropout, generation, scoring) runs twice.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExperimentResult,
  PAPER_EXPERIMENTS,
  type ProfileSpec,
  SMOKE_PROFILE,
  T5Engine,
  runProfile,
} from '../src/index.js';

const DATA_DIR = join(process.env.T5SQL_SHARED_DIR ?? resolve(__dirname, '../../../../shared'), 'data');

/** The smoke profile cut further (the cpu backend is slow): 2 pretraining and 3 LoRA updates, 4 eval records. */
const TINY: ProfileSpec = {
  ...SMOKE_PROFILE,
  localModels: Object.fromEntries(
    Object.entries(SMOKE_PROFILE.localModels).map(([k, m]) => [
      k,
      { ...m, pretrain: { ...m.pretrain, steps: 2, batchSize: 2 } },
    ]),
  ),
  scale: (spec) => {
    const s = SMOKE_PROFILE.scale(spec);
    return {
      ...s,
      dataset: { ...s.dataset, trainSize: 6, evalSize: 4 },
      hyper: { ...s.hyper, maxSteps: 3, batchSize: 2, maxNewTokens: 6 },
    };
  },
};
// LoRA with dropout on a locally pretrained model: every source of randomness the harness has (init, span
// corruption, adapter init, dropout, data order) is in play.
const EXPERIMENTS = PAPER_EXPERIMENTS.filter((e) => e.id === 'table-b/lora');

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'repro-det-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function runOnce(seed: number): Promise<Map<string, ExperimentResult>> {
  const engine = await T5Engine.create({ dataDir: DATA_DIR, backend: 'cpu' });
  const resultsDir = tmp();
  // A fresh cache each time, so the local model is pretrained again from the seed, not reused.
  const summary = await runProfile({
    profile: TINY,
    engine,
    resultsDir,
    cacheDir: tmp(),
    seed,
    experiments: EXPERIMENTS,
    sink: null,
  });
  expect(summary.failed).toEqual([]);
  return new Map(
    EXPERIMENTS.map((e) => [
      e.id,
      JSON.parse(
        readFileSync(join(resultsDir, 'smoke', ...e.id.split('/'), 'result.json'), 'utf8'),
      ) as ExperimentResult,
    ]),
  );
}

describe('determinism on the cpu backend', () => {
  let first: Map<string, ExperimentResult>;
  beforeAll(async () => {
    first = await runOnce(1234);
  }, 300_000);

  it('reproduces loss curves, eval loss, predictions and metrics exactly with the same seed', async () => {
    const second = await runOnce(1234);
    for (const e of EXPERIMENTS) {
      const a = first.get(e.id)!;
      const b = second.get(e.id)!;
      expect(a.lossCurve.length).toBe(3);
      // toEqual on numbers is exact (Object.is): bit-for-bit equality of every loss.
      expect(b.lossCurve).toEqual(a.lossCurve);
      expect(b.evalLoss).toBe(a.evalLoss);
      expect(b.samples).toEqual(a.samples);
      expect(b.metrics).toEqual(a.metrics);
    }
  }, 300_000);

  it('gives a different loss curve with a different seed', async () => {
    const other = await runOnce(4321);
    expect(other.get('table-b/lora')!.lossCurve).not.toEqual(first.get('table-b/lora')!.lossCurve);
  }, 300_000);
});
