// T5ForConditionalGeneration on tfjs: HF's module tree and state-dict names, float32 throughout.
import type { HubDownloadOptions } from '@t5sql/hub';
import * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
import { ensureBackend } from '../backend/select-backend.js';
import { loadT5Checkpoint } from '../checkpoint/load-t5-checkpoint.js';
import { saveT5Checkpoint } from '../checkpoint/save-t5-checkpoint.js';
import type { TensorToSave } from '../checkpoint/write-safetensors.js';
import { getActivation } from '../config/activations.js';
import { type T5Config, type T5ConfigJson, parseT5Config } from '../config/t5-config.js';
import type { GenerateOptions } from '../generation/generate-options.js';
import { generateSequences } from '../generation/generate-sequences.js';
import type {
  DecoderCache,
  DecoderPrefixProvider,
  ForwardContext,
  ForwardOptions,
  IncrementalSeq2Seq,
  LinearLayer,
  Seq2SeqBatch,
  Seq2SeqOutput,
  TokenIds,
  TrainableSeq2Seq,
} from './contracts.js';
import { DenseLinear } from './dense-linear.js';
import { createForwardContext, mixSeed } from './forward-context.js';
import { initT5Weights } from './init-weights.js';
import { LinearRegistry } from './linear-registry.js';
import { IGNORE_INDEX, seq2seqLoss } from './seq2seq-loss.js';
import { shiftTokensRight } from './shift-tokens-right.js';
import { paddingMaskBias } from './t5-attention.js';
import { type KeyValue, T5Block } from './t5-block.js';
import { t5ParameterSpecs } from './t5-parameter-layout.js';
import { type StackTrace, T5DecoderStack, T5EncoderStack } from './t5-stack.js';
import { TiedLmHead } from './tied-lm-head.js';
import { toIdTensor } from './token-ids.js';

/** Forward options plus the extra outputs the parity tests compare with HF. */
export interface T5ForwardOptions extends ForwardOptions {
  /** Also return hidden states and layer-0 position biases (HF `output_hidden_states`). Default false. */
  outputHiddenStates?: boolean;
}

/** `forward`'s result; the optional tensors are present with `outputHiddenStates`. */
export interface T5Seq2SeqOutput extends Seq2SeqOutput {
  /** `[batch, src_len, d_model]` */
  encoderLastHiddenState?: tf.Tensor3D;
  /** Embedding output, each block's output but the last, the final-norm output (HF's order). */
  encoderHiddenStates?: tf.Tensor3D[];
  decoderHiddenStates?: tf.Tensor3D[];
  /** Layer 0's relative position bias, no mask: `[1, heads, len, len]`. */
  encoderPositionBias?: tf.Tensor4D;
  /** Decoder layer 0's bias; with a prefix, `[1, heads, tgt_len, prefix + tgt_len]`. */
  decoderPositionBias?: tf.Tensor4D;
}

/** Where `fromPretrained` looks: hub options pass through to `@t5sql/hub` (ignored for a local directory). */
export type FromPretrainedOptions = HubDownloadOptions;

/** Options of {@link T5ForConditionalGeneration.fromConfig}. */
export interface FromConfigOptions {
  /** Seed of the weight initialisation and of dropout when `forward` gets no seed. */
  seed: number;
}

// tfjs variable names are global to the process: every model instance gets its own prefix.
let instanceCounter = 0;

function uniquePrefix(): string {
  const registered = tf.engine().registeredVariables;
  let prefix: string;
  do {
    instanceCounter += 1;
    prefix = `t5_${instanceCounter}`;
  } while (Object.keys(registered).some((name) => name.startsWith(`${prefix}/`)));
  return prefix;
}

/** Re-parses a resolved config (so a hand-edited object is validated) or parses raw `config.json` content. */
function normalizeConfig(config: T5Config | T5ConfigJson): T5Config {
  if ('extra' in config && config.extra !== null && typeof config.extra === 'object') {
    const { extra, ...known } = config as T5Config;
    return parseT5Config({ ...extra, ...known });
  }
  return parseT5Config(config as T5ConfigJson);
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
  private readonly linears = new LinearRegistry();
  /** Non-linear parameters (embedding, norms, bias tables) by HF name. */
  private readonly params = new Map<string, tf.Variable>();
  private readonly encoder: T5EncoderStack;
  private readonly decoder: T5DecoderStack;
  private prefixProvider: DecoderPrefixProvider | null = null;
  /** v1.0's head over `shared` (null when `lm_head` is untied). */
  private readonly tiedHead: TiedLmHead | null;
  private readonly seed: number;
  private forwardCalls = 0;
  private disposed = false;

  /**
   * Builds the model around initial parameter tensors keyed by HF name, in this library's layout (Linear
   * weights `[in, out]`). Prefer {@link fromPretrained} or {@link fromConfig}. The tensors are copied into
   * variables; the caller still owns (and should dispose) `weights`.
   */
  constructor(config: T5Config | T5ConfigJson, weights: Map<string, tf.Tensor>, seed = 0) {
    this.config = normalizeConfig(config);
    const c = this.config;
    this.seed = seed;
    this.decoderStartTokenId = c.decoder_start_token_id;
    this.eosTokenId = Array.isArray(c.eos_token_id) ? c.eos_token_id[0] : c.eos_token_id;
    this.padTokenId = c.pad_token_id;
    this.vocabSize = c.vocab_size;
    const act = getActivation(c.dense_act_fn);
    const prefix = uniquePrefix();
    for (const spec of t5ParameterSpecs(c)) {
      const value = weights.get(spec.name);
      const shape = spec.transposed ? [spec.hfShape[1], spec.hfShape[0]] : spec.hfShape;
      if (value === undefined)
        throw new Error(`T5ForConditionalGeneration: no initial value for "${spec.name}"`);
      if (value.shape.length !== shape.length || value.shape.some((d, i) => d !== shape[i])) {
        throw new Error(
          `T5ForConditionalGeneration: "${spec.name}" expected shape [${shape}], found [${value.shape}]`,
        );
      }
      const variable = tf.variable(value, true, `${prefix}/${spec.name}`, 'float32');
      if (spec.kind === 'linear') this.linears.add(spec.module!, new DenseLinear(variable));
      else this.params.set(spec.name, variable);
    }
    this.tiedHead = c.tie_word_embeddings ? new TiedLmHead(this.params.get('shared.weight')!) : null;
    const param = (name: string) => {
      const v = this.params.get(name);
      if (v === undefined) throw new Error(`T5ForConditionalGeneration: no parameter "${name}"`);
      return v;
    };
    const settings = {
      numHeads: c.num_heads,
      dKv: c.d_kv,
      dropoutRate: c.dropout_rate,
      act,
      gated: c.is_gated_act,
      eps: c.layer_norm_epsilon,
    };
    const blocks = (stack: 'encoder' | 'decoder', depth: number) =>
      Array.from(
        { length: depth },
        (_, i) => new T5Block(`${stack}.block.${i}`, stack === 'decoder', this.linears, param, settings),
      );
    const bias = {
      numBuckets: c.relative_attention_num_buckets,
      maxDistance: c.relative_attention_max_distance,
    };
    this.encoder = new T5EncoderStack(
      'encoder',
      blocks('encoder', c.num_layers),
      param,
      c.layer_norm_epsilon,
      c.dropout_rate,
      {
        ...bias,
        bidirectional: true,
      },
    );
    this.decoder = new T5DecoderStack(
      'decoder',
      blocks('decoder', c.num_decoder_layers),
      param,
      c.layer_norm_epsilon,
      c.dropout_rate,
      { ...bias, bidirectional: false },
    );
  }

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
    const resolved = normalizeConfig(config);
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
    if (this.disposed) throw new Error('T5ForConditionalGeneration: used after dispose()');
  }

  private embed(ids: tf.Tensor2D): tf.Tensor3D {
    return tf.gather(this.params.get('shared.weight')!, ids) as tf.Tensor3D; // [batch, len, d_model]
  }

  /**
   * Decoder output → logits. v1.0 scales by `d_model^-0.5` (`scale_decoder_outputs`); a tied head multiplies by
   * `shared`ᵀ, an untied one goes through `lm_head`.
   */
  private lmHead(hidden: tf.Tensor3D, ctx: ForwardContext): tf.Tensor3D {
    const [batch, length, dModel] = hidden.shape;
    const scaled = this.config.scale_decoder_outputs ? tf.mul(hidden, dModel ** -0.5) : hidden;
    if (!this.config.tie_word_embeddings)
      return this.linears.get('lm_head').apply(scaled, ctx) as tf.Tensor3D;
    const flat = tf.reshape(scaled, [-1, dModel]) as tf.Tensor2D; // [batch * len, d_model]
    const logits = this.tiedHead!.apply(flat); // [batch * len, vocab]
    return tf.reshape(logits, [batch, length, this.vocabSize]) as tf.Tensor3D;
  }

  /** The decoder prefix as per-layer past keys/values, or null without a provider. */
  private prefixPast(batchSize: number, ctx: ForwardContext): KeyValue[] | null {
    if (this.prefixProvider === null) return null;
    const { keys, values } = this.prefixProvider.prefix(batchSize, ctx);
    const depth = this.config.num_decoder_layers;
    if (keys.length !== depth || values.length !== depth) {
      throw new Error(
        `decoder prefix: expected ${depth} key and value tensors, found ${keys.length} / ${values.length}`,
      );
    }
    const expected = [batchSize, this.config.num_heads, this.prefixProvider.prefixLength, this.config.d_kv];
    for (const t of [...keys, ...values]) {
      if (t.shape.some((d, i) => d !== expected[i])) {
        throw new Error(
          `decoder prefix: expected [${expected}] (batch, heads, prefix, d_kv), found [${t.shape}]`,
        );
      }
    }
    return keys.map((key, i) => ({ key, value: values[i] }));
  }

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
    const ctx = createForwardContext(training, options.seed ?? mixSeed(this.seed, this.forwardCalls));
    const detailed = options.outputHiddenStates ?? false;
    return tf.tidy(() => {
      // Arrays are checked against vocab_size on the CPU (a too-large tokenizer); tensors are not read back.
      const vocab = { vocabSize: this.vocabSize };
      const inputIds = toIdTensor(batch.inputIds, 'inputIds', vocab);
      const [batchSize, srcLength] = inputIds.shape;
      const mask: tf.Tensor2D =
        batch.attentionMask === undefined
          ? tf.ones([batchSize, srcLength], 'int32')
          : toIdTensor(batch.attentionMask, 'attentionMask');
      if (mask.shape[0] !== batchSize || mask.shape[1] !== srcLength) {
        throw new Error(`attentionMask: expected shape [${batchSize}, ${srcLength}], found [${mask.shape}]`);
      }
      const labels =
        batch.labels === undefined
          ? null
          : toIdTensor(batch.labels, 'labels', { ...vocab, ignoreIndex: IGNORE_INDEX });
      let decoderInputIds: tf.Tensor2D;
      if (batch.decoderInputIds !== undefined)
        decoderInputIds = toIdTensor(batch.decoderInputIds, 'decoderInputIds', vocab);
      else if (labels !== null)
        decoderInputIds = shiftTokensRight(labels, this.decoderStartTokenId, this.padTokenId);
      else throw new Error('forward: give decoderInputIds or labels');
      if (decoderInputIds.shape[0] !== batchSize) {
        throw new Error(
          `decoderInputIds: expected batch ${batchSize}, found shape [${decoderInputIds.shape}]`,
        );
      }
      const maskBias = paddingMaskBias(mask); // [batch, 1, 1, src_len]
      const encoderTrace: StackTrace | undefined = detailed ? { hiddenStates: [] } : undefined;
      const decoderTrace: StackTrace | undefined = detailed ? { hiddenStates: [] } : undefined;
      const encoderHidden = this.encoder.forward(this.embed(inputIds), maskBias, ctx, encoderTrace);
      const cross = this.decoder.blocks.map((block) => block.crossKeyValue(encoderHidden, ctx));
      const past = this.prefixPast(batchSize, ctx);
      const { hidden } = this.decoder.forward(
        this.embed(decoderInputIds),
        cross,
        maskBias,
        past,
        ctx,
        decoderTrace,
      );
      const logits = this.lmHead(hidden, ctx);
      const out: T5Seq2SeqOutput = { logits };
      if (labels !== null) out.loss = seq2seqLoss(logits, labels);
      if (encoderTrace && decoderTrace) {
        out.encoderLastHiddenState = encoderHidden;
        out.encoderHiddenStates = encoderTrace.hiddenStates;
        out.decoderHiddenStates = decoderTrace.hiddenStates;
        out.encoderPositionBias = encoderTrace.positionBias;
        out.decoderPositionBias = decoderTrace.positionBias;
      }
      return out as unknown as tf.TensorContainer;
    }) as unknown as T5Seq2SeqOutput;
  }

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
    const ctx = createForwardContext(false, 0);
    return tf.tidy(() => {
      const ids = toIdTensor(inputIds, 'inputIds');
      return this.encoder.forward(
        this.embed(ids),
        paddingMaskBias(toIdTensor(attentionMask, 'attentionMask')),
        ctx,
      );
    });
  }

  /**
   * Cross-attention keys/values of every decoder layer, computed once; self-attention starts empty, or with
   * the decoder prefix when a provider is set (the cache then owns copies of the prefix tensors).
   */
  initDecoderCache(encoderHiddenStates: tf.Tensor3D): DecoderCache {
    this.assertLive();
    const ctx = createForwardContext(false, 0);
    const batchSize = encoderHiddenStates.shape[0];
    const layers = tf.tidy(() => {
      const past = this.prefixPast(batchSize, ctx);
      return this.decoder.blocks.map((block, i) => {
        const cross = block.crossKeyValue(encoderHiddenStates, ctx);
        const empty = tf.zeros([batchSize, this.config.num_heads, 0, this.config.d_kv]) as tf.Tensor4D;
        return {
          selfKey: past === null ? empty : (tf.clone(past[i].key) as tf.Tensor4D),
          selfValue:
            past === null ? (tf.clone(empty) as tf.Tensor4D) : (tf.clone(past[i].value) as tf.Tensor4D),
          crossKey: cross.key,
          crossValue: cross.value,
        };
      });
    });
    return { layers, length: 0 };
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
    const ctx = createForwardContext(false, 0);
    const { logits, selfKeyValues } = tf.tidy(() => {
      const ids = toIdTensor(decoderInputIds, 'decoderInputIds');
      const pastLength = cache.layers[0]?.selfKey.shape[2] ?? 0;
      const past =
        pastLength === 0 ? null : cache.layers.map((l) => ({ key: l.selfKey, value: l.selfValue }));
      const cross = cache.layers.map((l) => ({ key: l.crossKey, value: l.crossValue }));
      const maskBias = paddingMaskBias(toIdTensor(encoderAttentionMask, 'encoderAttentionMask'));
      const result = this.decoder.forward(this.embed(ids), cross, maskBias, past, ctx);
      return { logits: this.lmHead(result.hidden, ctx), selfKeyValues: result.selfKeyValues };
    }) as { logits: tf.Tensor3D; selfKeyValues: KeyValue[] };
    return {
      logits,
      cache: {
        layers: cache.layers.map((l, i) => ({
          selfKey: selfKeyValues[i].key,
          selfValue: selfKeyValues[i].value,
          crossKey: l.crossKey,
          crossValue: l.crossValue,
        })),
        length: cache.length + decoderInputIds.shape[1],
      },
    };
  }

  /**
   * Module paths of every attention and feed-forward projection, HF-named
   * (`encoder.block.0.layer.0.SelfAttention.q`, `decoder.block.1.layer.2.DenseReluDense.wi_0`, ...). `lm_head`
   * is left out, as PEFT's `all-linear` leaves out the output layer; `getLinear('lm_head')` still works.
   */
  linearPaths(): string[] {
    return [...this.linears.entries()].map(([path]) => path).filter((p) => p !== 'lm_head');
  }

  /** The projection at an HF module path (a {@link DenseLinear} unless replaced). */
  getLinear(path: string): LinearLayer {
    return this.linears.get(path);
  }

  /**
   * Swaps in another projection (LoRA wrapper, NF4 layer) with the same widths. The replaced layer is not
   * disposed: a wrapper usually keeps it; otherwise the caller disposes it.
   */
  setLinear(path: string, layer: LinearLayer): void {
    this.linears.set(path, layer);
  }

  /** Installs (or with null removes) the prefix whose keys/values enter every decoder self-attention. */
  setDecoderPrefixProvider(provider: DecoderPrefixProvider | null): void {
    this.prefixProvider = provider;
  }

  /**
   * Every variable by HF state-dict name, in state-dict order. Linear weights are in this library's `[in, out]`
   * layout; the variables of swapped-in layers appear under `<module>.<suffix>` (`...q.lora_A.default.weight`).
   */
  namedVariables(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    for (const spec of t5ParameterSpecs(this.config)) {
      if (spec.kind !== 'linear') {
        out.set(spec.name, this.params.get(spec.name)!);
        continue;
      }
      for (const [suffix, variable] of this.linears.get(spec.module!).variables()) {
        out.set(`${spec.module}.${suffix}`, variable);
      }
    }
    return out;
  }

  /** The variables with `trainable = true`, by state-dict name. */
  namedTrainableVariables(): Map<string, tf.Variable> {
    return new Map([...this.namedVariables()].filter(([, v]) => v.trainable));
  }

  /** Marks every variable (or those named) as not trainable. */
  freeze(names?: Iterable<string>): void {
    this.setTrainable(false, names);
  }

  /** Marks every variable (or those named) as trainable. */
  unfreeze(names?: Iterable<string>): void {
    this.setTrainable(true, names);
  }

  private setTrainable(trainable: boolean, names?: Iterable<string>): void {
    const all = this.namedVariables();
    for (const name of names ?? all.keys()) {
      const variable = all.get(name);
      if (variable === undefined) throw new Error(`no variable "${name}"`);
      variable.trainable = trainable;
    }
  }

  /** Number of scalar parameters (tied weights counted once). */
  numParameters(): number {
    return [...new Set(this.namedVariables().values())].reduce((sum, v) => sum + v.size, 0);
  }

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
    const tensors = new Map<string, TensorToSave>();
    for (const spec of t5ParameterSpecs(this.config)) {
      const owned = spec.kind === 'linear';
      let value: tf.Tensor;
      if (owned) {
        const layer = this.linears.get(spec.module!) as LinearLayer & { hfWeight?: () => tf.Tensor2D };
        if (typeof layer.hfWeight !== 'function') {
          throw new Error(
            `savePretrained: "${spec.module}" is a ${layer.constructor.name} without hfWeight(); merge it or save the adapter instead`,
          );
        }
        value = layer.hfWeight(); // [out, in]
      } else {
        value = this.params.get(spec.name)!;
      }
      const data = Float32Array.from((await readTensorData(value)) as Float32Array);
      const shape = value.shape;
      if (owned) value.dispose();
      if (shape.some((d, i) => d !== spec.hfShape[i])) {
        throw new Error(`savePretrained: "${spec.name}" has shape [${shape}], expected [${spec.hfShape}]`);
      }
      tensors.set(spec.name, { shape: spec.hfShape, data });
    }
    return tensors;
  }

  /** The trainer's checkpoint hook: the full model, as {@link savePretrained}. */
  saveTrainable(dir: string): Promise<void> {
    return this.savePretrained(dir);
  }

  /** Frees every variable of the model, swapped-in layers included. The model is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const [, layer] of this.linears.entries()) layer.dispose();
    for (const variable of this.params.values()) variable.dispose();
    this.tiedHead?.dispose();
  }
}
