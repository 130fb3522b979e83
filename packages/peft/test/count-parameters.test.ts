// Trainable-parameter counts against PEFT 0.21's print_trainable_parameters on the flan-t5-large config (figures
// from PEFT on a meta-device model, transformers 4.57 layout: untied lm_head) and against the fixture models.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FLAN_T5_LARGE_CONFIG,
  LoraConfig,
  PrefixTuningConfig,
  REPORTED_PRESETS,
  countParameters,
} from '../src/index.js';
import { T5_FIXTURES } from './support/fixtures.js';

describe('countParameters on flan-t5-large', () => {
  it('full fine-tuning counts every parameter once (783,150,080)', () => {
    const c = countParameters(FLAN_T5_LARGE_CONFIG, { method: 'full' });
    expect(c.all).toBe(783_150_080);
    expect(c.line).toBe('trainable params: 783,150,080 || all params: 783,150,080 || trainable%: 100.0000');
  });

  it('LoRA r=8 on q,v trains 2,359,296 of 785,509,376 (PEFT prints 0.3004)', () => {
    const c = countParameters(FLAN_T5_LARGE_CONFIG, REPORTED_PRESETS.lora_0_30);
    expect(c.line).toBe('trainable params: 2,359,296 || all params: 785,509,376 || trainable%: 0.3004');
    // PEFT's default LoraConfig (r=8, T5 targets q,v) gives the same.
    expect(countParameters(FLAN_T5_LARGE_CONFIG, { method: 'lora' }).trainable).toBe(2_359_296);
  });

  it('the 1.19% ablation is LoRA r=32 on q,v (or r=16 on q,k,v,o)', () => {
    const c = countParameters(FLAN_T5_LARGE_CONFIG, REPORTED_PRESETS.lora_1_19);
    expect(c.line).toBe('trainable params: 9,437,184 || all params: 792,587,264 || trainable%: 1.1907');
    const qkvo = countParameters(FLAN_T5_LARGE_CONFIG, {
      method: 'lora',
      config: { r: 16, target_modules: ['q', 'k', 'v', 'o'] },
    });
    expect(qkvo.trainable).toBe(9_437_184);
  });

  it('the 0.12% prefix row is 20 virtual tokens over 24 layers (983,040 = 20 x 24 x 2 x 1024)', () => {
    const c = countParameters(FLAN_T5_LARGE_CONFIG, REPORTED_PRESETS.prefix_0_12);
    expect(c.line).toBe('trainable params: 983,040 || all params: 784,133,120 || trainable%: 0.1254');
    expect(
      countParameters(FLAN_T5_LARGE_CONFIG, { method: 'prefix', config: { num_virtual_tokens: 19 } })
        .trainable,
    ).toBe(933_888);
  });

  it('prefix projection counts the MLP (PEFT: 51,450,880 at P=20, hidden 1024; 25,760,256 at hidden 512)', () => {
    expect(
      countParameters(FLAN_T5_LARGE_CONFIG, {
        method: 'prefix',
        config: { num_virtual_tokens: 20, prefix_projection: true },
      }).trainable,
    ).toBe(51_450_880);
    expect(
      countParameters(FLAN_T5_LARGE_CONFIG, {
        method: 'prefix',
        config: { num_virtual_tokens: 20, prefix_projection: true, encoder_hidden_size: 512 },
      }).trainable,
    ).toBe(25_760_256);
  });

  it("'all-linear' adapts every linear but lm_head (PEFT: 9,142,272 at r=8)", () => {
    expect(
      countParameters(FLAN_T5_LARGE_CONFIG, { method: 'lora', config: { target_modules: 'all-linear' } })
        .trainable,
    ).toBe(9_142_272);
  });

  it('QLoRA trains what LoRA trains (PEFT counts 4-bit weights at their unpacked size)', () => {
    const q = countParameters(FLAN_T5_LARGE_CONFIG, REPORTED_PRESETS.qlora_0_30);
    expect(q.trainable).toBe(2_359_296);
    expect(q.all).toBe(785_509_376);
  });

  it('layers_to_transform and rank_pattern follow PEFT', () => {
    const c = countParameters(FLAN_T5_LARGE_CONFIG, {
      method: 'lora',
      config: { r: 8, layers_to_transform: [0, 1], rank_pattern: { 'EncDecAttention.q': 4 } },
    });
    // blocks 0 and 1 of both stacks: encoder 2 x 2 modules, decoder 2 x 4 modules (one at r=4 per block)
    expect(c.trainable).toBe(8 * 2048 * (4 + 6) + 4 * 2048 * 2);
  });

  it('takes the method as a string, with its config nested or inline, or from config classes', () => {
    expect(countParameters(FLAN_T5_LARGE_CONFIG, 'full').all).toBe(783_150_080);
    expect(countParameters(FLAN_T5_LARGE_CONFIG, 'lora').trainable).toBe(2_359_296);
    expect(countParameters(FLAN_T5_LARGE_CONFIG, { method: 'lora', r: 32 }).trainable).toBe(9_437_184);
    expect(
      countParameters(FLAN_T5_LARGE_CONFIG, { method: 'lora', config: new LoraConfig({ r: 32 }) }).trainable,
    ).toBe(9_437_184);
    expect(
      countParameters(FLAN_T5_LARGE_CONFIG, { method: 'prefix', num_virtual_tokens: 20 }).trainable,
    ).toBe(983_040);
    expect(
      countParameters(FLAN_T5_LARGE_CONFIG, {
        method: 'prefix',
        config: new PrefixTuningConfig({ num_virtual_tokens: 20 }),
      }).trainable,
    ).toBe(983_040);
    expect(() => countParameters(FLAN_T5_LARGE_CONFIG, { method: 'ia3' } as never)).toThrow(/found "ia3"/);
  });

  it('rejects target modules that match nothing, naming them', () => {
    expect(() =>
      countParameters(FLAN_T5_LARGE_CONFIG, { method: 'lora', config: { target_modules: ['query'] } }),
    ).toThrow(/\["query"\] match no linear module/);
  });
});

describe('countParameters on the fixture models', () => {
  it.each(['t5_v1_0_relu_tied', 't5_v1_1_gated_gelu_untied'])(
    '%s: full count equals the checkpoint manifest',
    (name) => {
      const dir = resolve(T5_FIXTURES, name);
      const config = JSON.parse(readFileSync(resolve(dir, 'config.json'), 'utf8'));
      const manifest = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')).weights_manifest;
      const entries = Object.values(manifest.tensors) as Array<{ shape: number[] }>;
      const stored = entries.reduce((s, e) => s + e.shape.reduce((a, b) => a * b, 1), 0);
      expect(countParameters(config, { method: 'full' }).all).toBe(stored);
    },
  );
});
