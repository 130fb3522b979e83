// Adapters saved here, loaded by Python PEFT: test/fixtures/t5sql-adapters holds adapters that savePretrained
// wrote (rsLoRA on q/k/wi/wo, a regex target_modules with rank and alpha patterns, prefix tuning with and without
// projection) and expected.json the logits PEFT 0.21 computes after `PeftModel.from_pretrained` on the same shared
// base model (scripts/make_t5sql_adapter_logits.py). Two checks: savePretrained still writes those exact files (a
// change of format, keys, config fields or initial values fails here), and t5sql's logits from the committed
// adapters are within 1e-4 of PEFT's, cpu and wasm.
//
// To remake the adapters after an intended change: T5SQL_WRITE_FIXTURES=1 pnpm exec vitest run
// test/t5sql-adapters.test.ts, then rerun the Python script (its header says how) and commit both.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { T5ForConditionalGeneration } from '@t5sql/t5-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PeftConfigInput, PeftModel, getPeftModel } from '../src/index.js';
import { TEST_BACKENDS, useBackend } from './support/backends.js';
import { LOGITS_BATCH, logitsOf } from './support/batches.js';
import { maxAbsDiff } from './support/compare.js';
import { T5_FIXTURES } from './support/fixtures.js';
import { useTempDir } from './support/temp-dir.js';

const HERE = resolve(__dirname, 'fixtures/t5sql-adapters');
const WRITE = process.env.T5SQL_WRITE_FIXTURES === '1';
const TOL = 1e-4; // the README's stated tolerance

interface AdapterCase {
  fixture: string;
  config: PeftConfigInput;
  seed: number;
  /** LoRA layers the adapter adds (0 for prefix tuning). */
  loraLayers: number;
}
/** The adapters of test/fixtures/t5sql-adapters, as they are made (scripts/make_t5sql_adapter_logits.py reads them). */
const CASES: Record<string, AdapterCase> = {
  lora_rslora: {
    fixture: 't5_v1_0_relu_tied',
    config: {
      peft_type: 'LORA',
      r: 4,
      lora_alpha: 8,
      use_rslora: true,
      target_modules: ['q', 'k', 'wi', 'wo'],
      init_lora_weights: false,
    },
    seed: 5,
    loraLayers: 2 * 4 + 2 * 6, // encoder: q, k, wi, wo; decoder: q, k (self and cross), wi, wo
  },
  lora_regex_patterns: {
    fixture: 't5_v1_1_gated_gelu_untied',
    config: {
      peft_type: 'LORA',
      r: 3,
      lora_alpha: 6,
      target_modules: '.*decoder.*\\.(q|v|wi_1)',
      rank_pattern: { wi_1: 2 },
      alpha_pattern: { 'EncDecAttention.v': 9 },
      init_lora_weights: false,
    },
    seed: 6,
    loraLayers: 3 * 5, // decoder only: q, v in self and cross attention, wi_1
  },
  prefix_projection: {
    fixture: 't5_v1_1_gated_gelu_untied',
    config: {
      peft_type: 'PREFIX_TUNING',
      num_virtual_tokens: 4,
      prefix_projection: true,
      encoder_hidden_size: 16,
      num_layers: 3,
    },
    seed: 7,
    loraLayers: 0,
  },
  prefix_table: {
    fixture: 't5_v1_0_relu_tied',
    config: { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 3 },
    seed: 8,
    loraLayers: 0,
  },
};

const expected: {
  made_with: string;
  cases: Record<string, { fixture: string; peft_logits: number[]; peft_loaded_tensors: number }>;
} =
  WRITE && !existsSync(join(HERE, 'expected.json'))
    ? { made_with: '', cases: {} }
    : JSON.parse(readFileSync(join(HERE, 'expected.json'), 'utf8'));

/** The safetensors header (tensor names, dtypes, shapes, offsets; metadata) of a file. */
function safetensorsHeader(bytes: Buffer): unknown {
  const length = Number(bytes.readBigUInt64LE(0));
  return JSON.parse(bytes.subarray(8, 8 + length).toString('utf8'));
}

describe('adapters saved by t5sql (test/fixtures/t5sql-adapters)', () => {
  const tmp = useTempDir('peft-saved-');
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('expected.json covers every case, each made from the adapter committed beside it', () => {
    expect(Object.keys(expected.cases).sort()).toEqual(Object.keys(CASES).sort());
    for (const [name, c] of Object.entries(CASES)) {
      expect(expected.cases[name].fixture).toBe(c.fixture);
      expect(readdirSync(join(HERE, name)).sort()).toEqual([
        'adapter_config.json',
        'adapter_model.safetensors',
      ]);
    }
  });

  it.each(Object.keys(CASES))('%s: savePretrained writes the committed files byte for byte', async (name) => {
    const c = CASES[name];
    const base = await T5ForConditionalGeneration.fromPretrained(resolve(T5_FIXTURES, c.fixture));
    const peft = getPeftModel(base, c.config, { seed: c.seed });
    expect(peft.lora.size).toBe(c.loraLayers);
    const dir = WRITE ? join(HERE, name) : join(tmp(), name);
    await peft.savePretrained(dir);
    peft.dispose();
    if (WRITE) console.log(`wrote ${dir}: rerun scripts/make_t5sql_adapter_logits.py for expected.json`);
    const ours = (file: string) => readFileSync(join(dir, file));
    const committed = (file: string) => readFileSync(join(HERE, name, file));
    expect(ours('adapter_config.json').toString('utf8')).toBe(
      committed('adapter_config.json').toString('utf8'),
    );
    // the header first (names, shapes, dtypes, metadata) for a readable failure, then every byte
    expect(safetensorsHeader(ours('adapter_model.safetensors'))).toEqual(
      safetensorsHeader(committed('adapter_model.safetensors')),
    );
    expect(ours('adapter_model.safetensors').equals(committed('adapter_model.safetensors'))).toBe(true);
  });
});

describe.each(TEST_BACKENDS)('PEFT logits of adapters saved by t5sql, on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each(Object.keys(CASES))('%s: within 1e-4 of PEFT, and the adapter matters', async (name) => {
    const c = CASES[name];
    const reference = expected.cases[name].peft_logits;
    const base = await T5ForConditionalGeneration.fromPretrained(resolve(T5_FIXTURES, c.fixture));
    const plain = await logitsOf(base, LOGITS_BATCH);
    const peft = await PeftModel.fromPretrained(base, join(HERE, name));
    expect(peft.lora.size).toBe(c.loraLayers);
    const ours = await logitsOf(peft, LOGITS_BATCH);
    const d = maxAbsDiff(ours, reference);
    console.log(`[${backend}] ${name}: max |Δlogits| vs PEFT ${d.toExponential(2)}`);
    expect(d).toBeLessThan(TOL);
    // PEFT's logits are not the base model's: the adapter was applied, not silently dropped
    expect(maxAbsDiff(plain, reference)).toBeGreaterThan(1e-2);
    peft.dispose();
  });
});
