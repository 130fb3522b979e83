// The prefix-tuning tuner: builds the PrefixEncoder and installs it as the model's decoder prefix provider.
import { type T5ForConditionalGeneration, mixSeed } from '@t5sql/t5-core';
import type { ResolvedPrefixTuningConfig } from './config.js';
import { PrefixEncoder } from './layer.js';

/**
 * Creates a {@link PrefixEncoder} for `model` and sets it as the decoder prefix provider: the prefix then enters
 * every decoder self-attention (only), and decoder tokens sit after it for the relative position bias, as in PEFT.
 */
export function attachPrefixTuning(
  model: T5ForConditionalGeneration,
  config: ResolvedPrefixTuningConfig,
  seed: number,
  projection = config.prefix_projection,
): PrefixEncoder {
  const encoder = new PrefixEncoder(config, model.config.num_decoder_layers, mixSeed(seed, 1), projection);
  model.setDecoderPrefixProvider(encoder);
  return encoder;
}
