// T5Config parsing as transformers' T5Config does it, and the ACT2FN activations against transformers 4.57.6's
// own outputs (test/fixtures/activations.json from scripts/make-t5-fixtures.py), within 1e-5 absolute.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, parseT5Config, stringifyConfigJson, toConfigJson } from '../src/index.js';
import { getActivation } from '../src/internal/index.js';
import { SHARED_DIR, TEST_BACKENDS, useBackend } from './support/backends.js';
import { fixtureDir, readJson } from './support/t5-fixtures.js';

describe('parseT5Config', () => {
  it('reads the shared fixtures (v1.0 relu tied, v1.1 gated-gelu untied)', async () => {
    const v10 = parseT5Config(
      JSON.parse(await readFile(join(fixtureDir(SHARED_DIR, 't5_v1_0_relu_tied'), 'config.json'), 'utf8')),
    );
    expect(v10).toMatchObject({
      dense_act_fn: 'relu',
      is_gated_act: false,
      tie_word_embeddings: true,
      scale_decoder_outputs: true,
    });
    expect(v10.dtype).toBe('float32');
    const v11 = parseT5Config(
      JSON.parse(
        await readFile(join(fixtureDir(SHARED_DIR, 't5_v1_1_gated_gelu_untied'), 'config.json'), 'utf8'),
      ),
    );
    expect(v11).toMatchObject({
      dense_act_fn: 'gelu_new', // legacy "gated-gelu" means the tanh approximation
      is_gated_act: true,
      tie_word_embeddings: false,
      scale_decoder_outputs: false,
      num_layers: 2,
      num_decoder_layers: 3,
    });
    expect(v11.extra.architectures).toEqual(['T5ForConditionalGeneration']);
  });

  it('fills transformers defaults', () => {
    const c = parseT5Config({});
    expect(c).toMatchObject({
      vocab_size: 32128,
      d_model: 512,
      d_kv: 64,
      d_ff: 2048,
      num_layers: 6,
      num_decoder_layers: 6,
      num_heads: 8,
      relative_attention_num_buckets: 32,
      relative_attention_max_distance: 128,
      dropout_rate: 0.1,
      layer_norm_epsilon: 1e-6,
      initializer_factor: 1,
      feed_forward_proj: 'relu',
      dense_act_fn: 'relu',
      tie_word_embeddings: true,
      scale_decoder_outputs: true,
      pad_token_id: 0,
      eos_token_id: 1,
      decoder_start_token_id: 0,
    });
    expect(parseT5Config({ num_layers: 3 }).num_decoder_layers).toBe(3);
  });

  it('maps feed_forward_proj like T5Config: "gated-X" → gated X, "X" → X, legacy gated-gelu → gelu_new', () => {
    const act = (p: string) => {
      const c = parseT5Config({ feed_forward_proj: p });
      return [c.dense_act_fn, c.is_gated_act];
    };
    expect(act('gelu')).toEqual(['gelu', false]);
    expect(act('gated-gelu')).toEqual(['gelu_new', true]);
    expect(act('gated-relu')).toEqual(['relu', true]);
    expect(act('gated-silu')).toEqual(['silu', true]);
    expect(act('gated-gelu_new')).toEqual(['gelu_new', true]);
    expect(act('gelu_pytorch_tanh')).toEqual(['gelu_pytorch_tanh', false]);
    expect(() => parseT5Config({ feed_forward_proj: 'fancy-gelu' }, 'x/config.json')).toThrow(
      /x\/config\.json: "feed_forward_proj" must be "gated-\{ACT_FN\}" or "\{ACT_FN\}".*found "fancy-gelu"/,
    );
    expect(() => parseT5Config({ feed_forward_proj: 'gated-gelu-new' })).toThrow(/feed_forward_proj/);
    expect(() => parseT5Config({ feed_forward_proj: 'prelu' })).toThrow(/"prelu" has learnable parameters/);
  });

  it('reads torch_dtype and dtype, transformers 5 scale_decoder_outputs, and rejects bad values naming the key', () => {
    expect(parseT5Config({ torch_dtype: 'bfloat16' }).dtype).toBe('bfloat16');
    expect(parseT5Config({ dtype: 'float16', torch_dtype: 'float32' }).dtype).toBe('float16');
    const v5 = parseT5Config({ tie_word_embeddings: true, scale_decoder_outputs: false });
    expect([v5.tie_word_embeddings, v5.scale_decoder_outputs]).toEqual([true, false]);
    expect(() => parseT5Config({ d_model: 64.5 }, 'c.json')).toThrow(
      /c\.json: "d_model" must be an integer, found 64\.5/,
    );
    expect(() => parseT5Config({ num_heads: '8' as unknown as number })).toThrow(
      /"num_heads" must be an integer, found "8"/,
    );
    expect(() => parseT5Config({ tie_word_embeddings: 'no' as unknown as boolean })).toThrow(
      /"tie_word_embeddings" must be true or false/,
    );
    expect(() => parseT5Config([] as never, 'c.json')).toThrow(/c\.json: expected a JSON object/);
  });

  it.each([
    ['d_model', 0, 'a positive integer'],
    ['num_heads', -2, 'a positive integer'],
    ['d_kv', 0, 'a positive integer'],
    ['d_ff', -1, 'a positive integer'],
    ['num_layers', 0, 'a positive integer'],
    ['num_decoder_layers', 0, 'a positive integer'],
    ['vocab_size', 0, 'a positive integer'],
    ['relative_attention_num_buckets', 0, 'a positive integer'],
    ['relative_attention_max_distance', -128, 'a positive integer'],
    ['dropout_rate', 2, 'in [0, 1)'],
    ['dropout_rate', 1, 'in [0, 1)'],
    ['dropout_rate', -0.1, 'in [0, 1)'],
    ['layer_norm_epsilon', -1, '> 0'],
    ['layer_norm_epsilon', 0, '> 0'],
    ['initializer_factor', 0, '> 0'],
    ['pad_token_id', 128, 'in [0, 128)'],
    ['decoder_start_token_id', -1, 'in [0, 128)'],
  ])('rejects %s = %s naming the file, the key and the value', (key, value, expected) => {
    expect(() => parseT5Config({ vocab_size: 128, [key]: value }, 'runs/x/config.json')).toThrow(
      `runs/x/config.json: "${key}" must be ${expected}, found ${value}`,
    );
  });

  it('rejects eos ids outside the vocabulary and non-integer eos ids', () => {
    expect(() => parseT5Config({ vocab_size: 128, eos_token_id: [1, 300] }, 'c.json')).toThrow(
      'c.json: "eos_token_id" must be in [0, 128), found 300',
    );
    expect(() => parseT5Config({ eos_token_id: 1.5 }, 'c.json')).toThrow(
      'c.json: "eos_token_id" must be an integer or a list of integers, found 1.5',
    );
    // The edges of each range are accepted.
    expect(
      parseT5Config({
        vocab_size: 1,
        d_model: 1,
        dropout_rate: 0,
        layer_norm_epsilon: 1e-12,
        eos_token_id: 0,
      }),
    ).toMatchObject({ vocab_size: 1, dropout_rate: 0 });
  });

  it('round-trips config.json: extras kept, floats written as floats, both dtype spellings', () => {
    const json = {
      d_model: 64,
      architectures: ['T5ForConditionalGeneration'],
      task_specific_params: { a: 1 },
      torch_dtype: 'bfloat16',
    };
    const out = toConfigJson(parseT5Config(json));
    expect(out).toMatchObject({
      d_model: 64,
      architectures: json.architectures,
      task_specific_params: { a: 1 },
    });
    expect([out.dtype, out.torch_dtype]).toEqual(['float32', 'float32']);
    const text = stringifyConfigJson(parseT5Config({ initializer_factor: 2, dropout_rate: 0 }));
    expect(text).toMatch(/"initializer_factor": 2\.0,/);
    expect(text).toMatch(/"dropout_rate": 0\.0,/);
    expect(parseT5Config(JSON.parse(text))).toMatchObject({ initializer_factor: 2, dropout_rate: 0 });
  });
});

describe.each(TEST_BACKENDS)('ACT2FN activations on %s', (backend) => {
  const table = readJson<{ x: number[]; y: Record<string, number[]> }>(
    join(__dirname, 'fixtures', 'activations.json'),
  );
  beforeAll(() => useBackend(backend));

  it.each(Object.keys(table.y))('%s matches transformers within 1e-5', (name) => {
    const y = tf.tidy(() => getActivation(name)(tf.tensor1d(table.x)).dataSync());
    const worst = Math.max(...table.y[name].map((v, i) => Math.abs(v - y[i])));
    expect(worst).toBeLessThan(1e-5);
  });

  it('names transformers 5 added (hardswish, sqrtsoftplus) follow their definitions', () => {
    const x = tf.tensor1d([-4, -1, 0, 1, 4]);
    const hs = tf.tidy(() => getActivation('hardswish')(x)).dataSync(); // x * relu6(x + 3) / 6
    expect([...hs].map((v) => Number(v.toFixed(6)) + 0)).toEqual([0, -0.333333, 0, 0.666667, 4]);
    const sp = tf.tidy(() => getActivation('sqrtsoftplus')(x)).dataSync();
    expect(sp[2]).toBeCloseTo(Math.sqrt(Math.log(2)), 6);
    x.dispose();
  });

  it('every supported name is in the table or checked above; unknown names are an error', () => {
    for (const name of ACTIVATION_NAMES)
      expect([...Object.keys(table.y), 'hardswish', 'sqrtsoftplus']).toContain(name);
    expect(() => getActivation('gelu_ultra')).toThrow(/activation "gelu_ultra" is not an ACT2FN name/);
  });
});
