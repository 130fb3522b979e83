// The model shape every tfjs micro-benchmark measures, so their figures compare with each other.

/** t5-small: d_model 512, 6+6 layers, 8 heads x 64, d_ff 2048, relu, vocab 32128, tied embeddings. */
export const T5_SMALL_SHAPE = {
  vocab_size: 32128,
  d_model: 512,
  d_kv: 64,
  d_ff: 2048,
  num_layers: 6,
  num_decoder_layers: 6,
  num_heads: 8,
  feed_forward_proj: 'relu',
  dropout_rate: 0.1,
} as const;
