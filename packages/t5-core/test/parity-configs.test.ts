// Parity with Hugging Face transformers on configurations beyond the shared fixtures: other head counts and
// widths (heads x d_kv != d_model), gated-relu / exact gelu / gated exact gelu / gated-silu, other bucket
// settings, unequal encoder/decoder depths, BF16 and F16 storage, and transformers 5's config.json spelling.
// Fixtures: test/fixtures/t5_* made by scripts/make-t5-fixtures.py (transformers 4.57.6, and 5.18 for
// t5_v5_format_*), float32, eval mode. Tolerances: logits, encoder output and loss within 1e-4 absolute (the
// random untied heads give |logits| up to ~25, so that is ~4e-6 relative); gradient norms 1e-3 relative.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingGradients, registerWasmTrainingKernels } from '../src/backend/index.js';
import { T5ForConditionalGeneration } from '../src/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { type Nested, flatten, l2Norm, maxAbsDiff, readJson } from './support/t5-fixtures.js';

const FIXTURE_ROOT = join(__dirname, 'fixtures');
const FIXTURES = [
  't5_gated_relu_6x12_3enc_1dec',
  't5_gelu_exact_tied_2x20_1enc_2dec',
  't5_gated_gelu_python_bf16',
  't5_gated_silu_f16_tied',
  't5_v5_format_gated_gelu',
];

interface Expected {
  inputs: { input_ids: number[][]; attention_mask: number[][]; labels: number[][] };
  logits: Nested;
  encoder_last_hidden_state: Nested;
  loss: number;
  grad_norms: Record<string, number>;
}

describe.each(TEST_BACKENDS)('config-space parity on %s', (backend) => {
  beforeAll(async () => {
    registerTrainingGradients();
    if (backend === 'wasm') registerWasmTrainingKernels();
    await useBackend(backend);
  });

  describe.each(FIXTURES)('%s', (name) => {
    const dir = join(FIXTURE_ROOT, name);
    const expected = readJson<Expected>(join(dir, 'expected.json'));
    const batch = {
      inputIds: expected.inputs.input_ids,
      attentionMask: expected.inputs.attention_mask,
      labels: expected.inputs.labels,
    };
    let model: T5ForConditionalGeneration;
    beforeAll(async () => {
      model = await T5ForConditionalGeneration.fromPretrained(dir);
    });
    afterAll(() => model.dispose());

    it('logits, encoder output and loss', async () => {
      const out = model.forward(batch, { outputHiddenStates: true });
      const scale = Math.max(1, ...flatten(expected.logits).data.map(Math.abs));
      const logitsErr = await maxAbsDiff(out.logits, expected.logits);
      const encoderErr = await maxAbsDiff(out.encoderLastHiddenState!, expected.encoder_last_hidden_state);
      const lossErr = Math.abs(out.loss!.dataSync()[0] - expected.loss);
      tf.dispose(out as unknown as tf.TensorContainer);
      console.info(
        `[${backend}] ${name}: logits ${logitsErr.toExponential(2)} (scale ${scale.toFixed(1)}), encoder ${encoderErr.toExponential(2)}, loss ${lossErr.toExponential(2)}`,
      );
      expect(logitsErr).toBeLessThan(1e-4);
      expect(encoderErr).toBeLessThan(1e-4);
      expect(lossErr).toBeLessThan(1e-4);
    });

    it('gradient norm of every parameter within 1e-3 relative', async () => {
      const variables = model.namedVariables();
      const names = [...variables.keys()];
      expect(new Set(names)).toEqual(new Set(Object.keys(expected.grad_norms)));
      const { value, grads } = tf.variableGrads(() => model.forward(batch).loss!, [...variables.values()]);
      value.dispose();
      let worst = 0;
      for (const n of names) {
        const want = expected.grad_norms[n];
        const rel = Math.abs((await l2Norm(grads[variables.get(n)!.name])) - want) / Math.max(want, 1e-12);
        worst = Math.max(worst, rel);
        expect(rel, n).toBeLessThan(1e-3);
      }
      console.info(`[${backend}] ${name}: worst grad-norm relative error ${worst.toExponential(2)}`);
      tf.dispose(Object.values(grads));
    });
  });
});
