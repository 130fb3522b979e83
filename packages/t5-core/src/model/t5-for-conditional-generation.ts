// T5ForConditionalGeneration on tfjs: HF's module tree and state-dict names, float32 throughout. The class reads
// top to bottom as its jobs: build (t5-modules), load (fromConfig / fromPretrained), forward (t5-forward), generate
// and cached decoding (t5-cached-decoding), layer swapping, variable bookkeeping (t5-named-variables), saving
// (t5-hf-state-dict).
import { deriveIndexSeed } from '@t5sql/common';
import type { HubDownloadOptions } from '@t5sql/hub';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend } from '../backend/select-backend.js';
import { loadT5Checkpoint } from '../checkpoint/load-t5-checkpoint.js';
import { saveT5Checkpoint } from '../checkpoint/save-t5-checkpoint.js';
import type { TensorToSave } from '../checkpoint/write-safetensors.js';
import { normalizeT5Config } from '../config/normalize-t5-config.js';
import type { T5Config, T5ConfigJson } from '../config/t5-config.js';
import type {
  DecoderCache,
  IncrementalSeq2Seq,
  Seq2SeqBatch,
  TokenIds,
  TrainableSeq2Seq,
} from '../contracts/index.js';
import { ModelUsageError } from '../errors/t5-core-error.js';
import type { GenerateOptions } from '../generation/generate-options.js';
import { generateSequences } from '../generation/generate-sequences.js';
import type { DecoderPrefixProvider, LinearLayer } from './contracts.js';
import { createForwardContext } from './forward-context.js';
import { initT5Weights } from './init-weights.js';
import { t5DecodeStep, t5Encode, t5InitDecoderCache } from './t5-cached-decoding.js';
import { type T5ForwardOptions, type T5Seq2SeqOutput, t5Forward } from './t5-forward.js';
import { t5HfStateDict } from './t5-hf-state-dict.js';
import { T5Modules } from './t5-modules.js';
import { countParameters, setVariablesTrainable, t5NamedVariables } from './t5-named-variables.js';

export type { T5ForwardOptions, T5Seq2SeqOutput } from './t5-forward.js';

/** Where `fromPretrained` looks: hub options pass through to `@t5sql/hub` (ignored for a local directory). */
export type FromPretrainedOptions = HubDownloadOptions;

/** Options of {@link T5ForConditionalGeneration.fromConfig}. */
export interface FromConfigOptions {
  /** Seed of the weight initialisation and of dropout when `forward` gets no seed. */
  seed: number;
}

/**
 * T5 encoder-decoder with an LM head (`T5ForConditionalGeneration`), for every HF T5 configuration: v1.0
 * (relu, tied embeddings, output scaled by `d_model^-0.5`), v1.1 / flan (gated-gelu, untied `lm_head`) and any
 * other `feed_forward_proj`, head count, width, bucket setting or encoder/decoder depth.
 *
 * @example
 * ```ts
 * const model = await T5ForConditionalGeneration.fromPretrained('google/flan-t5-small');
 * const { logits, loss } = model.forward({ inputIds: [[13, 27, 1]], labels: [[17, 45, 1]] });
 * console.log((await loss?.data())?.[0]);
 * tf.dispose([logits, loss]);
 * model.dispose();
 * ```
 */
export class T5ForConditionalGeneration implements TrainableSeq2Seq, IncrementalSeq2Seq {
  readonly config: T5Config;
  readonly decoderStartTokenId: number;
  readonly eosTokenId: number;
  readonly padTokenId: number;
  readonly vocabSize: number;
  private readonly modules: T5Modules;
  private readonly seed: number;
  private forwardCalls = 0;
  private disposed = false;

  // --- Build -------------------------------------------------------------------------------------------------

  /**
   * Builds the model around initial parameter tensors keyed by HF name, in this library's layout (Linear
   * weights `[in, out]`). Prefer {@link fromPretrained} or {@link fromConfig}. The tensors are copied into
   * variables; the caller still owns (and should dispose) `weights`.
   */
  constructor(config: T5Config | T5ConfigJson, weights: Map<string, tf.Tensor>, seed = 0) {
    this.config = normalizeT5Config(config);
    const c = this.config;
    this.seed = seed;
    this.decoderStartTokenId = c.decoder_start_token_id;
    this.eosTokenId = Array.isArray(c.eos_token_id) ? c.eos_token_id[0] : c.eos_token_id;
    this.padTokenId = c.pad_token_id;
    this.vocabSize = c.vocab_size;
    this.modules = new T5Modules(c, weights);
  }

  // --- Load --------------------------------------------------------------------------------------------------

  /**
   * A randomly initialised model, drawn like HF's `_init_weights` (normals scaled by `initializer_factor`,
   * `d_model`, `d_kv`, `d_ff`; norms at the factor) from an explicit seed. Selects a backend first when none is
   * active (see `ensureBackend`).
   *
   * @example
   * ```ts
   * const model = await T5ForConditionalGeneration.fromConfig({ d_model: 64, num_heads: 4, d_kv: 16 }, { seed: 42 });
   * ```
   */
  static async fromConfig(
    config: T5Config | T5ConfigJson,
    options: FromConfigOptions,
  ): Promise<T5ForConditionalGeneration> {
    const resolved = normalizeT5Config(config);
    await ensureBackend();
    const weights = initT5Weights(resolved, options.seed);
    try {
      return new T5ForConditionalGeneration(resolved, weights, options.seed);
    } finally {
      tf.dispose([...weights.values()]);
    }
  }

  /**
   * Loads `config.json` and safetensors weights (`model.safetensors` or a sharded `model.safetensors.index.json`;
   * F32 / F16 / BF16) from a local directory or a hub repo id (`t5-small`, `google/flan-t5-base`). Hub options
   * (`revision`, `cacheDir`, `token`, `offline`, `onProgress`, ...) pass through to `@t5sql/hub`.
   * A missing, unexpected or mis-shaped tensor is an error naming the key and both shapes. Selects a backend first
   * when none is active (see `ensureBackend`).
   *
   * @example
   * ```ts
   * const model = await T5ForConditionalGeneration.fromPretrained('google/flan-t5-base', { revision: 'main' });
   * const local = await T5ForConditionalGeneration.fromPretrained('./checkpoints/step-1000');
   * ```
   */
  static async fromPretrained(
    pathOrRepoId: string,
    options: FromPretrainedOptions = {},
  ): Promise<T5ForConditionalGeneration> {
    await ensureBackend();
    const { config, weights } = await loadT5Checkpoint(pathOrRepoId, options);
    try {
      return new T5ForConditionalGeneration(config, weights);
    } finally {
      tf.dispose([...weights.values()]);
    }
  }

  private assertLive(): void {
    if (this.disposed) throw new ModelUsageError('T5ForConditionalGeneration: used after dispose()');
  }

  // --- Forward -----------------------------------------------------------------------------------------------

  /**
   * Full teacher-forced pass. Decoder inputs default to `labels` shifted right (decoder start token, -100 →
   * pad); with labels, `loss` is HF's mean cross-entropy over labels that are not -100. Dropout runs only with
   * `training: true`, its masks drawn from `seed`.
   *
   * @example
   * ```ts
   * const { logits, loss } = model.forward(
   *   { inputIds: [[13, 27, 1]], attentionMask: [[1, 1, 1]], labels: [[17, 1]] },
   *   { training: true, seed: 7 },
   * );
   * ```
   */
  forward(
    batch: Seq2SeqBatch | (Omit<Seq2SeqBatch, 'labels'> & { labels?: TokenIds }),
    options: T5ForwardOptions = {},
  ): T5Seq2SeqOutput {
    this.assertLive();
    this.forwardCalls += 1;
    const training = options.training ?? false;
    const ctx = createForwardContext(training, options.seed ?? deriveIndexSeed(this.seed, this.forwardCalls));
    return t5Forward(this.modules, batch, ctx, options.outputHiddenStates ?? false);
  }

  // --- Generation and cached decoding (IncrementalSeq2Seq) ---------------------------------------------------

  /**
   * Generates token ids like transformers' `model.generate(...)` (greedy, beam search, sampling; see
   * `GenerateOptions`), through the KV-cached `encode` / `decodeStep`. Delegates to `generateSequences`.
   *
   * @example
   * ```ts
   * const ids = await model.generate([[13, 27, 1]], { maxNewTokens: 32, numBeams: 4 });
   * ```
   */
  generate(inputIds: TokenIds, options: GenerateOptions): Promise<number[][]> {
    this.assertLive();
    return generateSequences(this, inputIds, options);
  }

  /** Encoder last hidden state `[batch, src_len, d_model]` (eval mode). */
  encode(inputIds: tf.Tensor2D, attentionMask: tf.Tensor2D): tf.Tensor3D {
    this.assertLive();
    return t5Encode(this.modules, inputIds, attentionMask);
  }

  /**
   * Cross-attention keys/values of every decoder layer, computed once; self-attention starts empty, or with
   * the decoder prefix when a provider is set (the cache then owns copies of the prefix tensors).
   */
  initDecoderCache(encoderHiddenStates: tf.Tensor3D): DecoderCache {
    this.assertLive();
    return t5InitDecoderCache(this.modules, encoderHiddenStates);
  }

  /**
   * Runs `decoderInputIds` `[batch, new_len]` after the cached tokens: they sit at positions
   * `prefix + cache.length ..` for the relative bias and attend causally to the prefix, the cache and each other.
   */
  decodeStep(
    decoderInputIds: tf.Tensor2D,
    cache: DecoderCache,
    encoderAttentionMask: tf.Tensor2D,
  ): { logits: tf.Tensor3D; cache: DecoderCache } {
    this.assertLive();
    return t5DecodeStep(this.modules, decoderInputIds, cache, encoderAttentionMask);
  }

  // --- Layer swapping (@t5sql/peft) --------------------------------------------------------------------------

  /**
   * Module paths of every attention and feed-forward projection, HF-named
   * (`encoder.block.0.layer.0.SelfAttention.q`, `decoder.block.1.layer.2.DenseReluDense.wi_0`, ...). `lm_head`
   * is left out, as PEFT's `all-linear` leaves out the output layer; `getLinear('lm_head')` still works.
   */
  linearPaths(): string[] {
    return [...this.modules.linears.entries()].map(([path]) => path).filter((p) => p !== 'lm_head');
  }

  /** The projection at an HF module path (a `DenseLinear` unless replaced). */
  getLinear(path: string): LinearLayer {
    return this.modules.linears.get(path);
  }

  /**
   * Swaps in another projection (LoRA wrapper, NF4 layer) with the same widths. The replaced layer is not
   * disposed: a wrapper usually keeps it; otherwise the caller disposes it.
   */
  setLinear(path: string, layer: LinearLayer): void {
    this.modules.linears.set(path, layer);
  }

  /** Installs (or with null removes) the prefix whose keys/values enter every decoder self-attention. */
  setDecoderPrefixProvider(provider: DecoderPrefixProvider | null): void {
    this.modules.prefixProvider = provider;
  }

  // --- Variables ---------------------------------------------------------------------------------------------

  /**
   * Every variable by HF state-dict name, in state-dict order. Linear weights are in this library's `[in, out]`
   * layout; the variables of swapped-in layers appear under `<module>.<suffix>` (`...q.lora_A.default.weight`).
   */
  namedVariables(): Map<string, tf.Variable> {
    return t5NamedVariables(this.modules);
  }

  /** The variables with `trainable = true`, by state-dict name. */
  namedTrainableVariables(): Map<string, tf.Variable> {
    return new Map([...this.namedVariables()].filter(([, v]) => v.trainable));
  }

  /** Marks every variable (or those named) as not trainable. */
  freeze(names?: Iterable<string>): void {
    setVariablesTrainable(this.namedVariables(), false, names);
  }

  /** Marks every variable (or those named) as trainable. */
  unfreeze(names?: Iterable<string>): void {
    setVariablesTrainable(this.namedVariables(), true, names);
  }

  /** Number of scalar parameters (tied weights counted once). */
  numParameters(): number {
    return countParameters(this.namedVariables());
  }

  // --- Saving ------------------------------------------------------------------------------------------------

  /**
   * Writes `config.json`, `generation_config.json` and `model.safetensors` (F32, metadata `{"format":"pt"}`) that
   * transformers' `T5ForConditionalGeneration.from_pretrained` loads. Tied models store only `shared.weight`,
   * like `save_pretrained`; Linear weights are transposed back to `[out, in]`. Every file is written atomically.
   * A projection replaced by a layer that is not a {@link DenseLinear} must offer `hfWeight()` (a merged
   * `[out, in]` weight), otherwise this throws naming it.
   */
  async savePretrained(dir: string): Promise<void> {
    await saveT5Checkpoint(dir, this.config, await this.hfStateDict());
  }

  /**
   * The state dict as transformers' `state_dict()` stores it (deduplicated like `save_pretrained`): float32 copies
   * keyed by HF name, Linear weights transposed back to `[out, in]`. Throws naming a swapped-in projection that
   * has no `hfWeight()`.
   */
  async hfStateDict(): Promise<Map<string, TensorToSave>> {
    this.assertLive();
    return t5HfStateDict(this.modules);
  }

  /** The trainer's checkpoint hook: the full model, as {@link savePretrained}. */
  saveTrainable(dir: string): Promise<void> {
    return this.savePretrained(dir);
  }

  /** Frees every variable of the model, swapped-in layers included. The model is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.modules.dispose();
  }
}
