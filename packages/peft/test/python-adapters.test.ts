// Adapters saved by Python PEFT 0.21 (test/fixtures/python-peft, configurations beyond the shared fixtures: rsLoRA,
// k/o/wi_1/lm_head targets with PEFT's saved lm_head base weight, layers_to_transform with rank/alpha patterns,
// prefix projection) load with PeftModel.fromPretrained and reproduce PEFT's logits within 1e-4, cpu and wasm.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { T5ForConditionalGeneration } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PeftModel } from '../src/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { LOGITS_BATCH } from './support/batches.js';
import { maxAbsDiff } from './support/compare.js';
import { T5_FIXTURES } from './support/fixtures.js';

const HERE = resolve(__dirname, 'fixtures/python-peft');
const expected: Record<string, { fixture: string; logits: number[] }> = JSON.parse(
  readFileSync(resolve(HERE, 'expected.json'), 'utf8'),
);
const CASES: Array<[string, number]> = [
  ['py_lora', 22], // k, o, wi_1 in 2 encoder + 3 decoder blocks (self and cross), plus lm_head
  ['py_lora_layers', 8], // block 1 only: q, v, wi in the encoder; q, v (self, cross) and wi in the decoder
  ['py_prefix_proj', 0],
];

describe.each(TEST_BACKENDS)('Python PEFT adapters on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each(CASES)('%s reproduces PEFT logits within 1e-4', async (name, loraLayers) => {
    const { fixture, logits: reference } = expected[name];
    const base = await T5ForConditionalGeneration.fromPretrained(resolve(T5_FIXTURES, fixture));
    const peft = await PeftModel.fromPretrained(base, resolve(HERE, name));
    expect(peft.lora.size).toBe(loraLayers);
    const { logits } = peft.forward(LOGITS_BATCH);
    const d = maxAbsDiff(await logits.data(), reference);
    console.log(`[${backend}] ${name}: max |Δlogits| ${d.toExponential(2)}`);
    expect(d).toBeLessThan(1e-4);
    tf.dispose(logits);
    peft.dispose();
  });
});
