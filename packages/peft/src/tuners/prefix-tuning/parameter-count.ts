import { type ResolvedPrefixTuningConfig, prefixTableWidth } from './config.js';

/**
 * Trainable parameters of PEFT's PrefixEncoder: the `[P, num_layers * 2 * token_dim]` table, or with
 * `prefix_projection` the `[P, token_dim]` embedding plus the two-layer MLP (weights and biases).
 */
export function prefixParameterCount(c: ResolvedPrefixTuningConfig): number {
  const width = prefixTableWidth(c);
  if (!c.prefix_projection) return c.num_virtual_tokens * width;
  const h = c.encoder_hidden_size;
  return c.num_virtual_tokens * c.token_dim + (c.token_dim * h + h) + (h * width + width);
}
