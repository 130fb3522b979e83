// LoRA behaviour on the fixture models: PEFT-format save/load round trip, merge/unmerge (1e-5), only adapter
// parameters train, PEFT's init (A kaiming-uniform, B zero), scaling, dropout only in training, no tensor leaks.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { T5ForConditionalGeneration, readSafetensors } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LoraConfig, PeftModel, countParameters, getPeftModel } from '../src/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { BATCH, logitsOf } from './support/batches.js';
import { maxAbsDiff } from './support/compare.js';
import { T5_FIXTURES } from './support/fixtures.js';
import { useTempDir } from './support/temp-dir.js';
import { changed, sgdStep, snapshot } from './support/train-step.js';

const DIR = resolve(T5_FIXTURES, 't5_v1_1_gated_gelu_untied');

describe.each(TEST_BACKENDS)('LoRA on %s', (backend) => {
  const tmp = useTempDir('peft-lora-');
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('starts as the identity (B = 0) with A ~ U(-1/sqrt(in), 1/sqrt(in)), and counts as PEFT does', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(DIR);
    const reference = await logitsOf(base);
    const peft = getPeftModel(base, { peft_type: 'LORA', r: 4, lora_alpha: 8 }, { seed: 3 });
    expect(maxAbsDiff(await logitsOf(peft), reference)).toBe(0);
    const layer = peft.lora.get('decoder.block.2.layer.1.EncDecAttention.v')!;
    const a = await layer.loraA.data();
    expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(64));
    expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(0.5 / Math.sqrt(64));
    expect((await layer.loraB.data()).every((v) => v === 0)).toBe(true);
    expect(layer.scaling).toBe(2);
    // q, v in 2 encoder self-attentions and 3 x (self + cross) decoder attentions
    expect(peft.lora.size).toBe(2 * 2 + 3 * 4);
    const config = JSON.parse(readFileSync(join(DIR, 'config.json'), 'utf8'));
    const expected = countParameters(config, { method: 'lora', config: { r: 4 } }).line;
    expect(peft.printTrainableParameters(() => {})).toBe(expected);
    peft.dispose();
  });

  it('rsLoRA scales by alpha / sqrt(r)', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(DIR);
    const peft = getPeftModel(base, new LoraConfig({ r: 4, lora_alpha: 8, use_rslora: true }));
    expect(peft.lora.get('encoder.block.0.layer.0.SelfAttention.q')!.scaling).toBe(4);
    peft.dispose();
  });

  it('saves in PEFT format and loads back to identical logits', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(DIR);
    const peft = getPeftModel(
      base,
      { peft_type: 'LORA', r: 4, lora_alpha: 8, init_lora_weights: false, target_modules: ['q', 'v', 'wo'] },
      { seed: 11 },
    );
    const trained = await logitsOf(peft);
    const dir = join(tmp(), 'adapter');
    await peft.saveTrainable(dir);
    const json = JSON.parse(readFileSync(join(dir, 'adapter_config.json'), 'utf8'));
    expect(json).toMatchObject({
      peft_type: 'LORA',
      task_type: 'SEQ_2_SEQ_LM',
      r: 4,
      lora_alpha: 8,
      target_modules: ['q', 'v', 'wo'],
    });
    const tensors = await readSafetensors(join(dir, 'adapter_model.safetensors'));
    expect(
      tensors.get('base_model.model.decoder.block.1.layer.2.DenseReluDense.wo.lora_A.weight')?.shape,
    ).toEqual([4, 128]);
    expect(
      tensors.get('base_model.model.decoder.block.1.layer.2.DenseReluDense.wo.lora_B.weight')?.shape,
    ).toEqual([64, 4]);
    expect(tensors.size).toBe(2 * (2 * 3 + 3 * 5));
    const plain = peft.unload();
    const reloaded = await PeftModel.fromPretrained(plain, dir);
    expect(maxAbsDiff(await logitsOf(reloaded), trained)).toBe(0);
    expect(reloaded.namedTrainableVariables().size).toBe(0); // inference by default, like PEFT
    reloaded.dispose();
  });

  it.each(['t5_v1_0_relu_tied', 't5_v1_1_gated_gelu_untied'])(
    '%s adapter: merged and unmerged models agree within 1e-5 (PEFT itself: 2.1e-6); mergeAndUnload keeps the merge',
    async (name) => {
      const dir = resolve(T5_FIXTURES, name);
      const base = await T5ForConditionalGeneration.fromPretrained(dir);
      const baseWeights = await snapshot(base.namedVariables());
      const peft = await PeftModel.fromPretrained(base, join(dir, 'peft_lora'));
      const adapter = await logitsOf(peft);
      const before = tf.memory().numTensors; // after a first forward (one-time constants are not leaks)
      await peft.merge();
      const merged = await logitsOf(peft);
      await peft.unmerge();
      const unmerged = await logitsOf(peft);
      console.log(
        `[${backend}] ${name} merge: max |Δ| ${maxAbsDiff(merged, adapter).toExponential(2)}, unmerge ${maxAbsDiff(unmerged, adapter).toExponential(2)}`,
      );
      expect(maxAbsDiff(merged, adapter)).toBeLessThan(1e-5);
      expect(maxAbsDiff(unmerged, adapter)).toBeLessThan(1e-5);
      expect(tf.memory().numTensors).toBe(before);
      const restored = await snapshot(base.namedVariables());
      for (const [k, v] of baseWeights) expect(maxAbsDiff(restored.get(k)!, v)).toBeLessThan(1e-6);
      const plain = await peft.mergeAndUnload();
      expect(maxAbsDiff(await logitsOf(plain), adapter)).toBeLessThan(1e-5);
      expect([...plain.namedVariables().keys()].some((k) => k.includes('lora'))).toBe(false);
      plain.dispose();
    },
  );

  it('a training step changes only the adapter; tensors stay constant over steps', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(DIR);
    const peft = getPeftModel(
      base,
      { peft_type: 'LORA', r: 4, lora_alpha: 8, lora_dropout: 0.1 },
      { seed: 2 },
    );
    const trainable = peft.namedTrainableVariables();
    expect(
      [...trainable.keys()].every((k) => /^base_model\.model\..*\.lora_[AB]\.default\.weight$/.test(k)),
    ).toBe(true);
    const baseBefore = await snapshot(base.namedVariables());
    const adapterBefore = await snapshot(trainable);
    await sgdStep(peft, BATCH, 0.1, 1);
    const afterOne = tf.memory().numTensors;
    for (let s = 2; s <= 4; s++) await sgdStep(peft, BATCH, 0.1, s);
    expect(tf.memory().numTensors).toBe(afterOne);
    const baseChanged = changed(baseBefore, await snapshot(base.namedVariables())).filter(
      (k) => !k.includes('lora_'),
    );
    expect(baseChanged).toEqual([]);
    const adapterChanged = changed(adapterBefore, await snapshot(trainable));
    expect(adapterChanged.filter((k) => k.includes('lora_B')).length).toBe(peft.lora.size);
    peft.dispose();
  });

  it('dropout on the LoRA path acts in training only and follows the seed', async () => {
    // Base dropout off, so any training-mode difference comes from the LoRA input dropout.
    const small = {
      d_model: 32,
      d_kv: 8,
      num_heads: 4,
      d_ff: 64,
      num_layers: 1,
      vocab_size: 128,
      dropout_rate: 0,
    };
    const run = async (loraDropout: number, training: boolean, seed: number) => {
      const model = await T5ForConditionalGeneration.fromConfig(small, { seed: 1 });
      const peft = getPeftModel(
        model,
        { peft_type: 'LORA', r: 4, lora_dropout: loraDropout, init_lora_weights: false },
        { seed: 9 },
      );
      const { logits } = peft.forward(BATCH, { training, seed });
      const out = Float32Array.from(await logits.data());
      logits.dispose();
      peft.dispose();
      return out;
    };
    expect(maxAbsDiff(await run(0.5, false, 1), await run(0.5, false, 2))).toBe(0);
    expect(maxAbsDiff(await run(0.5, true, 1), await run(0.5, true, 1))).toBe(0);
    expect(maxAbsDiff(await run(0.5, true, 1), await run(0.5, true, 2))).toBeGreaterThan(0);
    expect(maxAbsDiff(await run(0, true, 1), await run(0, true, 2))).toBe(0);
  });

  it('rejects an adapter whose keys or shapes do not fit, naming the key', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(DIR);
    const peft = getPeftModel(base, { peft_type: 'LORA', r: 2, target_modules: ['q'] });
    const dir = join(tmp(), 'q-only');
    await peft.savePretrained(dir);
    const plain = peft.unload();
    // The fixture's adapter has r=4 on q and v; ours r=2 on q: loading ours is fine, a tampered config is not.
    const json = JSON.parse(readFileSync(join(dir, 'adapter_config.json'), 'utf8'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'adapter_config.json'), JSON.stringify({ ...json, r: 3 }));
    await expect(PeftModel.fromPretrained(plain, dir)).rejects.toThrow(
      /lora_A\.weight" expected shape \[3,64\], found \[2,64\]/,
    );
    writeFileSync(join(dir, 'adapter_config.json'), JSON.stringify({ ...json, use_dora: true }));
    await expect(PeftModel.fromPretrained(plain, dir)).rejects.toThrow(/field "use_dora" must be false/);
    expect(plain.linearPaths().every((p) => plain.getLinear(p).constructor.name === 'DenseLinear')).toBe(
      true,
    );
    plain.dispose();
  });
});
