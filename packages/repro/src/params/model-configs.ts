// Public Hugging Face `config.json` values of the checkpoints the reported tables use, embedded so parameter
// counts and the `paper` profile's trainable-parameter column need no download.

/** The fields of a T5 `config.json` that decide the architecture (HF spelling). */
export type ReferenceT5Config = {
  model_type: 't5';
  vocab_size: number;
  d_model: number;
  d_kv: number;
  d_ff: number;
  num_layers: number;
  num_decoder_layers: number;
  num_heads: number;
  relative_attention_num_buckets: number;
  relative_attention_max_distance: number;
  dropout_rate: number;
  layer_norm_epsilon: number;
  feed_forward_proj: 'relu' | 'gated-gelu';
  tie_word_embeddings: boolean;
  is_encoder_decoder: true;
  pad_token_id: number;
  eos_token_id: number;
  decoder_start_token_id: number;
};

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
 * Architecture configs by hub id. t5-* are the original T5 (ReLU, tied embeddings); google/flan-t5-* are T5 v1.1
 * (gated-GELU, untied embeddings and LM head).
 */
export const MODEL_CONFIGS: Readonly<Record<string, ReferenceT5Config>> = {
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

/** Looks a config up by hub id, accepting the short `flan-t5-large` form; the error lists the known ids. */
export function modelConfig(id: string): ReferenceT5Config {
  const hit = MODEL_CONFIGS[id] ?? MODEL_CONFIGS[`google/${id}`];
  if (!hit)
    throw new Error(`unknown model "${id}": expected one of ${Object.keys(MODEL_CONFIGS).join(', ')}`);
  return hit;
}
