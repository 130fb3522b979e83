import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivePurposeSeed } from '@t5sql/common';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EngineOutput,
  type ExperimentEngine,
  type ExperimentSpec,
  PAPER_PROFILE,
  RequirementError,
  SMOKE_PROFILE,
  runProfile,
} from '../src/index.js';

/** Deterministic stand-in for the tfjs engine: figures are a function of the seed and the experiment id. */
class FakeEngine implements ExperimentEngine {
  readonly backend = 'cpu';
  calls: string[] = [];
  failOn = new Set<string>();
  async checkRequirements(): Promise<void> {}
  async runExperiment(spec: ExperimentSpec, ctx: { seed: number }): Promise<EngineOutput> {
    this.calls.push(spec.id);
    if (this.failOn.has(spec.id)) throw new Error(`boom in ${spec.id}`);
    const x = (derivePurposeSeed(ctx.seed, 'fake', spec.id) % 1000) / 1000;
    return {
      modelDescription: spec.model,
      dataDescription: `${spec.dataset.name} ${spec.dataset.trainSize}`,
      metrics: Object.fromEntries(spec.metrics.map((m) => [m, x])),
      trainableParams: 10,
      totalParams: 1000,
      lossCurve: [{ step: 1, loss: 1 + x }],
      samples: [],
      datasets: [],
      trainSeconds: 0,
      evalSeconds: 0,
    };
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'repro-run-'));
  dirs.push(d);
  return d;
}

describe('runProfile', () => {
  it('runs every experiment, writes manifests, tables and charts, and resumes by skipping complete ones', async () => {
    const resultsDir = tmp();
    const engine = new FakeEngine();
    engine.failOn.add('table-b/prefix');
    const first = await runProfile({
      profile: SMOKE_PROFILE,
      engine,
      resultsDir,
      cacheDir: tmp(),
      seed: 7,
      sink: null,
    });
    expect(first.ran).toHaveLength(8);
    expect(first.failed).toEqual([{ id: 'table-b/prefix', error: 'boom in table-b/prefix' }]);
    const dir = join(resultsDir, 'smoke');
    const manifest = JSON.parse(readFileSync(join(dir, 'table-b', 'lora', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      seed: 7,
      profile: 'smoke',
      backend: { name: 'cpu', deterministic: true },
    });
    expect(manifest.experiment.model).toBe('local:flan-t5-tiny');
    expect(manifest.peakMemory.rssBytes).toBeGreaterThan(0);
    for (const f of [
      'results.md',
      'results.csv',
      'results.json',
      'table-a-metrics.svg',
      'table-b-loss.svg',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const md = readFileSync(join(dir, 'results.md'), 'utf8');
    expect(md).toContain('profile `smoke`');
    expect(md).toContain('prefix tuning: not run in this profile yet.');
    // The shared run-manifest schema; a manifest of schema 1 (the harness's own before it) still marks its result
    // complete, so the second run skips table-b/lora too.
    const { kind, ...schema1 } = manifest;
    expect({ kind, schemaVersion: manifest.schemaVersion }).toEqual({ kind: 'bench', schemaVersion: 3 });
    writeFileSync(
      join(dir, 'table-b', 'lora', 'manifest.json'),
      JSON.stringify({ ...schema1, schemaVersion: 1 }),
    );

    // Second run: only the failed experiment runs again.
    engine.calls = [];
    engine.failOn.clear();
    const second = await runProfile({
      profile: SMOKE_PROFILE,
      engine,
      resultsDir,
      cacheDir: tmp(),
      seed: 7,
      sink: null,
    });
    expect(engine.calls).toEqual(['table-b/prefix']);
    expect(second.skipped).toHaveLength(8);
    // A different seed invalidates the stored results.
    engine.calls = [];
    await runProfile({ profile: SMOKE_PROFILE, engine, resultsDir, cacheDir: tmp(), seed: 8, sink: null });
    expect(engine.calls).toHaveLength(9);
  });

  it('stops before running anything when the profile requirements are missing', async () => {
    const engine = new FakeEngine();
    engine.checkRequirements = async () => {
      throw new RequirementError('paper needs @tensorflow/tfjs-node-gpu');
    };
    await expect(
      runProfile({ profile: PAPER_PROFILE, engine, resultsDir: tmp(), cacheDir: tmp(), seed: 1, sink: null }),
    ).rejects.toThrow(/tfjs-node-gpu/);
    expect(engine.calls).toEqual([]);
  });
});
