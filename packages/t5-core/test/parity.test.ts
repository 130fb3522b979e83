// Parity with Hugging Face transformers 4.57.6 (T5ForConditionalGeneration, float32, eval mode) on the shared
// fixtures (/work/shared/fixtures/t5, see its README). Tolerances: activations, logits, biases and loss within
// 1e-4 absolute; gradient norms within 1e-3 relative; relative position buckets exact.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingGradients, registerWasmTrainingKernels } from '../src/backend/index.js';
import { T5ForConditionalGeneration } from '../src/index.js';
import { relativePositionBucket } from '../src/internal/index.js';
import { SHARED_DIR, TEST_BACKENDS, useBackend } from './support/backends.js';
import {
  type FixtureInputs,
  type Nested,
  fixtureDir,
  l2Norm,
  maxAbsDiff,
  readJson,
} from './support/t5-fixtures.js';

const FIXTURES = ['t5_v1_0_relu_tied', 't5_v1_1_gated_gelu_untied'];
const ABS = 1e-4;
const GRAD_REL = 1e-3;

interface Expected {
  inputs: FixtureInputs;
  encoder_last_hidden_state: Nested;
  encoder_hidden_states: Nested[];
  decoder_hidden_states: Nested[];
  logits: Nested;
  encoder_position_bias: Nested;
  decoder_position_bias: Nested;
  relative_position_bucket: {
    relative_positions: number[];
    num_buckets: number;
    max_distance: number;
    bidirectional: number[];
    unidirectional: number[];
  };
  loss: number;
  loss_logits: Nested;
  loss_decoder_input_ids: number[][];
  grad_norms: Record<string, number>;
  grads_full: Record<string, Nested>;
}

describe('relative position buckets (HF _relative_position_bucket)', () => {
  const grids = readJson<{ grids: Expected['relative_position_bucket'][] }>(
    join(SHARED_DIR, 'fixtures', 't5', 'relative_position_bucket.json'),
  ).grids;
  for (const grid of grids) {
    it(`buckets=${grid.num_buckets} max_distance=${grid.max_distance}, both directions, exact`, async () => {
      const bi = grid.relative_positions.map((r) =>
        relativePositionBucket(r, true, grid.num_buckets, grid.max_distance),
      );
      const uni = grid.relative_positions.map((r) =>
        relativePositionBucket(r, false, grid.num_buckets, grid.max_distance),
      );
      expect(bi).toEqual(grid.bidirectional);
      expect(uni).toEqual(grid.unidirectional);
    });
  }
});

describe.each(TEST_BACKENDS)('parity with transformers on %s', (backend) => {
  beforeAll(async () => {
    registerTrainingGradients();
    if (backend === 'wasm') registerWasmTrainingKernels();
    await useBackend(backend);
  });

  describe.each(FIXTURES)('%s', (name) => {
    const dir = fixtureDir(SHARED_DIR, name);
    const expected = readJson<Expected>(join(dir, 'expected.json'));
    const inputs = expected.inputs;
    let model: T5ForConditionalGeneration;

    beforeAll(async () => {
      model = await T5ForConditionalGeneration.fromPretrained(dir);
    });
    afterAll(() => model.dispose());

    it('fixture bucket grid', async () => {
      const g = expected.relative_position_bucket;
      expect(
        g.relative_positions.map((r) => relativePositionBucket(r, true, g.num_buckets, g.max_distance)),
      ).toEqual(g.bidirectional);
      expect(
        g.relative_positions.map((r) => relativePositionBucket(r, false, g.num_buckets, g.max_distance)),
      ).toEqual(g.unidirectional);
    });

    it('hidden states, position biases and logits within 1e-4', async () => {
      const out = model.forward(
        {
          inputIds: inputs.input_ids,
          attentionMask: inputs.attention_mask,
          decoderInputIds: inputs.decoder_input_ids,
        },
        { outputHiddenStates: true },
      );
      const errors: Record<string, number> = {
        encoder_last_hidden_state: await maxAbsDiff(
          out.encoderLastHiddenState!,
          expected.encoder_last_hidden_state,
        ),
        logits: await maxAbsDiff(out.logits, expected.logits),
        encoder_position_bias: await maxAbsDiff(out.encoderPositionBias!, expected.encoder_position_bias),
        decoder_position_bias: await maxAbsDiff(out.decoderPositionBias!, expected.decoder_position_bias),
      };
      expect(out.encoderHiddenStates).toHaveLength(expected.encoder_hidden_states.length);
      expect(out.decoderHiddenStates).toHaveLength(expected.decoder_hidden_states.length);
      for (const [i, h] of out.encoderHiddenStates!.entries()) {
        errors[`encoder_hidden_states[${i}]`] = await maxAbsDiff(h, expected.encoder_hidden_states[i]);
      }
      for (const [i, h] of out.decoderHiddenStates!.entries()) {
        errors[`decoder_hidden_states[${i}]`] = await maxAbsDiff(h, expected.decoder_hidden_states[i]);
      }
      tf.dispose(out as unknown as tf.TensorContainer);
      console.info(`[${backend}] ${name} max abs errors`, JSON.stringify(errors));
      for (const [key, err] of Object.entries(errors)) expect(err, key).toBeLessThan(ABS);
    });

    it('loss with decoder inputs = labels shifted right, within 1e-4', async () => {
      const { logits, loss } = model.forward({
        inputIds: inputs.input_ids,
        attentionMask: inputs.attention_mask,
        labels: inputs.labels,
      });
      const lossErr = Math.abs((await loss!.data())[0] - expected.loss);
      const logitsErr = await maxAbsDiff(logits, expected.loss_logits);
      tf.dispose([logits, loss!]);
      console.info(
        `[${backend}] ${name} loss err ${lossErr.toExponential(2)} loss_logits err ${logitsErr.toExponential(2)}`,
      );
      expect(lossErr).toBeLessThan(ABS);
      expect(logitsErr).toBeLessThan(ABS);
    });

    it('gradient norms of every parameter within 1e-3 relative, grads_full within 1e-3 of their scale', async () => {
      const variables = model.namedVariables();
      const names = [...variables.keys()];
      const { value, grads } = tf.variableGrads(
        () =>
          model.forward({
            inputIds: inputs.input_ids,
            attentionMask: inputs.attention_mask,
            labels: inputs.labels,
          }).loss!,
        names.map((n) => variables.get(n)!),
      );
      value.dispose();
      // variableGrads keys by tfjs variable name ("<instance>/<hf name>"); map back to HF names.
      const byHfName = new Map(names.map((n) => [n, grads[variables.get(n)!.name]]));
      expect(new Set(byHfName.keys())).toEqual(new Set(Object.keys(expected.grad_norms)));
      let worst = 0;
      for (const [key, norm] of Object.entries(expected.grad_norms)) {
        const grad = byHfName.get(key)!;
        const rel = Math.abs((await l2Norm(grad)) - norm) / Math.max(norm, 1e-12);
        worst = Math.max(worst, rel);
        expect(rel, key).toBeLessThan(GRAD_REL);
      }
      for (const [key, full] of Object.entries(expected.grads_full)) {
        const grad = byHfName.get(key)!;
        const scale = Math.max(...((await grad.data()) as Float32Array).map(Math.abs), 1e-12);
        expect((await maxAbsDiff(grad, full)) / scale, key).toBeLessThan(GRAD_REL);
      }
      console.info(`[${backend}] ${name} worst grad-norm relative error ${worst.toExponential(2)}`);
      tf.dispose(Object.values(grads));
    });
  });
});
