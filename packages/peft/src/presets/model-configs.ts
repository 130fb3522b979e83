// Public Hugging Face `config.json` values of the checkpoints the reported tables use, embedded so parameter
// counts (countParameters), the reported presets and random-weight models need no download. t5-core's config
// type describes them; `parseT5Config` fills in the rest.
import type { T5ConfigJson } from '@t5sql/t5-core';
import { PeftConfigError } from '../errors.js';

const common = {
  model_type: 't5' as const,
  vocab_size: 32128,
  d_kv: 64,
  relative_attention_num_buckets: 32,
  relative_attention_max_distance: 128,
  dropout_rate: 0.1,
  layer_norm_epsilon: 1e-6,
  is_encoder_decoder: true as const,
  pad_token_id: 0,
  eos_token_id: 1,
  decoder_start_token_id: 0,
};

/**
 * Architecture configs by hub id (HF `config.json` spelling). t5-* are the original T5 (ReLU, tied embeddings);
 * google/flan-t5-* are T5 v1.1 (gated-GELU, untied embeddings and LM head).
 *
 * @example
 * ```ts
 * const model = await T5ForConditionalGeneration.fromConfig(MODEL_CONFIGS['t5-small'], { seed: 42 });
 * ```
 */
export const MODEL_CONFIGS: Readonly<Record<string, T5ConfigJson>> = {
  't5-small': {
    ...common,
    d_model: 512,
    d_ff: 2048,
    num_layers: 6,
    num_decoder_layers: 6,
    num_heads: 8,
    feed_forward_proj: 'relu',
    tie_word_embeddings: true,
  },
  't5-base': {
    ...common,
    d_model: 768,
    d_ff: 3072,
    num_layers: 12,
    num_decoder_layers: 12,
    num_heads: 12,
    feed_forward_proj: 'relu',
    tie_word_embeddings: true,
  },
  'google/flan-t5-small': {
    ...common,
    d_model: 512,
    d_ff: 1024,
    num_layers: 8,
    num_decoder_layers: 8,
    num_heads: 6,
    feed_forward_proj: 'gated-gelu',
    tie_word_embeddings: false,
  },
  'google/flan-t5-base': {
    ...common,
    d_model: 768,
    d_ff: 2048,
    num_layers: 12,
    num_decoder_layers: 12,
    num_heads: 12,
    feed_forward_proj: 'gated-gelu',
    tie_word_embeddings: false,
  },
  'google/flan-t5-large': {
    ...common,
    d_model: 1024,
    d_ff: 2816,
    num_layers: 24,
    num_decoder_layers: 24,
    num_heads: 16,
    feed_forward_proj: 'gated-gelu',
    tie_word_embeddings: false,
  },
};

/**
 * Looks a config up by hub id, accepting the short `flan-t5-large` form; the {@link PeftConfigError} lists the
 * known ids.
 *
 * @example
 * ```ts
 * countParameters(modelConfig('flan-t5-large'), 'lora').trainable; // 2,359,296
 * ```
 */
export function modelConfig(id: string): T5ConfigJson {
  const hit = MODEL_CONFIGS[id] ?? MODEL_CONFIGS[`google/${id}`];
  if (!hit) {
    throw new PeftConfigError(
      'modelConfig',
      `unknown model "${id}": expected one of ${Object.keys(MODEL_CONFIGS).join(', ')}`,
    );
  }
  return hit;
}
