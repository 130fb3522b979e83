// PeftModel: a T5 model with one adapter (any registered method: LoRA, prefix tuning) whose own layers were swapped
// in place by the method's tuner. Training, generation and saving go through it; only the adapter's variables
// train, and they save in PEFT's file format. Nothing here depends on which method it is.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeFileAtomic } from '@t5sql/common';
import { type HubDownloadOptions, resolveFile } from '@t5sql/hub';
import {
  type DecoderCache,
  type ForwardOptions,
  type GenerateOptions,
  type IncrementalSeq2Seq,
  type Seq2SeqBatch,
  type Seq2SeqOutput,
  type T5ForConditionalGeneration,
  type TokenIds,
  type TrainableSeq2Seq,
  readSafetensors,
  writeSafetensors,
} from '@t5sql/t5-core';
import type * as tf from '@tensorflow/tfjs-core';
import { adapterConfigToJson, parseAdapterConfig } from './adapter-config.js';
import { formatTrainableParameters } from './count-parameters.js';
import { AdapterFileError, PeftStateError } from './errors.js';
import type { LoraLinear } from './tuners/lora/layer.js';
import { LoraModel } from './tuners/lora/model.js';
import type { PeftTuner } from './tuners/peft-method.js';
import type { PrefixEncoder } from './tuners/prefix-tuning/layer.js';
import { PrefixTuningModel } from './tuners/prefix-tuning/model.js';
import { type AdapterConfig, peftMethod } from './tuners/registry.js';

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

  /** Use `getPeftModel` or {@link PeftModel.fromPretrained}; `tuner` is the adapter its method injected. */
  constructor(
    readonly baseModel: T5ForConditionalGeneration,
    readonly peftConfig: AdapterConfig,
    readonly tuner: PeftTuner,
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
    if (configPath === null)
      throw new AdapterFileError(dirOrRepoId, `${dirOrRepoId}: no adapter_config.json`);
    // A JsonFileError names the file, and the line and column of a syntax error.
    const json = await readJsonFile(configPath).catch((error: Error) => {
      throw new AdapterFileError(configPath, error.message, { cause: error });
    });
    const config = parseAdapterConfig(json, baseModel.config, configPath);
    const weightsPath = await resolveFile(dirOrRepoId, 'adapter_model.safetensors', hub);
    if (weightsPath === null) {
      throw new AdapterFileError(
        dirOrRepoId,
        `${dirOrRepoId}: no adapter_model.safetensors (adapter_model.bin is not supported)`,
      );
    }
    const tensors = await readSafetensors(weightsPath);
    const model = createPeftModel(baseModel, config, 0, 'load');
    try {
      model.tuner.loadStateDict(tensors, weightsPath);
    } catch (error) {
      model.unload();
      throw error;
    }
    for (const v of model.adapterVariables().values()) v.trainable = isTrainable;
    return model;
  }

  private assertLive(): void {
    if (this.disposed) throw new PeftStateError('PeftModel: used after unload, mergeAndUnload or dispose');
  }

  /** The LoRA layers by module path (empty for other methods). */
  get lora(): ReadonlyMap<string, LoraLinear> {
    return this.tuner instanceof LoraModel ? this.tuner.layers : new Map();
  }

  /** The prefix encoder (null for other methods). */
  get prefix(): PrefixEncoder | null {
    return this.tuner instanceof PrefixTuningModel ? this.tuner.encoder : null;
  }

  /** Adapter variables by PEFT's in-memory names (`base_model.model.<module>.lora_A.default.weight`, `prompt_encoder.default.embedding.weight`). */
  adapterVariables(): Map<string, tf.Variable> {
    return this.tuner.variables();
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
    // Weights held quantized outside tfjs variables (NF4, also under a LoRA wrapper) count at their unpacked size.
    for (const path of [...this.baseModel.linearPaths(), 'lm_head']) {
      let quantized: number | undefined;
      try {
        quantized = this.baseModel.getLinear(path).quantizedParameters;
      } catch {
        continue; // tied models have no lm_head layer
      }
      all += quantized ?? 0;
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

  /** The tuner's merge / unmerge, or a {@link PeftStateError} for a method that has nothing to merge. */
  private mergeable(op: string): Required<Pick<PeftTuner, 'merge' | 'unmerge'>> {
    const { merge, unmerge } = this.tuner;
    if (merge === undefined || unmerge === undefined) {
      throw new PeftStateError(`PeftModel.${op}: only LoRA adapters can be merged`);
    }
    return { merge: merge.bind(this.tuner), unmerge: unmerge.bind(this.tuner) };
  }

  /** Folds every LoRA update into its base weight (forward then skips the adapter path). */
  async merge(): Promise<void> {
    this.assertLive();
    await this.mergeable('merge').merge();
  }

  /** Takes merged LoRA updates back out of the base weights. */
  async unmerge(): Promise<void> {
    this.assertLive();
    await this.mergeable('unmerge').unmerge();
  }

  /**
   * Merges LoRA into the base weights, puts the base layers back and returns the plain base model (PEFT's
   * `merge_and_unload`). This PeftModel is unusable afterwards.
   */
  async mergeAndUnload(): Promise<T5ForConditionalGeneration> {
    this.mergeable('mergeAndUnload');
    await this.merge();
    return this.unload();
  }

  /** Removes the adapter without merging and returns the base model with its original layers. */
  unload(): T5ForConditionalGeneration {
    this.assertLive();
    this.tuner.unload();
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
    const tensors = await this.tuner.stateDict();
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
 * Freezes `model` and builds a PeftModel around it with a new adapter from the method registered for the config's
 * `peft_type` (internal to `getPeftModel` and `fromPretrained`). `mode: 'load'` builds the layout saved adapters
 * hold (a prefix adapter as a plain table), ready for saved values.
 */
export function createPeftModel(
  model: T5ForConditionalGeneration,
  config: AdapterConfig,
  seed: number,
  mode: 'fresh' | 'load',
): PeftModel {
  model.freeze();
  const tuner = peftMethod(config.peft_type).inject(model, config, seed, mode);
  return new PeftModel(model, config, tuner);
}
