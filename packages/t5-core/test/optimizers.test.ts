// AdamW, Adafactor, the LR schedules and global-norm clipping replayed against torch 2.13 / transformers 5.18
// (test/fixtures/optimizer-reference.json, written by scripts/make-optimizer-fixtures.py): same float32 parameters,
// same gradients, parameters compared after every update within 1e-6 relative (+1e-7 absolute for values near 0).
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Adafactor,
  type AdafactorOptions,
  AdamW,
  type AdamWOptions,
  type Optimizer,
  type ScheduleName,
  clipGradNorm,
  resolveWarmupSteps,
  scheduleLambda,
} from '../src/training/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { expectClose } from './support/close.js';

interface Case {
  name: string;
  optimizer: 'adamw' | 'adafactor';
  options: Record<string, unknown>;
  schedule?: { name: ScheduleName; warmupSteps: number; totalSteps: number };
  maxGradNorm?: number;
  lrs: number[];
  norms: number[];
  after: Record<string, number[]>[];
}
interface Fixture {
  shapes: Record<string, number[]>;
  params: Record<string, number[]>;
  grads: Record<string, number[]>[];
  cases: Case[];
  schedules: { name: ScheduleName; warmupSteps: number; totalSteps: number; lrs: number[] }[];
}

const fixture: Fixture = JSON.parse(
  readFileSync(new URL('./fixtures/optimizer-reference.json', import.meta.url), 'utf8'),
);

function build(c: Case): Optimizer {
  if (c.optimizer === 'adamw') {
    const { noDecay, ...rest } = c.options as AdamWOptions & { noDecay?: string };
    return new AdamW({ ...rest, ...(noDecay === 'none' ? { noDecay: () => false } : {}) });
  }
  return new Adafactor(c.options as AdafactorOptions);
}

describe('optimizers against torch / transformers', () => {
  for (const backend of TEST_BACKENDS) {
    describe(backend, () => {
      beforeAll(() => useBackend(backend));
      for (const c of fixture.cases) {
        it(c.name, async () => {
          const vars = new Map(
            Object.entries(fixture.params).map(([k, v]) => [
              k,
              tf.variable(tf.tensor(v, fixture.shapes[k]), true),
            ]),
          );
          const opt = build(c);
          const base = (c.options.learningRate as number | undefined) ?? 1e-3;
          const lambda = c.schedule ? scheduleLambda(c.schedule.name, c.schedule) : () => 1;
          for (const [k, step] of fixture.grads.entries()) {
            const lr = base * lambda(k);
            if (c.optimizer === 'adamw' || c.options.relativeStep === false)
              expect(lr).toBeCloseTo(c.lrs[k], 12);
            const raw = new Map(Object.entries(step).map(([n, g]) => [n, tf.tensor(g, fixture.shapes[n])]));
            let grads = raw;
            if (c.maxGradNorm !== undefined) {
              const clipped = clipGradNorm(raw, c.maxGradNorm);
              expectClose(await clipped.totalNorm.data(), [c.norms[k]], { label: `step ${k} total norm` });
              clipped.totalNorm.dispose();
              grads = clipped.gradients;
            }
            opt.applyGradients(vars, grads, lr);
            for (const g of raw.values()) g.dispose();
            if (grads !== raw) for (const g of grads.values()) g.dispose();
            for (const [n, v] of vars) {
              expectClose(v.dataSync(), c.after[k][n], { rtol: 1e-6, atol: 1e-7, label: `step ${k} ${n}` });
            }
          }
          expect(opt.step).toBe(fixture.grads.length);
          opt.dispose();
          for (const v of vars.values()) v.dispose();
        });
      }
    });
  }

  it('a state dict round-trips: a restored optimizer continues exactly', async () => {
    const c = fixture.cases.find((x) => x.options.beta1 !== undefined)!;
    const make = () =>
      new Map(
        Object.entries(fixture.params).map(([k, v]) => [
          k,
          tf.variable(tf.tensor(v, fixture.shapes[k]), true),
        ]),
      );
    const run = (opt: Optimizer, vars: Map<string, tf.Variable>, k: number) =>
      tf.tidy(() => {
        const grads = new Map(
          Object.entries(fixture.grads[k]).map(([n, g]) => [n, tf.tensor(g, fixture.shapes[n])]),
        );
        opt.applyGradients(vars, grads, 0.01);
      });
    const vars = make();
    const a = build(c);
    for (let k = 0; k < 3; k++) run(a, vars, k);
    const b = build(c);
    b.loadStateDict(await a.stateDict(), vars);
    expect(b.step).toBe(3);
    const vars2 = new Map([...vars].map(([k, v]) => [k, tf.variable(v.clone(), true)]));
    for (let k = 3; k < 6; k++) {
      run(a, vars, k);
      run(b, vars2, k);
    }
    for (const [n, v] of vars) expect(Array.from(vars2.get(n)!.dataSync())).toEqual(Array.from(v.dataSync()));
    expect(() =>
      b.loadStateDict(
        { step: 1, tensors: new Map([['nope.exp_avg', { shape: [1], data: new Float32Array(1) }]]) },
        vars,
      ),
    ).toThrow(/unexpected key "nope.exp_avg"/);
    a.dispose();
    b.dispose();
  });

  it('Adafactor refuses a manual rate with relativeStep, as HF does', () => {
    expect(() => new Adafactor({ learningRate: 1e-3 })).toThrow(/relativeStep/);
    expect(() => new Adafactor({ relativeStep: false, warmupInit: true })).toThrow(/warmupInit/);
  });
});

describe('schedules against transformers (LambdaLR: rate of update k)', () => {
  for (const s of fixture.schedules) {
    it(`${s.name} warmup ${s.warmupSteps} of ${s.totalSteps}`, () => {
      const lambda = scheduleLambda(s.name, s);
      s.lrs.forEach((lr, k) => expect(lambda(k)).toBeCloseTo(lr, 15));
    });
  }

  it('warm-up steps: explicit steps win, else ceil(total x ratio)', () => {
    expect(resolveWarmupSteps(100, 7, 0.5)).toBe(7);
    expect(resolveWarmupSteps(101, undefined, 0.1)).toBe(11);
    expect(resolveWarmupSteps(100)).toBe(0);
  });
});

describe('clipGradNorm', () => {
  it('leaves gradients under the limit unchanged and scales those over it to the limit', async () => {
    const grads = new Map([
      ['a', tf.tensor1d([3, 0])],
      ['b', tf.tensor1d([0, 4])],
    ]);
    const under = clipGradNorm(grads, 10);
    expect((await under.totalNorm.data())[0]).toBeCloseTo(5, 6);
    expect(Array.from(under.gradients.get('a')!.dataSync())).toEqual([3, 0]);
    const over = clipGradNorm(grads, 1);
    expectClose(over.gradients.get('b')!.dataSync(), [0, 4 / (5 + 1e-6)], { label: 'clipped b' });
  });
});
