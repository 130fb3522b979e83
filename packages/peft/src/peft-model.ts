// PeftModel: a T5 model with one adapter (LoRA or prefix tuning) whose own layers were swapped in place. Training,
// generation and saving go through it; only the adapter's variables train, and they save in PEFT's file format.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type HubDownloadOptions, resolveFile } from '@t5sql/hub';
import {
  type DecoderCache,
  type ForwardOptions,
  type GenerateOptions,
  type IncrementalSeq2Seq,
  type LinearLayer,
  type Seq2SeqBatch,
  type Seq2SeqOutput,
  type T5ForConditionalGeneration,
  type TokenIds,
  type TrainableSeq2Seq,
  readSafetensors,
  writeFileAtomic,
  writeSafetensors,
} from '@t5sql/t5-core';
import type * as tf from '@tensorflow/tfjs-core';
import { type AdapterConfig, adapterConfigToJson, parseAdapterConfig } from './adapter-config.js';
import { loadLoraStateDict, loadPrefixStateDict, loraStateDict, prefixStateDict } from './adapter-weights.js';
import { formatTrainableParameters } from './count-parameters.js';
import { Nf4Linear } from './quantization/nf4/nf4-linear.js';
import type { LoraConfig } from './tuners/lora/config.js';
import { LoraLinear } from './tuners/lora/layer.js';
import { injectLora } from './tuners/lora/model.js';
import type { ResolvedPrefixTuningConfig } from './tuners/prefix-tuning/config.js';
import type { PrefixEncoder } from './tuners/prefix-tuning/layer.js';
import { attachPrefixTuning } from './tuners/prefix-tuning/model.js';

/** Options of {@link PeftModel.fromPretrained}; hub options pass through to `@t5sql/hub`. */
export interface PeftFromPretrainedOptions extends HubDownloadOptions {
  /** Keep the adapter trainable (PEFT's `is_trainable`). Default false: the adapter is frozen for inference. */
  isTrainable?: boolean;
}

/** Trainable and total parameter counts as PEFT's `get_nb_trainable_parameters` returns them. */
export interface TrainableParameterCounts {
  trainable: number;
  all: number;
}

/**
 * A T5 model wrapped with one PEFT adapter. Create one with `getPeftModel` (fresh adapter) or
 * {@link PeftModel.fromPretrained} (saved adapter, ours or Python PEFT's).
 *
 * @example
 * ```ts
 * const base = await T5ForConditionalGeneration.fromPretrained('google/flan-t5-small');
 * const peft = await PeftModel.fromPretrained(base, './my-lora-adapter');
 * const { logits } = peft.forward({ inputIds: [[13, 27, 1]], decoderInputIds: [[0]] });
 * ```
 */
export class PeftModel implements TrainableSeq2Seq, IncrementalSeq2Seq {
  private disposed = false;

  /** Use `getPeftModel` or {@link PeftModel.fromPretrained}. */
  constructor(
    readonly baseModel: T5ForConditionalGeneration,
    readonly peftConfig: AdapterConfig,
    private readonly loraLayers: Map<string, LoraLinear>,
    private readonly prefixEncoder: PrefixEncoder | null,
  ) {}

  /**
   * Loads a PEFT adapter (`adapter_config.json` + `adapter_model.safetensors`) from a directory or hub repo id
   * onto `baseModel`, swapping its layers in place. Works for adapters saved by Python PEFT and by this package.
   * A prefix adapter saved with `prefix_projection` loads as its projected table (as PEFT does in inference mode).
   *
   * @example
   * ```ts
   * const peft = await PeftModel.fromPretrained(base, 'user/flan-t5-small-sql-lora', { isTrainable: true });
   * ```
   */
  static async fromPretrained(
    baseModel: T5ForConditionalGeneration,
    dirOrRepoId: string,
    options: PeftFromPretrainedOptions = {},
  ): Promise<PeftModel> {
    const { isTrainable = false, ...hub } = options;
    const configPath = await resolveFile(dirOrRepoId, 'adapter_config.json', hub);
    if (configPath === null) throw new Error(`${dirOrRepoId}: no adapter_config.json`);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(configPath, 'utf8'));
    } catch (error) {
      throw new Error(`${configPath}: not valid JSON (${(error as Error).message})`);
    }
    const config = parseAdapterConfig(json, baseModel.config, configPath);
    const weightsPath = await resolveFile(dirOrRepoId, 'adapter_model.safetensors', hub);
    if (weightsPath === null) {
      throw new Error(`${dirOrRepoId}: no adapter_model.safetensors (adapter_model.bin is not supported)`);
    }
    const tensors = await readSafetensors(weightsPath);
    const model = createPeftModel(baseModel, config, 0, 'load');
    try {
      if (model.prefixEncoder !== null) loadPrefixStateDict(model.prefixEncoder, tensors, weightsPath);
      else loadLoraStateDict(model.loraLayers, tensors, weightsPath);
    } catch (error) {
      model.unload();
      throw error;
    }
    for (const v of model.adapterVariables().values()) v.trainable = isTrainable;
    return model;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('PeftModel: used after unload, mergeAndUnload or dispose');
  }

  /** The LoRA layers by module path (empty for prefix tuning). */
  get lora(): ReadonlyMap<string, LoraLinear> {
    return this.loraLayers;
  }

  /** The prefix encoder (null for LoRA). */
  get prefix(): PrefixEncoder | null {
    return this.prefixEncoder;
  }

  /** Adapter variables by PEFT's in-memory names (`base_model.model.<module>.lora_A.default.weight`, `prompt_encoder.default.embedding.weight`). */
  adapterVariables(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    for (const [path, layer] of this.loraLayers) {
      out.set(`base_model.model.${path}.lora_A.default.weight`, layer.loraA);
      out.set(`base_model.model.${path}.lora_B.default.weight`, layer.loraB);
    }
    if (this.prefixEncoder !== null) for (const [k, v] of this.prefixEncoder.variables()) out.set(k, v);
    return out;
  }

  /** The variables the optimizer updates: the adapter's, under PEFT's names. */
  namedTrainableVariables(): Map<string, tf.Variable> {
    this.assertLive();
    return new Map([...this.adapterVariables()].filter(([, v]) => v.trainable));
  }

  forward(
    batch: Seq2SeqBatch | (Omit<Seq2SeqBatch, 'labels'> & { labels?: TokenIds }),
    options?: ForwardOptions,
  ): Seq2SeqOutput {
    this.assertLive();
    return this.baseModel.forward(batch, options);
  }

  /**
   * Generates token ids with the adapter active (greedy, beam search, sampling), delegating to the base model,
   * whose layers carry the adapter.
   *
   * @example
   * ```ts
   * const ids = await peft.generate([[13, 27, 1]], { maxNewTokens: 32, numBeams: 4 });
   * ```
   */
  generate(inputIds: TokenIds, options: GenerateOptions): Promise<number[][]> {
    this.assertLive();
    return this.baseModel.generate(inputIds, options);
  }

  get decoderStartTokenId(): number {
    return this.baseModel.decoderStartTokenId;
  }
  get eosTokenId(): number {
    return this.baseModel.eosTokenId;
  }
  get padTokenId(): number {
    return this.baseModel.padTokenId;
  }
  get vocabSize(): number {
    return this.baseModel.vocabSize;
  }

  encode(inputIds: tf.Tensor2D, attentionMask: tf.Tensor2D): tf.Tensor3D {
    this.assertLive();
    return this.baseModel.encode(inputIds, attentionMask);
  }

  initDecoderCache(encoderHiddenStates: tf.Tensor3D): DecoderCache {
    this.assertLive();
    return this.baseModel.initDecoderCache(encoderHiddenStates);
  }

  decodeStep(
    decoderInputIds: tf.Tensor2D,
    cache: DecoderCache,
    encoderAttentionMask: tf.Tensor2D,
  ): { logits: tf.Tensor3D; cache: DecoderCache } {
    this.assertLive();
    return this.baseModel.decodeStep(decoderInputIds, cache, encoderAttentionMask);
  }

  /** PEFT's `get_nb_trainable_parameters`: 4-bit weights count at their unpacked size. */
  getNbTrainableParameters(): TrainableParameterCounts {
    this.assertLive();
    const seen = new Set<tf.Variable>();
    let all = 0;
    let trainable = 0;
    const count = (v: tf.Variable) => {
      if (seen.has(v)) return;
      seen.add(v);
      all += v.size;
      if (v.trainable) trainable += v.size;
    };
    for (const v of this.baseModel.namedVariables().values()) count(v);
    for (const v of this.adapterVariables().values()) count(v);
    const base = (layer: LinearLayer): LinearLayer => (layer instanceof LoraLinear ? layer.base : layer);
    for (const path of [...this.baseModel.linearPaths(), 'lm_head']) {
      let layer: LinearLayer;
      try {
        layer = base(this.baseModel.getLinear(path));
      } catch {
        continue; // tied models have no lm_head layer
      }
      if (layer instanceof Nf4Linear) all += layer.state.numel;
    }
    return { trainable, all };
  }

  /** Prints (or passes to `log`) PEFT's line `trainable params: N || all params: M || trainable%: P`. */
  printTrainableParameters(log: (line: string) => void = console.log): string {
    const { trainable, all } = this.getNbTrainableParameters();
    const line = formatTrainableParameters(trainable, all);
    log(line);
    return line;
  }

  private requireLora(op: string): void {
    if (this.peftConfig.peft_type !== 'LORA')
      throw new Error(`PeftModel.${op}: only LoRA adapters can be merged`);
  }

  /** Folds every LoRA update into its base weight (forward then skips the adapter path). */
  async merge(): Promise<void> {
    this.assertLive();
    this.requireLora('merge');
    for (const layer of this.loraLayers.values()) await layer.merge();
  }

  /** Takes merged LoRA updates back out of the base weights. */
  async unmerge(): Promise<void> {
    this.assertLive();
    this.requireLora('unmerge');
    for (const layer of this.loraLayers.values()) await layer.unmerge();
  }

  /**
   * Merges LoRA into the base weights, puts the base layers back and returns the plain base model (PEFT's
   * `merge_and_unload`). This PeftModel is unusable afterwards.
   */
  async mergeAndUnload(): Promise<T5ForConditionalGeneration> {
    this.requireLora('mergeAndUnload');
    await this.merge();
    return this.unload();
  }

  /** Removes the adapter without merging and returns the base model with its original layers. */
  unload(): T5ForConditionalGeneration {
    this.assertLive();
    for (const [path, layer] of this.loraLayers) this.baseModel.setLinear(path, layer.unload());
    this.loraLayers.clear();
    if (this.prefixEncoder !== null) {
      this.baseModel.setDecoderPrefixProvider(null);
      this.prefixEncoder.dispose();
    }
    this.disposed = true;
    return this.baseModel;
  }

  /**
   * Writes `adapter_config.json` and `adapter_model.safetensors` (metadata `{"format": "pt"}`) as PEFT's
   * `save_pretrained` does, each file atomically; Python's `PeftModel.from_pretrained` loads the directory.
   */
  async savePretrained(dir: string): Promise<void> {
    this.assertLive();
    await mkdir(dir, { recursive: true });
    const tensors =
      this.prefixEncoder !== null
        ? await prefixStateDict(this.prefixEncoder)
        : await loraStateDict(this.loraLayers);
    await writeSafetensors(join(dir, 'adapter_model.safetensors'), tensors, { format: 'pt' });
    const json = adapterConfigToJson(this.peftConfig);
    await writeFileAtomic(join(dir, 'adapter_config.json'), `${JSON.stringify(json, null, 2)}\n`);
  }

  /** The trainer's checkpoint hook: the adapter only, as {@link savePretrained}. */
  saveTrainable(dir: string): Promise<void> {
    return this.savePretrained(dir);
  }

  /** Frees the adapter and the base model. */
  dispose(): void {
    if (this.disposed) return;
    this.unload().dispose();
  }
}

/**
 * Freezes `model` and builds a PeftModel around it with a new adapter (internal to `getPeftModel` and
 * `fromPretrained`). `mode: 'load'` builds a prefix adapter as a plain table, ready for saved values.
 */
export function createPeftModel(
  model: T5ForConditionalGeneration,
  config: AdapterConfig,
  seed: number,
  mode: 'fresh' | 'load',
): PeftModel {
  model.freeze();
  if (config.peft_type === 'LORA') {
    const layers = injectLora(model, config as LoraConfig, seed);
    return new PeftModel(model, config, layers, null);
  }
  // A saved prefix (PEFT's `prompt_embeddings`) is always the projected table, so loading never needs the MLP.
  const prefix = config as ResolvedPrefixTuningConfig;
  const encoder = attachPrefixTuning(
    model,
    prefix,
    seed,
    mode === 'fresh' ? prefix.prefix_projection : false,
  );
  return new PeftModel(model, config, new Map(), encoder);
}
