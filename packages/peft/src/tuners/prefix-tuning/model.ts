// The prefix-tuning tuner: builds the PrefixEncoder, installs it as the model's decoder prefix provider, and
// saves / loads it as PEFT's `prompt_embeddings` table.
import { deriveIndexSeed } from '@t5sql/common';
import type { SafeTensor, T5ForConditionalGeneration, TensorToSave } from '@t5sql/t5-core';
import type * as tf from '@tensorflow/tfjs-core';
import type { PeftTuner } from '../peft-method.js';
import type { ResolvedPrefixTuningConfig } from './config.js';
import { PrefixEncoder } from './layer.js';
import { loadPrefixStateDict, prefixStateDict } from './state-dict.js';

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
  const encoder = new PrefixEncoder(
    config,
    model.config.num_decoder_layers,
    deriveIndexSeed(seed, 1),
    projection,
  );
  model.setDecoderPrefixProvider(encoder);
  return encoder;
}

/**
 * Prefix tuning live on a model: its {@link PrefixEncoder}, set as the decoder prefix provider.
 *
 * @example
 * ```ts
 * const tuner = new PrefixTuningModel(model, prefixTuningConfig({ num_virtual_tokens: 20 }, model.config), 42);
 * tuner.encoder.table(); // [20, num_layers * 2 * d_model]
 * ```
 */
export class PrefixTuningModel implements PeftTuner {
  /** The prefix table (or its MLP) the decoder reads. */
  readonly encoder: PrefixEncoder;

  /** @param projection false to hold the plain table, as a saved adapter does (loading never needs the MLP). */
  constructor(
    readonly model: T5ForConditionalGeneration,
    readonly config: ResolvedPrefixTuningConfig,
    seed: number,
    projection = config.prefix_projection,
  ) {
    this.encoder = attachPrefixTuning(model, config, seed, projection);
  }

  /** `prompt_encoder.default.embedding.weight` (and the MLP's `transform.*` with projection). */
  variables(): Map<string, tf.Variable> {
    return this.encoder.variables();
  }

  stateDict(): Promise<Map<string, TensorToSave>> {
    return prefixStateDict(this.encoder);
  }

  loadStateDict(tensors: Map<string, SafeTensor>, source: string): void {
    loadPrefixStateDict(this.encoder, tensors, source);
  }

  /** Removes the prefix from the decoder and frees it. */
  unload(): void {
    this.model.setDecoderPrefixProvider(null);
    this.encoder.dispose();
  }
}
