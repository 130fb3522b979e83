// Parity with Python PEFT 0.21.0 on transformers 4.57.6 (float32, eval): the shared fixtures' peft_lora and
// peft_prefix adapters load with PeftModel.fromPretrained and reproduce peft_expected.json logits and loss within
// 1e-4, on the cpu and wasm backends.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { T5ForConditionalGeneration } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeftModel, prefixEntriesForLayer } from '../src/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { flat, maxAbsDiff } from './support/compare.js';
import { T5_FIXTURES } from './support/fixtures.js';

const FIXTURES = ['t5_v1_0_relu_tied', 't5_v1_1_gated_gelu_untied'];
const TOL = 1e-4;

describe.each(TEST_BACKENDS)('PEFT parity on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  describe.each(FIXTURES)('%s', (name) => {
    const dir = resolve(T5_FIXTURES, name);
    const expected = JSON.parse(readFileSync(resolve(dir, 'peft_expected.json'), 'utf8'));
    const inputs = expected.inputs;
    // Logits are taken with the given decoder inputs; the loss with labels alone (decoder inputs = labels
    // shifted right), as peft_expected.json records them.
    const logitsBatch = {
      inputIds: inputs.input_ids,
      attentionMask: inputs.attention_mask,
      decoderInputIds: inputs.decoder_input_ids,
    };
    const lossBatch = {
      inputIds: inputs.input_ids,
      attentionMask: inputs.attention_mask,
      labels: inputs.labels,
    };
    let base: T5ForConditionalGeneration;

    /** Logits (given decoder inputs), loss and loss logits (labels alone) of `peft` within 1e-4 of PEFT's. */
    async function expectParity(
      peft: PeftModel,
      reference: { logits: unknown; loss: number; loss_logits: unknown },
      method: string,
    ): Promise<void> {
      const { logits } = peft.forward(logitsBatch);
      const { logits: lossLogits, loss } = peft.forward(lossBatch);
      const dl = maxAbsDiff(await logits.data(), flat(reference.logits));
      const dLoss = Math.abs((await loss!.data())[0] - reference.loss);
      expect(maxAbsDiff(await lossLogits.data(), flat(reference.loss_logits))).toBeLessThan(TOL);
      console.log(
        `[${backend}] ${name} ${method}: max |Δlogits| ${dl.toExponential(2)}, |Δloss| ${dLoss.toExponential(2)}`,
      );
      expect(dl).toBeLessThan(TOL);
      expect(dLoss).toBeLessThan(TOL);
      tf.dispose([logits, lossLogits, loss!]);
    }

    beforeAll(async () => {
      base = await T5ForConditionalGeneration.fromPretrained(dir);
      // One forward first: t5-core may allocate one-time constants on its first pass, which are not leaks.
      const warm = base.forward(lossBatch);
      tf.dispose([warm.logits, warm.loss!]);
    });
    afterAll(() => base.dispose());

    it('peft_lora: logits and loss within 1e-4', async () => {
      const before = tf.memory().numTensors;
      const peft = await PeftModel.fromPretrained(base, resolve(dir, 'peft_lora'));
      await expectParity(peft, expected.lora, 'lora');
      peft.unload();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('peft_prefix: resolved per-layer K/V, logits and loss within 1e-4', async () => {
      const before = tf.memory().numTensors;
      const peft = await PeftModel.fromPretrained(base, resolve(dir, 'peft_prefix'));
      const overrides = expected.prefix.prefix_config_overrides ?? {};
      if (overrides.num_layers !== undefined)
        expect(peft.peftConfig).toMatchObject({ num_layers: overrides.num_layers });
      const prefix = peft.prefix!.prefix(1, { training: false, dropout: (x) => x });
      const kvs: { key: unknown; value: unknown }[] = expected.prefix.decoder_self_attention_prefix_kv;
      for (const [i, kv] of kvs.entries()) {
        expect(maxAbsDiff(await prefix.keys[i].data(), flat(kv.key))).toBe(0);
        expect(maxAbsDiff(await prefix.values[i].data(), flat(kv.value))).toBe(0);
      }
      tf.dispose([...prefix.keys, ...prefix.values]);
      await expectParity(peft, expected.prefix, 'prefix');
      peft.unload();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});

describe('PEFT layer-to-entry layout', () => {
  it('decoder layer i takes K from entry 4i mod 2L and V from 4i+1 mod 2L', async () => {
    const c = { num_layers: 3, num_transformer_submodules: 2 } as Parameters<typeof prefixEntriesForLayer>[1];
    expect([0, 1, 2].map((i) => prefixEntriesForLayer(i, c))).toEqual([
      { key: 0, value: 1 },
      { key: 4, value: 5 },
      { key: 2, value: 3 },
    ]);
  });
});
