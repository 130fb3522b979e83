// safetensors reading/writing and checkpoint loading/saving. References: the safetensors format (8-byte LE header
// length, JSON header, data) as the Python `safetensors` 0.8 library writes it (the shared fixture files are
// byte-for-byte re-created), and transformers' `save_pretrained` layout.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SafeTensor,
  T5ForConditionalGeneration,
  T5Tokenizer,
  readSafetensors,
  readSafetensorsMetadata,
  serializeSafetensors,
  writeSafetensors,
} from '../src/index.js';
import { bfloat16ToFloat32, float16ToFloat32 } from '../src/internal/index.js';
import { SHARED_DIR, useBackend } from './support/backends.js';
import { type FixtureInputs, fixtureDir, readJson } from './support/t5-fixtures.js';

const TIED = fixtureDir(SHARED_DIR, 't5_v1_0_relu_tied');
const UNTIED = fixtureDir(SHARED_DIR, 't5_v1_1_gated_gelu_untied');

/** Writes a safetensors file with a hand-made header and raw data. */
async function rawFile(path: string, header: object, data: Uint8Array): Promise<void> {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  await writeFile(path, out);
}

/** A fixture copy with edited tensors / files, for the error paths. */
async function editedCheckpoint(
  work: string,
  name: string,
  edit: (tensors: Map<string, SafeTensor>) => void,
  source = TIED,
): Promise<string> {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await copyFile(join(source, 'config.json'), join(dir, 'config.json'));
  const tensors = await readSafetensors(join(source, 'model.safetensors'));
  edit(tensors);
  await writeSafetensors(join(dir, 'model.safetensors'), tensors, { format: 'pt' });
  return dir;
}

describe('safetensors', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 't5sql-st-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('re-serialises a file written by Python safetensors byte for byte', async () => {
    const path = join(TIED, 'model.safetensors');
    const tensors = await readSafetensors(path);
    expect(tensors.get('shared.weight')!.shape).toEqual([128, 64]);
    expect(await readSafetensorsMetadata(path)).toEqual({ format: 'pt' });
    const bytes = serializeSafetensors(tensors, { format: 'pt' });
    expect(Buffer.from(bytes).equals(await readFile(path))).toBe(true);
  });

  it('round-trips through writeSafetensors atomically (no temporary file left)', async () => {
    const path = join(work, 'a.safetensors');
    const tensors = new Map([
      ['b', { shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) }],
      ['a', { shape: [], data: new Float32Array([-0.5]) }],
    ]);
    await writeSafetensors(path, tensors, { format: 'pt' });
    const back = await readSafetensors(path);
    expect([...back.keys()]).toEqual(['a', 'b']);
    expect(back.get('b')).toEqual({
      dtype: 'F32',
      shape: [2, 3],
      data: new Float32Array([1, 2, 3, 4, 5, 6]),
    });
    expect(back.get('a')!.data[0]).toBe(-0.5);
    expect((await readdir(work)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(() => serializeSafetensors(new Map([['x', { shape: [3], data: new Float32Array(2) }]]))).toThrow(
      /tensor "x": shape \[3\] holds 3 values, data has 2/,
    );
  });

  it('widens F16 and BF16 exactly', async () => {
    // 1, -2, 0.5, 65504 (max half), smallest subnormal, +inf in F16; 1, -2, 3.140625 in BF16.
    const f16 = new Uint16Array([0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x7c00]);
    expect([...float16ToFloat32(f16)]).toEqual([1, -2, 0.5, 65504, 2 ** -24, Number.POSITIVE_INFINITY]);
    const bf16 = new Uint16Array([0x3f80, 0xc000, 0x4049]);
    expect([...bfloat16ToFloat32(bf16)]).toEqual([1, -2, 3.140625]);
    const path = join(work, 'half.safetensors');
    const data = new Uint8Array(12);
    data.set(new Uint8Array(f16.buffer, 0, 6), 0);
    data.set(new Uint8Array(bf16.buffer, 0, 6), 6);
    await rawFile(
      path,
      {
        h: { dtype: 'F16', shape: [3], data_offsets: [0, 6] },
        b: { dtype: 'BF16', shape: [1, 3], data_offsets: [6, 12] },
      },
      data,
    );
    const back = await readSafetensors(path);
    expect(back.get('h')).toEqual({ dtype: 'F16', shape: [3], data: new Float32Array([1, -2, 0.5]) });
    expect(back.get('b')).toEqual({
      dtype: 'BF16',
      shape: [1, 3],
      data: new Float32Array([1, -2, 3.140625]),
    });
  });

  it('rejects bad headers, naming the file and the key', async () => {
    const bad = join(work, 'bad.safetensors');
    await rawFile(bad, { w: { dtype: 'I8', shape: [2], data_offsets: [0, 2] } }, new Uint8Array(2));
    await expect(readSafetensors(bad)).rejects.toThrow(
      /bad\.safetensors: tensor "w": dtype "I8" unsupported/,
    );
    await rawFile(bad, { w: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 8] } }, new Uint8Array(8));
    await expect(readSafetensors(bad)).rejects.toThrow(
      /tensor "w": shape \[2,2\] F32 needs 16 bytes, data_offsets span 8/,
    );
    await rawFile(bad, { w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, new Uint8Array(8));
    await expect(readSafetensors(bad)).rejects.toThrow(
      /tensor "w": data_offsets \[0,16\] outside the data section of 8/,
    );
    await writeFile(bad, new Uint8Array([200, 0, 0, 0, 0, 0, 0, 0, 123]));
    await expect(readSafetensors(bad)).rejects.toThrow(
      /bad\.safetensors: header length 200 exceeds the file size 9/,
    );
  });
});

describe('checkpoints', () => {
  let work: string;
  const inputs = readJson<{ inputs: FixtureInputs }>(join(TIED, 'expected.json')).inputs;
  const batch = { inputIds: inputs.input_ids, attentionMask: inputs.attention_mask, labels: inputs.labels };
  const lossOf = (model: T5ForConditionalGeneration) => {
    const { logits, loss } = model.forward(batch);
    const value = loss!.dataSync()[0];
    tf.dispose([logits, loss!]);
    return value;
  };
  beforeAll(async () => {
    await useBackend('cpu');
    work = await mkdtemp(join(tmpdir(), 't5sql-ckpt-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it.each([
    ['tied', TIED],
    ['untied', UNTIED],
  ])(
    'savePretrained (%s) writes what save_pretrained writes and reloads to the same logits',
    async (_, source) => {
      const model = await T5ForConditionalGeneration.fromPretrained(source);
      const out = join(work, `saved-${_}`);
      await model.savePretrained(out);
      expect((await readdir(out)).sort()).toEqual([
        'config.json',
        'generation_config.json',
        'model.safetensors',
      ]);
      // Same keys and shapes as the transformers file (tied: shared.weight only, no lm_head).
      const ours = await readSafetensors(join(out, 'model.safetensors'));
      const theirs = await readSafetensors(join(source, 'model.safetensors'));
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [key, t] of theirs) expect(ours.get(key)!.data, key).toEqual(t.data); // transposed back exactly
      expect(await readSafetensorsMetadata(join(out, 'model.safetensors'))).toEqual({ format: 'pt' });
      const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
      const original = JSON.parse(await readFile(join(source, 'config.json'), 'utf8'));
      for (const key of [
        'd_model',
        'num_decoder_layers',
        'feed_forward_proj',
        'dense_act_fn',
        'architectures',
      ]) {
        expect(config[key], key).toEqual(original[key]);
      }
      expect(config.tie_word_embeddings).toBe(original.tie_word_embeddings ?? true);
      expect(await readFile(join(out, 'config.json'), 'utf8')).toMatch(/"initializer_factor": 1\.0,/);
      const reloaded = await T5ForConditionalGeneration.fromPretrained(out);
      expect(lossOf(reloaded)).toBe(lossOf(model));
      model.dispose();
      reloaded.dispose();
    },
  );

  it('accepts tied copies (encoder/decoder embed_tokens, lm_head) and the unused cross-attention bias of t5', async () => {
    const dir = await editedCheckpoint(work, 'copies', (t) => {
      const shared = t.get('shared.weight')!;
      t.set('encoder.embed_tokens.weight', shared);
      t.set('decoder.embed_tokens.weight', shared);
      t.set('lm_head.weight', shared);
      t.set('decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight', {
        dtype: 'F32',
        shape: [32, 4],
        data: new Float32Array(128),
      });
    });
    const base = await T5ForConditionalGeneration.fromPretrained(TIED);
    const model = await T5ForConditionalGeneration.fromPretrained(dir);
    expect(model.config.tie_word_embeddings).toBe(true);
    expect(lossOf(model)).toBe(lossOf(base));
    base.dispose();
    model.dispose();
  });

  it('a tied config whose file has a distinct lm_head gets an untied head (transformers 5 semantics)', async () => {
    const dir = await editedCheckpoint(work, 'v5-untied', (t) => {
      const shared = t.get('shared.weight')!;
      t.set('lm_head.weight', { ...shared, data: shared.data.map((v) => v * 2) });
    });
    const model = await T5ForConditionalGeneration.fromPretrained(dir);
    expect(model.config.tie_word_embeddings).toBe(false);
    expect(model.config.scale_decoder_outputs).toBe(true);
    expect(model.namedVariables().has('lm_head.weight')).toBe(true);
    model.dispose();
  });

  it('loads a sharded checkpoint (model.safetensors.index.json)', async () => {
    const dir = join(work, 'sharded');
    await mkdir(dir, { recursive: true });
    await copyFile(join(UNTIED, 'config.json'), join(dir, 'config.json'));
    const tensors = await readSafetensors(join(UNTIED, 'model.safetensors'));
    const keys = [...tensors.keys()];
    const shards = [keys.slice(0, 20), keys.slice(20)];
    const weightMap: Record<string, string> = {};
    for (const [i, shardKeys] of shards.entries()) {
      const file = `model-0000${i + 1}-of-00002.safetensors`;
      await writeSafetensors(join(dir, file), new Map(shardKeys.map((k) => [k, tensors.get(k)!])), {
        format: 'pt',
      });
      for (const k of shardKeys) weightMap[k] = file;
    }
    await writeFile(
      join(dir, 'model.safetensors.index.json'),
      JSON.stringify({ metadata: {}, weight_map: weightMap }),
    );
    const sharded = await T5ForConditionalGeneration.fromPretrained(dir);
    const single = await T5ForConditionalGeneration.fromPretrained(UNTIED);
    expect(lossOf(sharded)).toBe(lossOf(single));
    sharded.dispose();
    single.dispose();
  });

  it('names the key and both shapes for missing, unexpected and mis-shaped tensors', async () => {
    const missing = await editedCheckpoint(work, 'missing', (t) =>
      t.delete('decoder.block.1.layer.2.DenseReluDense.wo.weight'),
    );
    await expect(T5ForConditionalGeneration.fromPretrained(missing)).rejects.toThrow(
      /missing "decoder\.block\.1\.layer\.2\.DenseReluDense\.wo\.weight" \(expected shape \[64,128\]\)/,
    );
    const unexpected = await editedCheckpoint(work, 'unexpected', (t) =>
      t.set('encoder.block.0.layer.1.DenseReluDense.wi_0.weight', {
        dtype: 'F32',
        shape: [2],
        data: new Float32Array(2),
      }),
    );
    await expect(T5ForConditionalGeneration.fromPretrained(unexpected)).rejects.toThrow(
      /unexpected "encoder\.block\.0\.layer\.1\.DenseReluDense\.wi_0\.weight" \(shape \[2\]\)/,
    );
    const misShaped = await editedCheckpoint(work, 'mis-shaped', (t) => {
      const q = t.get('encoder.block.1.layer.0.SelfAttention.q.weight')!;
      t.set('encoder.block.1.layer.0.SelfAttention.q.weight', { ...q, shape: [32, 128] });
    });
    await expect(T5ForConditionalGeneration.fromPretrained(misShaped)).rejects.toThrow(
      /"encoder\.block\.1\.layer\.0\.SelfAttention\.q\.weight": expected shape \[64,64\], found \[32,128\]/,
    );
    const untiedWithoutHead = await editedCheckpoint(
      work,
      'no-head',
      (t) => t.delete('lm_head.weight'),
      UNTIED,
    );
    await expect(T5ForConditionalGeneration.fromPretrained(untiedWithoutHead)).rejects.toThrow(
      /missing "lm_head\.weight"/,
    );
  });

  it('a missing local folder is reported as such, not as an invalid repo id', async () => {
    await expect(T5ForConditionalGeneration.fromPretrained('./nonexist')).rejects.toThrow(
      /^Local folder '\.\/nonexist' does not exist \(resolved to .*\)/,
    );
    await expect(T5Tokenizer.fromPretrained(join(work, 'no-such-dir'))).rejects.toThrow(
      `Local folder '${join(work, 'no-such-dir')}' does not exist`,
    );
  });

  it('checks config.json before the weights and names the file, the key and the value', async () => {
    const dir = join(work, 'bad-config');
    await mkdir(dir, { recursive: true });
    const json = JSON.parse(await readFile(join(TIED, 'config.json'), 'utf8'));
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...json, num_heads: 0 }));
    await copyFile(join(TIED, 'model.safetensors'), join(dir, 'model.safetensors'));
    await expect(T5ForConditionalGeneration.fromPretrained(dir)).rejects.toThrow(
      `${join(dir, 'config.json')}: "num_heads" must be a positive integer, found 0`,
    );
  });

  it('requires safetensors: a pytorch_model.bin-only checkpoint is a clear error', async () => {
    const dir = join(work, 'bin-only');
    await mkdir(dir, { recursive: true });
    await copyFile(join(TIED, 'config.json'), join(dir, 'config.json'));
    await writeFile(join(dir, 'pytorch_model.bin'), 'not a pickle');
    await expect(T5ForConditionalGeneration.fromPretrained(dir)).rejects.toThrow(
      /found pytorch_model\.bin but no model\.safetensors; safetensors weights are required/,
    );
    await rm(join(dir, 'pytorch_model.bin'));
    await expect(T5ForConditionalGeneration.fromPretrained(dir)).rejects.toThrow(
      /no model\.safetensors or model\.safetensors\.index\.json/,
    );
    expect(existsSync(join(dir, 'config.json'))).toBe(true);
    await rm(join(dir, 'config.json'));
    await expect(T5ForConditionalGeneration.fromPretrained(dir)).rejects.toThrow(/no config\.json/);
  });

  it('loads a hub repo id through @t5sql/hub (offline, from an HF-layout cache, with revision)', async () => {
    const cacheDir = join(work, 'hub-cache');
    const commit = 'a'.repeat(40);
    const repo = join(cacheDir, 'models--t5sql--tiny-t5');
    await mkdir(join(repo, 'snapshots', commit), { recursive: true });
    await mkdir(join(repo, 'refs'), { recursive: true });
    await writeFile(join(repo, 'refs', 'v1'), commit);
    for (const f of ['config.json', 'model.safetensors'])
      await copyFile(join(TIED, f), join(repo, 'snapshots', commit, f));
    const model = await T5ForConditionalGeneration.fromPretrained('t5sql/tiny-t5', {
      cacheDir,
      offline: true,
      revision: 'v1',
    });
    const local = await T5ForConditionalGeneration.fromPretrained(TIED);
    expect(lossOf(model)).toBe(lossOf(local));
    await expect(
      T5ForConditionalGeneration.fromPretrained('t5sql/tiny-t5', {
        cacheDir,
        offline: true,
        revision: 'main',
      }),
    ).rejects.toThrow(/t5sql\/tiny-t5/);
    model.dispose();
    local.dispose();
  });

  it('savePretrained refuses a swapped-in layer it cannot export', async () => {
    const model = await T5ForConditionalGeneration.fromConfig(
      { vocab_size: 16, d_model: 8, d_kv: 4, num_heads: 2, d_ff: 8, num_layers: 1 },
      { seed: 1 },
    );
    const path = 'encoder.block.0.layer.0.SelfAttention.q';
    const base = model.getLinear(path);
    model.setLinear(path, {
      inFeatures: base.inFeatures,
      outFeatures: base.outFeatures,
      apply: (x, ctx) => base.apply(x, ctx),
      variables: () => base.variables(),
      dispose: () => base.dispose(),
    });
    await expect(model.savePretrained(join(work, 'refused'))).rejects.toThrow(
      /"encoder\.block\.0\.layer\.0\.SelfAttention\.q" is a Object without hfWeight\(\)/,
    );
    model.dispose();
  });
});
