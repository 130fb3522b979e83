// Prefix tuning behaviour beyond the PEFT fixtures: save/load in PEFT format, the tanh MLP reparameterisation,
// PEFT's num_layers default and its failure on deeper decoders, incremental decoding through the prefix cache,
// only the prefix trains, no tensor leaks.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { T5ForConditionalGeneration, readSafetensors } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PeftModel, PrefixTuningConfig, countParameters, getPeftModel } from '../src/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { BATCH, logitsOf } from './support/batches.js';
import { maxAbsDiff } from './support/compare.js';
import { T5_FIXTURES } from './support/fixtures.js';
import { useTempDir } from './support/temp-dir.js';
import { changed, sgdStep, snapshot } from './support/train-step.js';

const TIED = resolve(T5_FIXTURES, 't5_v1_0_relu_tied');
const UNTIED = resolve(T5_FIXTURES, 't5_v1_1_gated_gelu_untied'); // 2 encoder, 3 decoder layers

describe.each(TEST_BACKENDS)('prefix tuning on %s', (backend) => {
  const tmp = useTempDir('peft-prefix-');
  beforeAll(async () => {
    await useBackend(backend);
  });

  it("PEFT's default num_layers (encoder depth) cannot cover a deeper decoder: an error says which field to set", async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(UNTIED);
    expect(() => getPeftModel(base, { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 5 })).toThrow(
      /num_layers 2 covers fewer layers than the decoder's 3.*set num_layers: 3/,
    );
    const peft = getPeftModel(base, new PrefixTuningConfig({ num_virtual_tokens: 5, num_layers: 3 }));
    expect(peft.namedTrainableVariables().get('prompt_encoder.default.embedding.weight')?.shape).toEqual([
      5,
      3 * 2 * 64,
    ]);
    peft.dispose();
  });

  it('trains only the table, counts as PEFT, saves/loads in PEFT format with identical logits', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(TIED);
    const peft = getPeftModel(base, { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 3 }, { seed: 5 });
    const config = JSON.parse(readFileSync(join(TIED, 'config.json'), 'utf8'));
    expect(peft.printTrainableParameters(() => {})).toBe(
      countParameters(config, { method: 'prefix', config: { num_virtual_tokens: 3 } }).line,
    );
    const baseBefore = await snapshot(base.namedVariables());
    const tableBefore = await snapshot(peft.namedTrainableVariables());
    await sgdStep(peft, BATCH, 0.5, 1);
    const tensors = tf.memory().numTensors;
    await sgdStep(peft, BATCH, 0.5, 2);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(changed(baseBefore, await snapshot(base.namedVariables()))).toEqual([]);
    expect(changed(tableBefore, await snapshot(peft.namedTrainableVariables()))).toEqual([
      'prompt_encoder.default.embedding.weight',
    ]);
    const trained = await logitsOf(peft);
    const dir = join(tmp(), 'prefix');
    await peft.saveTrainable(dir);
    const json = JSON.parse(readFileSync(join(dir, 'adapter_config.json'), 'utf8'));
    expect(json).toMatchObject({
      peft_type: 'PREFIX_TUNING',
      num_virtual_tokens: 3,
      num_layers: 2,
      token_dim: 64,
      num_attention_heads: 4,
      num_transformer_submodules: 2,
      prefix_projection: false,
    });
    const tensorsOnDisk = await readSafetensors(join(dir, 'adapter_model.safetensors'));
    expect([...tensorsOnDisk.keys()]).toEqual(['prompt_embeddings']);
    expect(tensorsOnDisk.get('prompt_embeddings')!.shape).toEqual([3, 2 * 2 * 64]);
    const reloaded = await PeftModel.fromPretrained(peft.unload(), dir, { isTrainable: true });
    expect(maxAbsDiff(await logitsOf(reloaded), trained)).toBe(0);
    expect(reloaded.namedTrainableVariables().size).toBe(1);
    reloaded.dispose();
  });

  it('prefix_projection trains the tanh MLP and saves its output table', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(TIED);
    const peft = getPeftModel(
      base,
      { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 4, prefix_projection: true, encoder_hidden_size: 16 },
      { seed: 2 },
    );
    const names = [...peft.namedTrainableVariables().keys()].sort();
    expect(names).toEqual([
      'prompt_encoder.default.embedding.weight',
      'prompt_encoder.default.transform.0.bias',
      'prompt_encoder.default.transform.0.weight',
      'prompt_encoder.default.transform.2.bias',
      'prompt_encoder.default.transform.2.weight',
    ]);
    const trainable = [...peft.namedTrainableVariables().values()].reduce((s, v) => s + v.size, 0);
    const config = JSON.parse(readFileSync(join(TIED, 'config.json'), 'utf8'));
    expect(trainable).toBe(
      countParameters(config, {
        method: 'prefix',
        config: { num_virtual_tokens: 4, prefix_projection: true, encoder_hidden_size: 16 },
      }).trainable,
    );
    const before = await snapshot(peft.namedTrainableVariables());
    await sgdStep(peft, BATCH, 0.5, 1);
    expect(changed(before, await snapshot(peft.namedTrainableVariables())).length).toBe(5);
    const trained = await logitsOf(peft);
    const dir = join(tmp(), 'projected');
    await peft.savePretrained(dir);
    const reloaded = await PeftModel.fromPretrained(peft.unload(), dir);
    expect(maxAbsDiff(await logitsOf(reloaded), trained)).toBeLessThan(1e-6);
    reloaded.dispose();
  });

  it('incremental decoding through the prefix cache gives the full forward logits', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(UNTIED);
    const peft = await PeftModel.fromPretrained(base, join(UNTIED, 'peft_prefix'));
    const decoderInputIds = [
      [0, 17, 45, 2, 110],
      [0, 9, 33, 120, 6],
    ];
    const full = peft.forward({
      inputIds: BATCH.inputIds,
      attentionMask: BATCH.attentionMask,
      decoderInputIds,
    });
    const ids = tf.tensor2d(BATCH.inputIds, undefined, 'int32');
    const mask = tf.tensor2d(BATCH.attentionMask, undefined, 'int32');
    const encoded = peft.encode(ids, mask);
    let cache = peft.initDecoderCache(encoded);
    expect(cache.layers[0].selfKey.shape[2]).toBe(5);
    const steps: tf.Tensor3D[] = [];
    for (let t = 0; t < 5; t++) {
      const token = tf.tensor2d(
        decoderInputIds.map((row) => [row[t]]),
        undefined,
        'int32',
      );
      const out = peft.decodeStep(token, cache, mask);
      for (const l of cache.layers) tf.dispose([l.selfKey, l.selfValue]);
      cache = out.cache;
      steps.push(out.logits);
      token.dispose();
    }
    const stepped = tf.concat(steps, 1);
    const d = maxAbsDiff(await stepped.data(), await full.logits.data());
    expect(d).toBeLessThan(1e-4);
    for (const l of cache.layers) tf.dispose([l.selfKey, l.selfValue, l.crossKey, l.crossValue]);
    tf.dispose([full.logits, ids, mask, encoded, stepped, ...steps]);
    peft.dispose();
  });

  it('generate with the prefix equals greedy decoding by full forward passes', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(UNTIED);
    const peft = await PeftModel.fromPretrained(base, join(UNTIED, 'peft_prefix'));
    const input = { inputIds: [BATCH.inputIds[0]], attentionMask: [BATCH.attentionMask[0]] };
    const [generated] = await peft.generate(input.inputIds, {
      maxNewTokens: 6,
      attentionMask: input.attentionMask,
    });
    const greedy = [0];
    for (let t = 0; t < 6; t++) {
      const next = tf.tidy(() => {
        const { logits } = peft.forward({ ...input, decoderInputIds: [greedy] });
        return tf.argMax(tf.slice(logits, [0, greedy.length - 1, 0], [1, 1, -1]), -1);
      });
      greedy.push((await next.data())[0]);
      next.dispose();
      if (greedy.at(-1) === 1) break;
    }
    expect(generated.slice(0, greedy.length)).toEqual(greedy);
    peft.dispose();
  });
});
