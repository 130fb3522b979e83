// QLoRA: NF4 base projections dequantized on the fly. The quantized model must compute exactly what a float32
// model holding the dequantized weights computes (forward within 1e-5, LoRA gradients within 1e-5), train only
// the adapter, keep real memory near the packed size, and leak no tensors.
import { resolve } from 'node:path';
import { DenseLinear, T5ForConditionalGeneration } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Nf4Linear, dequantize4bit, getPeftModel, quantize4bit, quantizeModel4bit } from '../src/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { BATCH } from './support/batches.js';
import { maxAbsDiff } from './support/compare.js';
import { T5_FIXTURES } from './support/fixtures.js';
import { changed, sgdStep, snapshot } from './support/train-step.js';

const DIR = resolve(T5_FIXTURES, 't5_v1_1_gated_gelu_untied');

/** The fixture model with every quantized projection replaced by a float32 DenseLinear of its dequantized weight. */
async function dequantizedTwin(quantized: T5ForConditionalGeneration): Promise<T5ForConditionalGeneration> {
  const twin = await T5ForConditionalGeneration.fromPretrained(DIR);
  for (const path of quantized.linearPaths()) {
    const layer = quantized.getLinear(path);
    if (!(layer instanceof Nf4Linear)) continue;
    const w = layer.hfWeight(); // [out, in]
    const old = twin.getLinear(path);
    twin.setLinear(path, new DenseLinear(tf.variable(tf.transpose(w))));
    old.dispose();
    w.dispose();
  }
  return twin;
}

describe.each(TEST_BACKENDS)('QLoRA on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each([false, true])(
    'compressStatistics=%s: forward equals the dequantized float32 model',
    async (compress) => {
      const model = await T5ForConditionalGeneration.fromPretrained(DIR);
      const report = await quantizeModel4bit(model, { compressStatistics: compress });
      // every projection but the feed-forward output (kept in float32 as transformers does for T5)
      expect(report.quantized.length).toBe(model.linearPaths().filter((p) => !p.endsWith('.wo')).length);
      expect(model.getLinear('encoder.block.0.layer.1.DenseReluDense.wo')).toBeInstanceOf(DenseLinear);
      const twin = await dequantizedTwin(model);
      const a = model.forward(BATCH);
      const b = twin.forward(BATCH);
      expect(maxAbsDiff(await a.logits.data(), await b.logits.data())).toBeLessThan(1e-5);
      tf.dispose([a.logits, a.loss!, b.logits, b.loss!]);
      model.dispose();
      twin.dispose();
    },
  );

  it('LoRA on NF4: gradients equal those on the dequantized float32 model; only the adapter trains', async () => {
    const model = await T5ForConditionalGeneration.fromPretrained(DIR);
    await quantizeModel4bit(model, { compressStatistics: true });
    const twin = await dequantizedTwin(model);
    const config = { peft_type: 'LORA' as const, r: 4, lora_alpha: 8, init_lora_weights: false };
    const q = getPeftModel(model, config, { seed: 4 });
    const f = getPeftModel(twin, config, { seed: 4 });
    const grads = async (m: typeof q) => {
      const vars = m.namedTrainableVariables();
      const { value, grads: g } = tf.variableGrads(() => m.forward(BATCH).loss!, [...vars.values()]);
      const out = new Map<string, Float32Array>();
      for (const [k, v] of vars) out.set(k, Float32Array.from(await g[v.name].data()));
      tf.dispose([value, ...Object.values(g)]);
      return out;
    };
    const gq = await grads(q);
    const gf = await grads(f);
    expect([...gq.keys()]).toEqual([...gf.keys()]);
    let worst = 0;
    let largest = 0;
    for (const [k, v] of gq) {
      worst = Math.max(worst, maxAbsDiff(v, gf.get(k)!));
      largest = Math.max(largest, ...v.map(Math.abs));
    }
    console.log(
      `[${backend}] QLoRA vs float32 LoRA gradients: max |Δ| ${worst.toExponential(2)}, max |g| ${largest.toFixed(2)}`,
    );
    // Same weights; only the matmul layout differs (x Wᵀ from packed [out, in] vs x W from [in, out]), which
    // changes float32 accumulation order on wasm: 1e-5 relative to the largest gradient.
    expect(worst).toBeLessThan(1e-5 * Math.max(1, largest));

    // a step changes only the adapter, and the tensor count is stable over steps
    const base = await snapshot(model.namedVariables());
    const packed = Buffer.from(
      (model.getLinear('encoder.block.0.layer.0.SelfAttention.k') as Nf4Linear).state.packed,
    );
    const step = () => {
      const vars = q.namedTrainableVariables();
      const { value, grads: g } = tf.variableGrads(
        () => q.forward(BATCH, { training: true, seed: 3 }).loss!,
        [...vars.values()],
      );
      tf.tidy(() => {
        for (const v of vars.values()) v.assign(tf.sub(v, tf.mul(g[v.name], 0.1)));
      });
      tf.dispose([value, ...Object.values(g)]);
    };
    step();
    const tensors = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(changed(base, await snapshot(model.namedVariables())).filter((k) => !k.includes('lora_'))).toEqual(
      [],
    );
    expect(
      Buffer.from(
        (model.getLinear('encoder.block.0.layer.0.SelfAttention.k') as Nf4Linear).state.packed,
      ).equals(packed),
    ).toBe(true);
    q.dispose();
    f.dispose();
  });

  it('real memory: quantized projections leave tfjs and take 0.5625 (plain) / ~0.516 (double quant) bytes per parameter', async () => {
    for (const compress of [false, true]) {
      const model = await T5ForConditionalGeneration.fromPretrained(DIR);
      const before = tf.memory().numBytes;
      const report = await quantizeModel4bit(model, { compressStatistics: compress });
      const freed = before - tf.memory().numBytes;
      expect(freed).toBe(report.float32Bytes);
      const perParam = report.quantizedBytes / report.parameters;
      // 64 x 64 and 64 x 128 matrices: 64 or 128 absmax blocks each, one partial nested block per matrix
      if (!compress) expect(perParam).toBe(0.5625);
      else expect(perParam).toBeGreaterThan(0.516);
      model.dispose();
    }
  });

  it('merging LoRA into NF4 re-quantizes dequant(W) + scaling * B A, as PEFT merges into 4-bit layers', async () => {
    const model = await T5ForConditionalGeneration.fromPretrained(DIR);
    await quantizeModel4bit(model, { compressStatistics: true });
    const peft = getPeftModel(
      model,
      { peft_type: 'LORA', r: 4, lora_alpha: 8, init_lora_weights: false },
      { seed: 8 },
    );
    const lora = peft.lora.get('encoder.block.0.layer.0.SelfAttention.q')!;
    const nf4 = lora.base as Nf4Linear;
    const w = dequantize4bit(nf4.state);
    const delta = lora.deltaWeight();
    const d = await delta.data();
    const expected = dequantize4bit(
      quantize4bit(
        w.map((v, i) => Math.fround(v + d[i])),
        { compressStatistics: true },
      ),
    );
    delta.dispose();
    await peft.merge();
    expect(lora.merged).toBe(true);
    expect(Buffer.from(dequantize4bit(nf4.state).buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    peft.dispose();
  });

  // A 40-step training comparison: minutes on SwiftShader's software Vulkan, so the webgpu run (CI) leaves it to
  // cpu and wasm; NF4 on webgpu is held by the forward, gradient and merge checks above.
  it.skipIf(backend === 'webgpu')(
    'on the same training run QLoRA lands near LoRA (no collapse)',
    async () => {
      const run = async (quantize: boolean) => {
        const model = await T5ForConditionalGeneration.fromPretrained(DIR);
        if (quantize) await quantizeModel4bit(model, { compressStatistics: true });
        const peft = getPeftModel(
          model,
          { peft_type: 'LORA', r: 8, lora_alpha: 16, target_modules: ['q', 'k', 'v', 'o', 'wi_0', 'wi_1'] },
          { seed: 1 },
        );
        const losses: number[] = [];
        for (let step = 0; step < 40; step++) losses.push(await sgdStep(peft, BATCH, 0.2, step));
        peft.dispose();
        return losses;
      };
      const lora = await run(false);
      const qlora = await run(true);
      console.log(
        `[${backend}] loss LoRA ${lora[0].toFixed(3)} -> ${lora.at(-1)!.toFixed(3)}, QLoRA ${qlora[0].toFixed(3)} -> ${qlora.at(-1)!.toFixed(3)}`,
      );
      expect(lora.at(-1)!).toBeLessThan(0.5 * lora[0]);
      expect(qlora.at(-1)!).toBeLessThan(0.5 * qlora[0]);
      expect(Math.abs(qlora.at(-1)! - lora.at(-1)!)).toBeLessThan(0.25 * lora[0]);
    },
  );
});
