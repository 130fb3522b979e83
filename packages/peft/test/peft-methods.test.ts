// The method registry and what is built on it: lookup by peft_type with an error naming the registered types,
// applyMethod's counts and descriptions (the same as getPeftModel + PeftModel.getNbTrainableParameters), the typed
// errors, and the model presets (FLAN_T5_LARGE_CONFIG is MODEL_CONFIGS' flan-t5-large, shape fields only).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { T5ForConditionalGeneration } from '@t5sql/t5-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AdapterFileError,
  FLAN_T5_LARGE_CONFIG,
  LoraModel,
  MODEL_CONFIGS,
  type MethodSpec,
  PEFT_METHODS,
  PeftConfigError,
  PeftError,
  PeftModel,
  PeftStateError,
  PrefixTuningModel,
  applyMethod,
  countParameters,
  getPeftModel,
  loraConfig,
  methodCountSpec,
  modelConfig,
  parseAdapterConfig,
  peftMethod,
  peftMethodOf,
} from '../src/index.js';
import { useBackend } from './support/backends.js';
import { T5_FIXTURES } from './support/fixtures.js';

const DIR = resolve(T5_FIXTURES, 't5_v1_1_gated_gelu_untied');
const FLAN_CONFIG = { num_layers: 24, d_model: 1024, num_heads: 16 };
const LORA: Extract<MethodSpec, { kind: 'lora' }> = {
  kind: 'lora',
  r: 4,
  loraAlpha: 8,
  loraDropout: 0,
  targetModules: ['q', 'v'],
};

describe('the method registry', () => {
  it('registers LoRA and prefix tuning by peft_type, and names both when a type is unknown', () => {
    expect(Object.keys(PEFT_METHODS)).toEqual(['LORA', 'PREFIX_TUNING']);
    expect(peftMethod('LORA')).toBe(PEFT_METHODS.LORA);
    expect(() => peftMethod('IA3', 'cfg.json')).toThrow(
      'cfg.json: field "peft_type" must be "LORA" or "PREFIX_TUNING", found "IA3"',
    );
    expect(() => peftMethod('toString')).toThrow(PeftConfigError);
  });

  it('plain fields mean prefix tuning when they name num_virtual_tokens, LoRA otherwise', () => {
    expect(peftMethodOf({ num_virtual_tokens: 4 }).peftType).toBe('PREFIX_TUNING');
    expect(peftMethodOf({ r: 4 }).peftType).toBe('LORA');
    expect(peftMethodOf({ peft_type: 'LORA', num_virtual_tokens: 4 }).peftType).toBe('LORA');
  });

  it('config errors are PeftConfigErrors naming the source and field', () => {
    const error = (() => {
      try {
        loraConfig({ r: 0 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PeftConfigError);
    expect(error).toBeInstanceOf(PeftError);
    expect(error).toMatchObject({ source: 'LoraConfig', field: 'r' });
    expect(() => parseAdapterConfig({ peft_type: 'LORA', task_type: 'CAUSAL_LM' }, FLAN_CONFIG)).toThrow(
      'adapter_config.json: field "task_type" must be "SEQ_2_SEQ_LM" for T5, found "CAUSAL_LM"',
    );
  });
});

describe('model presets', () => {
  it('FLAN_T5_LARGE_CONFIG holds the shape fields of MODEL_CONFIGS["google/flan-t5-large"]', () => {
    const large = MODEL_CONFIGS['google/flan-t5-large'];
    for (const [field, value] of Object.entries(FLAN_T5_LARGE_CONFIG)) expect(large[field]).toBe(value);
    expect(Object.keys(FLAN_T5_LARGE_CONFIG)).toHaveLength(11);
    expect(countParameters(large, { method: 'full' }).all).toBe(783_150_080);
  });

  it('modelConfig accepts the short flan id and lists the known ids otherwise', () => {
    expect(modelConfig('flan-t5-large')).toBe(MODEL_CONFIGS['google/flan-t5-large']);
    expect(() => modelConfig('t5-huge')).toThrow(
      /unknown model "t5-huge": expected one of t5-small, t5-base/,
    );
  });

  it('methodCountSpec gives countParameters PEFT config fields', () => {
    expect(methodCountSpec({ kind: 'none' })).toBeNull();
    expect(methodCountSpec(LORA)).toEqual({
      method: 'lora',
      config: { r: 4, lora_alpha: 8, lora_dropout: 0, target_modules: ['q', 'v'] },
    });
    expect(methodCountSpec({ kind: 'prefix', numVirtualTokens: 20, prefixProjection: false })).toEqual({
      method: 'prefix',
      config: { num_virtual_tokens: 20, prefix_projection: false },
    });
  });
});

describe('applyMethod on cpu', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('none freezes, full trains every weight', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(DIR);
    const none = await applyMethod(base, { kind: 'none' }, 0);
    expect(none).toMatchObject({ model: base, trains: false, trainableParams: 0, description: 'no tuning' });
    const full = await applyMethod(base, { kind: 'full' }, 0);
    expect(full).toMatchObject({ trains: true, description: 'full fine-tuning' });
    expect(full.trainableParams).toBe(base.numParameters());
    base.dispose();
  });

  it('lora, qlora and prefix wrap the model as getPeftModel does, with PEFT counts', async () => {
    const seedOf = 7;
    const lora = await applyMethod(await T5ForConditionalGeneration.fromPretrained(DIR), LORA, seedOf);
    const direct = getPeftModel(
      await T5ForConditionalGeneration.fromPretrained(DIR),
      { peft_type: 'LORA', r: 4, lora_alpha: 8, lora_dropout: 0, target_modules: ['q', 'v'] },
      { seed: seedOf },
    );
    const counts = direct.getNbTrainableParameters();
    expect(lora).toMatchObject({
      trains: true,
      trainableParams: counts.trainable,
      totalParams: counts.all,
      description: 'LoRA r=4 alpha=8 on q, v',
    });
    const peft = lora.model as PeftModel;
    expect(peft.tuner).toBeInstanceOf(LoraModel);
    const a = await peft.lora.get('encoder.block.0.layer.0.SelfAttention.q')!.loraA.data();
    const b = await direct.lora.get('encoder.block.0.layer.0.SelfAttention.q')!.loraA.data();
    expect([...a]).toEqual([...b]);
    peft.dispose();
    direct.dispose();

    const qlora = await applyMethod(
      await T5ForConditionalGeneration.fromPretrained(DIR),
      { ...LORA, kind: 'qlora', doubleQuant: true, blockSize: 64 },
      1,
    );
    expect(qlora.description).toMatch(
      /^NF4 \(block 64, double quantization\) on \d+ projections, then LoRA r=4/,
    );
    // 4-bit weights count at their unpacked size, through LinearLayer.quantizedParameters.
    expect(qlora.totalParams).toBe(lora.totalParams);
    (qlora.model as PeftModel).dispose();
  });

  it('prefix tuning has no merge: a PeftStateError', async () => {
    const base = await T5ForConditionalGeneration.fromPretrained(resolve(T5_FIXTURES, 't5_v1_0_relu_tied'));
    const adapted = await applyMethod(
      base,
      { kind: 'prefix', numVirtualTokens: 3, prefixProjection: false },
      1,
    );
    expect(adapted.description).toBe('prefix tuning, 3 virtual tokens');
    const peft = adapted.model as PeftModel;
    expect(peft.tuner).toBeInstanceOf(PrefixTuningModel);
    await expect(peft.merge()).rejects.toThrow(PeftStateError);
    peft.dispose();
  });

  it('a missing adapter file is an AdapterFileError naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peft-methods-'));
    try {
      writeFileSync(join(dir, 'adapter_config.json'), '{"peft_type": "LORA"}');
      const base = await T5ForConditionalGeneration.fromPretrained(DIR);
      const error = await PeftModel.fromPretrained(base, dir).catch((e) => e);
      expect(error).toBeInstanceOf(AdapterFileError);
      expect(error.file).toBe(dir);
      base.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
