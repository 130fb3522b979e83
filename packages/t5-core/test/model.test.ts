// The model API beyond raw parity: incremental decoding against the full pass, the decoder prefix and linear
// swapping checked against PEFT's outputs (peft_expected.json of the shared fixtures: PEFT 0.21.0 on
// transformers 4.57.6, logits / loss within 1e-4), variables, freezing, dropout seeding, init, memory.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingGradients } from '../src/backend/index.js';
import {
  type DecoderPrefixProvider,
  DenseLinear,
  type ForwardContext,
  type LinearLayer,
  T5ForConditionalGeneration,
  assertTokenizerFitsModel,
  readSafetensors,
} from '../src/index.js';
import { SHARED_DIR, TEST_BACKENDS, useBackend } from './support/backends.js';
import { type FixtureInputs, type Nested, fixtureDir, maxAbsDiff, readJson } from './support/t5-fixtures.js';

const FIXTURES = ['t5_v1_0_relu_tied', 't5_v1_1_gated_gelu_untied'];

interface PeftExpected {
  lora: { logits: Nested; loss: number };
  prefix: {
    logits: Nested;
    loss: number;
    decoder_self_attention_prefix_kv: { key: Nested; value: Nested }[];
  };
}

/** A minimal LoRA layer for the test: `base(x) + scaling * (x Aᵀ) Bᵀ` with PEFT's `[r, in]` / `[out, r]` tables. */
class TestLora implements LinearLayer {
  readonly inFeatures: number;
  readonly outFeatures: number;
  constructor(
    private readonly base: LinearLayer,
    private readonly a: tf.Variable,
    private readonly b: tf.Variable,
    private readonly scaling: number,
  ) {
    this.inFeatures = base.inFeatures;
    this.outFeatures = base.outFeatures;
  }
  apply(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    return tf.tidy(() => {
      const lead = x.shape.slice(0, -1);
      const flat = tf.reshape(x, [-1, this.inFeatures]);
      const delta = tf.matMul(tf.matMul(flat, this.a, false, true), this.b, false, true);
      return tf.add(
        this.base.apply(x, ctx),
        tf.reshape(tf.mul(delta, this.scaling), [...lead, this.outFeatures]),
      );
    });
  }
  variables(): Map<string, tf.Variable> {
    return new Map([
      ...this.base.variables(),
      ['lora_A.default.weight', this.a],
      ['lora_B.default.weight', this.b],
    ]);
  }
  dispose(): void {
    this.base.dispose();
    this.a.dispose();
    this.b.dispose();
  }
}

/** Prefix provider from resolved per-layer K/V `[heads, prefix, d_kv]`, tiled over the batch. */
function fixedPrefix(kv: { key: Nested; value: Nested }[]): DecoderPrefixProvider & { dispose(): void } {
  const keys = kv.map((l) => tf.tensor(l.key as number[][][]) as tf.Tensor3D);
  const values = kv.map((l) => tf.tensor(l.value as number[][][]) as tf.Tensor3D);
  const tile = (t: tf.Tensor3D, batch: number) =>
    tf.tile(tf.expandDims(t, 0), [batch, 1, 1, 1]) as tf.Tensor4D;
  return {
    prefixLength: keys[0].shape[1],
    prefix: (batch) => ({ keys: keys.map((k) => tile(k, batch)), values: values.map((v) => tile(v, batch)) }),
    variables: () => new Map(),
    dispose: () => tf.dispose([...keys, ...values]),
  };
}

/** Greedy-free teacher-forced incremental decoding: feeds `ids` in chunks and concatenates the logits. */
function decodeInChunks(
  model: T5ForConditionalGeneration,
  inputs: FixtureInputs,
  chunks: number[],
): tf.Tensor3D {
  const inputIds = tf.tensor2d(inputs.input_ids, undefined, 'int32');
  const mask = tf.tensor2d(inputs.attention_mask, undefined, 'int32');
  const decoderIds = tf.tensor2d(inputs.decoder_input_ids, undefined, 'int32');
  const encoded = model.encode(inputIds, mask);
  let cache = model.initDecoderCache(encoded);
  const crossKey = cache.layers[0].crossKey;
  const pieces: tf.Tensor3D[] = [];
  let at = 0;
  for (const size of chunks) {
    const step = tf.slice(decoderIds, [0, at], [-1, size]) as tf.Tensor2D;
    const { logits, cache: next } = model.decodeStep(step, cache, mask);
    expect(next.layers[0].crossKey).toBe(crossKey); // cross K/V computed once and passed through
    expect(next.length).toBe(at + size);
    for (const layer of cache.layers) tf.dispose([layer.selfKey, layer.selfValue]);
    cache = next;
    pieces.push(logits);
    step.dispose();
    at += size;
  }
  for (const layer of cache.layers)
    tf.dispose([layer.selfKey, layer.selfValue, layer.crossKey, layer.crossValue]);
  const all = tf.concat(pieces, 1);
  tf.dispose([...pieces, inputIds, mask, decoderIds, encoded]);
  return all;
}

describe.each(TEST_BACKENDS)('T5ForConditionalGeneration on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  describe.each(FIXTURES)('%s', (name) => {
    const dir = fixtureDir(SHARED_DIR, name);
    const expected = readJson<{ inputs: FixtureInputs; logits: Nested }>(join(dir, 'expected.json'));
    const peft = readJson<PeftExpected>(join(dir, 'peft_expected.json'));
    const inputs = expected.inputs;
    let model: T5ForConditionalGeneration;
    beforeAll(async () => {
      model = await T5ForConditionalGeneration.fromPretrained(dir);
    });
    afterAll(() => model.dispose());

    it('incremental decoding (one token, then chunks) equals the full pass within 1e-4, without leaks', async () => {
      decodeInChunks(model, inputs, [5]).dispose(); // warm-up: a tied head caches sharedᵀ once
      const before = tf.memory().numTensors;
      for (const chunks of [[1, 1, 1, 1, 1], [2, 3], [5]]) {
        const logits = decodeInChunks(model, inputs, chunks);
        expect(await maxAbsDiff(logits, expected.logits)).toBeLessThan(1e-4);
        logits.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    });

    it('decoder prefix (PEFT prefix tuning semantics) matches PEFT logits and loss, full and incremental', async () => {
      const provider = fixedPrefix(peft.prefix.decoder_self_attention_prefix_kv);
      model.setDecoderPrefixProvider(provider);
      try {
        const full = model.forward({
          inputIds: inputs.input_ids,
          attentionMask: inputs.attention_mask,
          decoderInputIds: inputs.decoder_input_ids,
        });
        expect(await maxAbsDiff(full.logits, peft.prefix.logits)).toBeLessThan(1e-4);
        const withLabels = model.forward({
          inputIds: inputs.input_ids,
          attentionMask: inputs.attention_mask,
          labels: inputs.labels,
        });
        expect(Math.abs(withLabels.loss!.dataSync()[0] - peft.prefix.loss)).toBeLessThan(1e-4);
        const incremental = decodeInChunks(model, inputs, [1, 2, 1, 1]);
        expect(await maxAbsDiff(incremental, peft.prefix.logits)).toBeLessThan(1e-4);
        tf.dispose([full.logits, withLabels.logits, withLabels.loss!, incremental]);
      } finally {
        model.setDecoderPrefixProvider(null);
        provider.dispose();
      }
    });

    it('setLinear with a LoRA layer reproduces PEFT LoRA logits and loss; variables appear under PEFT names', async () => {
      const local = await T5ForConditionalGeneration.fromPretrained(dir);
      const adapter = await readSafetensors(join(dir, 'peft_lora', 'adapter_model.safetensors'));
      const modules = local.linearPaths().filter((p) => p.endsWith('.q') || p.endsWith('.v'));
      for (const path of modules) {
        const a = adapter.get(`base_model.model.${path}.lora_A.weight`)!;
        const b = adapter.get(`base_model.model.${path}.lora_B.weight`)!;
        local.setLinear(
          path,
          new TestLora(
            local.getLinear(path),
            tf.variable(tf.tensor(a.data, a.shape)),
            tf.variable(tf.tensor(b.data, b.shape)),
            2,
          ),
        );
      }
      const out = local.forward({
        inputIds: inputs.input_ids,
        attentionMask: inputs.attention_mask,
        labels: inputs.labels,
      });
      const plain = local.forward({
        inputIds: inputs.input_ids,
        attentionMask: inputs.attention_mask,
        decoderInputIds: inputs.decoder_input_ids,
      });
      expect(await maxAbsDiff(plain.logits, peft.lora.logits)).toBeLessThan(1e-4);
      expect(Math.abs(out.loss!.dataSync()[0] - peft.lora.loss)).toBeLessThan(1e-4);
      const names = [...local.namedVariables().keys()];
      expect(names).toContain('encoder.block.0.layer.0.SelfAttention.q.lora_A.default.weight');
      expect(names).toContain('decoder.block.1.layer.1.EncDecAttention.v.lora_B.default.weight');
      local.freeze();
      local.unfreeze(names.filter((n) => n.includes('lora_')));
      expect([...local.namedTrainableVariables().keys()].every((n) => n.includes('lora_'))).toBe(true);
      expect(local.namedTrainableVariables().size).toBe(modules.length * 2);
      tf.dispose([out.logits, out.loss!, plain.logits]);
      local.dispose();
    });
  });
});

describe('model API (cpu)', () => {
  beforeAll(async () => {
    registerTrainingGradients(); // tfjs-core's Node bundle ships no gradients
    await useBackend('cpu');
  });
  const tiny = {
    vocab_size: 40,
    d_model: 24,
    d_kv: 10,
    num_heads: 3,
    d_ff: 32,
    num_layers: 2,
    num_decoder_layers: 3,
    feed_forward_proj: 'gated-gelu',
    tie_word_embeddings: false,
  };
  const batch = { inputIds: [[5, 6, 7, 1]], attentionMask: [[1, 1, 1, 1]], labels: [[8, 9, 1]] };

  it('linearPaths lists every projection by HF module name', async () => {
    const model = await T5ForConditionalGeneration.fromConfig(tiny, { seed: 1 });
    const paths = model.linearPaths();
    expect(paths).toHaveLength(2 * (4 + 3) + 3 * (8 + 3));
    expect(paths).toContain('encoder.block.0.layer.0.SelfAttention.q');
    expect(paths).toContain('decoder.block.1.layer.1.EncDecAttention.v');
    expect(paths).toContain('decoder.block.2.layer.2.DenseReluDense.wi_0');
    expect(paths).not.toContain('lm_head');
    const q = model.getLinear('encoder.block.0.layer.0.SelfAttention.q');
    expect([q.inFeatures, q.outFeatures]).toEqual([24, 30]); // heads * d_kv = 30 != d_model
    expect(model.getLinear('lm_head').outFeatures).toBe(40);
    expect(() => model.getLinear('encoder.block.9.layer.0.SelfAttention.q')).toThrow(/no linear layer/);
    const wrong = new DenseLinear(tf.variable(tf.zeros([30, 24])));
    expect(() => model.setLinear('encoder.block.0.layer.0.SelfAttention.q', wrong)).toThrow(
      /expected in=24 out=30/,
    );
    wrong.dispose();
    model.dispose();
  });

  it('numParameters, namedVariables (HF names) and freeze / unfreeze', async () => {
    const model = await T5ForConditionalGeneration.fromConfig(tiny, { seed: 1 });
    const names = [...model.namedVariables().keys()];
    expect(names[0]).toBe('shared.weight');
    expect(names).toContain('lm_head.weight');
    expect(names).toContain('decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight');
    expect(names).not.toContain('decoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight');
    const attention = 4 * 24 * 30;
    const encoderBlock = attention + 3 * 24 * 32 + 2 * 24;
    const decoderBlock = 2 * attention + 3 * 24 * 32 + 3 * 24;
    const expectedCount = 40 * 24 * 2 + 2 * encoderBlock + 3 * decoderBlock + 2 * 24 + 2 * 32 * 3;
    expect(model.numParameters()).toBe(expectedCount);
    model.freeze();
    expect(model.namedTrainableVariables().size).toBe(0);
    model.unfreeze(['shared.weight']);
    expect([...model.namedTrainableVariables().keys()]).toEqual(['shared.weight']);
    expect(() => model.freeze(['nope'])).toThrow(/no variable "nope"/);
    model.dispose();
  });

  it('fromConfig draws HF _init_weights distributions, reproducibly from the seed', async () => {
    const big = { ...tiny, d_model: 64, d_kv: 16, num_heads: 4, d_ff: 128, initializer_factor: 2 };
    const a = await T5ForConditionalGeneration.fromConfig(big, { seed: 7 });
    const b = await T5ForConditionalGeneration.fromConfig(big, { seed: 7 });
    const c = await T5ForConditionalGeneration.fromConfig(big, { seed: 8 });
    const std = (t: tf.Tensor) => tf.tidy(() => Math.sqrt(tf.moments(t).variance.dataSync()[0]));
    const vars = a.namedVariables();
    const expectStd = (key: string, want: number) => {
      expect(Math.abs(std(vars.get(key)!) / want - 1), key).toBeLessThan(0.05);
    };
    expectStd('shared.weight', 2);
    expectStd('lm_head.weight', 2);
    expectStd('encoder.block.0.layer.0.SelfAttention.q.weight', 2 * (64 * 16) ** -0.5);
    expectStd('encoder.block.0.layer.0.SelfAttention.k.weight', 2 * 64 ** -0.5);
    expectStd('encoder.block.0.layer.0.SelfAttention.o.weight', 2 * 64 ** -0.5);
    expectStd('decoder.block.1.layer.2.DenseReluDense.wi_1.weight', 2 * 64 ** -0.5);
    expectStd('decoder.block.1.layer.2.DenseReluDense.wo.weight', 2 * 128 ** -0.5);
    expect([...vars.get('encoder.final_layer_norm.weight')!.dataSync()].every((v) => v === 2)).toBe(true);
    const key = 'decoder.block.0.layer.1.EncDecAttention.k.weight';
    expect(a.namedVariables().get(key)!.dataSync()).toEqual(b.namedVariables().get(key)!.dataSync());
    expect(a.namedVariables().get(key)!.dataSync()).not.toEqual(c.namedVariables().get(key)!.dataSync());
    // Several instances coexist: variable names never collide, and disposing one leaves the others intact.
    expect(vars.get(key)!.name).not.toBe(b.namedVariables().get(key)!.name);
    a.dispose();
    const out = b.forward(batch);
    expect(Number.isFinite(out.loss!.dataSync()[0])).toBe(true);
    tf.dispose([out.logits, out.loss!]);
    b.dispose();
    c.dispose();
  });

  it('dropout only in training, masks from the explicit seed', async () => {
    const model = await T5ForConditionalGeneration.fromConfig({ ...tiny, dropout_rate: 0.3 }, { seed: 3 });
    const run = (training: boolean, seed?: number) => {
      const { logits, loss } = model.forward(batch, { training, seed });
      const value = loss!.dataSync()[0];
      tf.dispose([logits, loss!]);
      return value;
    };
    expect(run(false, 1)).toBe(run(false, 2));
    expect(run(true, 11)).toBe(run(true, 11));
    expect(run(true, 11)).not.toBe(run(true, 12));
    expect(run(true, 11)).not.toBe(run(false));
    model.dispose();
  });

  it('forward: decoder inputs default to labels shifted right; bad input names the field', async () => {
    const model = await T5ForConditionalGeneration.fromConfig(tiny, { seed: 4 });
    const a = model.forward(batch);
    const b = model.forward({ ...batch, decoderInputIds: [[0, 8, 9]] });
    const c = model.forward({
      inputIds: tf.tensor2d(batch.inputIds, undefined, 'int32'),
      labels: [[8, -100, -100]],
    });
    const d = model.forward({ ...batch, labels: [[8, 1, 1]], decoderInputIds: [[0, 8, 0]] });
    expect(a.loss!.dataSync()[0]).toBeCloseTo(b.loss!.dataSync()[0], 6);
    expect(a.logits.shape).toEqual([1, 3, 40]);
    expect(Number.isFinite(c.loss!.dataSync()[0])).toBe(true);
    tf.dispose([a.logits, a.loss!, b.logits, b.loss!, c.logits, c.loss!, d.logits, d.loss!]);
    expect(() => model.forward({ inputIds: [[1, 2], [3]] })).toThrow(/inputIds: row 1 has length 1/);
    expect(() => model.forward({ inputIds: [[1, 2]] })).toThrow(/decoderInputIds or labels/);
    expect(() => model.forward({ inputIds: [[1, 2]], attentionMask: [[1, 1, 1]], labels: [[1]] })).toThrow(
      /attentionMask: expected shape \[1, 2\]/,
    );
    model.dispose();
  });

  it('ids outside vocab_size are an error naming the field, row, column and vocab_size (not a GatherV2 error)', async () => {
    const model = await T5ForConditionalGeneration.fromConfig(tiny, { seed: 4 });
    const before = tf.memory().numTensors;
    expect(() =>
      model.forward({
        ...batch,
        inputIds: [
          [5, 6, 7, 1],
          [5, 49, 7, 1],
        ],
      }),
    ).toThrow(
      "inputIds: row 1 column 1 is 49, but the model's vocab_size is 40 (ids must be in [0, 40)); was it encoded by a tokenizer with more tokens than the model?",
    );
    expect(() => model.forward({ ...batch, labels: [[8, 40, -100]] })).toThrow(
      "labels: row 0 column 1 is 40, but the model's vocab_size is 40 (ids must be in [0, 40) or -100)",
    );
    expect(() => model.forward({ ...batch, labels: [[8, -1, 1]] })).toThrow(/labels: row 0 column 1 is -1/);
    expect(() => model.forward({ ...batch, decoderInputIds: [[0, 99, 1]] })).toThrow(
      /decoderInputIds: row 0 column 1 is 99, but the model's vocab_size is 40/,
    );
    await expect(
      Promise.resolve().then(() => model.generate([[5, 41, 1]], { maxNewTokens: 2 })),
    ).rejects.toThrow(/inputIds: row 0 column 1 is 41, but the model's vocab_size is 40/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('assertTokenizerFitsModel names both sizes and sources; a smaller tokenizer is fine', async () => {
    expect(() =>
      assertTokenizerFitsModel({ vocabSize: 150 }, { vocabSize: 128 }, { tokenizer: 'tok', model: 'runs/m' }),
    ).toThrow(
      "the tokenizer (tok) has 150 tokens but the model's vocab_size is 128 (runs/m): ids 128..149 have no embedding row",
    );
    expect(() => assertTokenizerFitsModel({ vocabSize: 32100 }, { vocabSize: 32128 })).not.toThrow();
  });

  it.each([false, true])(
    'memory (tied=%s): training steps leak nothing; dispose frees every tensor',
    async (tied) => {
      const before = tf.memory().numTensors;
      const model = await T5ForConditionalGeneration.fromConfig(
        { ...tiny, tie_word_embeddings: tied },
        { seed: 5 },
      );
      const afterBuild = tf.memory().numTensors;
      expect(afterBuild - before).toBe(model.namedVariables().size);
      const shared = model.namedVariables().get('shared.weight')!;
      const step = () => {
        const { value, grads } = tf.variableGrads(
          () => model.forward(batch, { training: true, seed: 1 }).loss!,
          [...model.namedTrainableVariables().values()],
        );
        // An optimizer-like update of the embedding, so a tied head must refresh its cached transpose.
        const updated = tf.tidy(() => tf.sub(shared, tf.mul(grads[shared.name], 0.01)));
        shared.assign(updated);
        updated.dispose();
        tf.dispose([value, ...Object.values(grads)]);
      };
      step();
      const afterOne = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) step();
      expect(tf.memory().numTensors).toBe(afterOne);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(() => model.forward(batch)).toThrow(/after dispose/);
    },
  );
});

describe('generate (cpu)', () => {
  beforeAll(() => useBackend('cpu'));

  it('generate() delegates to generateSequences: greedy output of the fixture as transformers produced it', async () => {
    const dir = fixtureDir(SHARED_DIR, 't5_v1_1_gated_gelu_untied');
    const expected = readJson<{ inputs: FixtureInputs; greedy: { sequences: number[][] } }>(
      join(dir, 'expected.json'),
    );
    const model = await T5ForConditionalGeneration.fromPretrained(dir);
    const out = await model.generate(expected.inputs.input_ids, {
      attentionMask: expected.inputs.attention_mask,
      maxNewTokens: 10,
    });
    expect(out).toEqual(expected.greedy.sequences);
    model.dispose();
  });
});

describe('tied LM head (cpu)', () => {
  beforeAll(async () => {
    registerTrainingGradients();
    await useBackend('cpu');
  });

  it('follows updates of shared.weight (cache keyed on the data) and matches x sharedᵀ with its gradient', async () => {
    const model = await T5ForConditionalGeneration.fromConfig(
      { vocab_size: 30, d_model: 16, d_kv: 4, num_heads: 2, d_ff: 16, num_layers: 1 },
      { seed: 9 },
    );
    const batch = { inputIds: [[3, 4, 1]], decoderInputIds: [[0, 5]] };
    const shared = model.namedVariables().get('shared.weight')!;
    const first = model.forward(batch).logits;
    const doubled = tf.tidy(() => tf.mul(shared, 2));
    shared.assign(doubled);
    doubled.dispose();
    const second = model.forward(batch).logits;
    expect(await maxAbsDiff(second, first.arraySync() as Nested)).toBeGreaterThan(1e-3);
    // Reference: the same head through plain tfjs ops.
    const x = tf.randomNormal([3, 16], 0, 1, 'float32', 1) as tf.Tensor2D;
    const head = (model as unknown as { modules: { tiedHead: { apply(x: tf.Tensor2D): tf.Tensor2D } } })
      .modules.tiedHead;
    const dy = tf.randomNormal([3, 30], 0, 1, 'float32', 2);
    const viaHead = tf.grads((a: tf.Tensor, w: tf.Tensor) =>
      tf.sum(tf.mul(head.apply(a as tf.Tensor2D), dy)),
    )([x, shared]);
    const viaOps = tf.grads((a: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a, w, false, true), dy)))(
      [x, shared],
    );
    expect(await maxAbsDiff(viaHead[0], viaOps[0].arraySync() as Nested)).toBeLessThan(1e-5);
    expect(await maxAbsDiff(viaHead[1], viaOps[1].arraySync() as Nested)).toBeLessThan(1e-5);
    tf.dispose([first, second, x, dy, ...viaHead, ...viaOps]);
    model.dispose();
  });
});
