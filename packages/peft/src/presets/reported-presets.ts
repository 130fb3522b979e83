// The configurations behind the trainable-parameter column of the reported Flan-T5-large table, checked exactly
// by countParameters against the public google/flan-t5-large config.
import type { T5ConfigJson } from '@t5sql/t5-core';
import type { LoraConfigInput } from '../tuners/lora/config.js';
import type { PrefixTuningConfigInput } from '../tuners/prefix-tuning/config.js';
import { MODEL_CONFIGS } from './model-configs.js';

/** The fields of a T5 `config.json` that fix its parameter shapes (all countParameters reads). */
const SHAPE_FIELDS = [
  'vocab_size',
  'd_model',
  'd_kv',
  'd_ff',
  'num_layers',
  'num_decoder_layers',
  'num_heads',
  'relative_attention_num_buckets',
  'relative_attention_max_distance',
  'feed_forward_proj',
  'tie_word_embeddings',
] as const;

/**
 * The shape fields of google/flan-t5-large's `config.json` ({@link MODEL_CONFIGS}; no weights needed to count
 * parameters).
 */
export const FLAN_T5_LARGE_CONFIG: T5ConfigJson = Object.fromEntries(
  SHAPE_FIELDS.map((field) => [field, MODEL_CONFIGS['google/flan-t5-large'][field]]),
);

/**
 * Named presets reproducing the reported percentages on Flan-T5-large:
 * - `lora_0_30`: LoRA r=8 on q, v → 2,359,296 of 785,509,376 (PEFT prints 0.3004): the table's "0.3%".
 * - `lora_1_19`: LoRA r=32 on q, v → 9,437,184 of 792,587,264 (1.1907): the "1.19%" ablation.
 *   (r=16 on q, k, v, o trains the same 9,437,184.)
 * - `prefix_0_12`: prefix tuning, 20 virtual tokens, no projection → 983,040 of 784,133,120 (PEFT prints 0.1254):
 *   the table's "0.12%" read to two decimals without rounding. 19 tokens (933,888, 0.1191) is the only count that
 *   rounds to 0.12; 20 is PEFT's documented example value, so it is the preset.
 * `lora_alpha` and dropout do not change counts; 32 / 0.1 are the common choices in Flan-T5 LoRA recipes.
 */
export const REPORTED_PRESETS = {
  lora_0_30: {
    method: 'lora',
    config: { r: 8, lora_alpha: 32, lora_dropout: 0.1, target_modules: ['q', 'v'] },
  },
  lora_1_19: {
    method: 'lora',
    config: { r: 32, lora_alpha: 32, lora_dropout: 0.1, target_modules: ['q', 'v'] },
  },
  qlora_0_30: {
    method: 'qlora',
    config: { r: 8, lora_alpha: 32, lora_dropout: 0.1, target_modules: ['q', 'v'] },
  },
  prefix_0_12: { method: 'prefix', config: { num_virtual_tokens: 20, prefix_projection: false } },
} as const satisfies Record<
  string,
  | { method: 'lora' | 'qlora'; config: LoraConfigInput }
  | { method: 'prefix'; config: PrefixTuningConfigInput }
>;
