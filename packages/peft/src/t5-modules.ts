// The shape of a T5ForConditionalGeneration from its config alone: every linear module by HF name and the total
// parameter count, with no weights allocated. PEFT's counts are computed from these.
import type { T5Config } from '@t5sql/t5-core';
import type { LinearModuleInfo } from './tuners/lora/target-modules.js';

/** The fields of an HF T5 config that fix its parameter shapes. */
export type T5ShapeConfig = Pick<
  T5Config,
  | 'vocab_size'
  | 'd_model'
  | 'd_kv'
  | 'd_ff'
  | 'num_layers'
  | 'num_decoder_layers'
  | 'num_heads'
  | 'relative_attention_num_buckets'
  | 'is_gated_act'
  | 'tie_word_embeddings'
>;

/**
 * Every linear module of the model in HF's module order (q, k, v, o; wi or wi_0, wi_1; wo; per block; then
 * `lm_head`). `lm_head` is listed even when tied, as it is a Linear module in PEFT's view.
 */
export function t5LinearModules(c: T5ShapeConfig): LinearModuleInfo[] {
  const inner = c.num_heads * c.d_kv;
  const out: LinearModuleInfo[] = [];
  const linear = (path: string, inFeatures: number, outFeatures: number) =>
    out.push({ path, inFeatures, outFeatures });
  const attention = (m: string) => {
    linear(`${m}.q`, c.d_model, inner);
    linear(`${m}.k`, c.d_model, inner);
    linear(`${m}.v`, c.d_model, inner);
    linear(`${m}.o`, inner, c.d_model);
  };
  const feedForward = (m: string) => {
    for (const wi of c.is_gated_act ? ['wi_0', 'wi_1'] : ['wi']) linear(`${m}.${wi}`, c.d_model, c.d_ff);
    linear(`${m}.wo`, c.d_ff, c.d_model);
  };
  for (let i = 0; i < c.num_layers; i++) {
    attention(`encoder.block.${i}.layer.0.SelfAttention`);
    feedForward(`encoder.block.${i}.layer.1.DenseReluDense`);
  }
  for (let i = 0; i < c.num_decoder_layers; i++) {
    attention(`decoder.block.${i}.layer.0.SelfAttention`);
    attention(`decoder.block.${i}.layer.1.EncDecAttention`);
    feedForward(`decoder.block.${i}.layer.2.DenseReluDense`);
  }
  linear('lm_head', c.d_model, c.vocab_size);
  return out;
}

/**
 * Parameters of the base model as PyTorch counts them (shared parameters once): embeddings, every linear,
 * every RMSNorm weight, the two relative-position bias tables, and `lm_head` only when untied.
 */
export function t5ParameterCount(c: T5ShapeConfig): number {
  let total = c.vocab_size * c.d_model; // shared (encoder/decoder embed_tokens are the same tensor)
  for (const m of t5LinearModules(c)) {
    if (m.path === 'lm_head' && c.tie_word_embeddings) continue;
    total += m.inFeatures * m.outFeatures;
  }
  // Norms: one per sub-layer plus each stack's final norm.
  total += (2 * c.num_layers + 3 * c.num_decoder_layers + 2) * c.d_model;
  // Relative attention bias tables: block 0 of each stack's self-attention.
  if (c.num_layers > 0) total += c.relative_attention_num_buckets * c.num_heads;
  if (c.num_decoder_layers > 0) total += c.relative_attention_num_buckets * c.num_heads;
  return total;
}
