// The LoRA tuner (PEFT's LoraModel): finds the target projections of a T5 model, swaps a LoraLinear in for each,
// and saves / loads the adapter under PEFT's key names.
import { deriveIndexSeed } from '@t5sql/common';
import type { SafeTensor, T5ForConditionalGeneration, TensorToSave } from '@t5sql/t5-core';
import type * as tf from '@tensorflow/tfjs-core';
import { PeftStateError } from '../../errors.js';
import type { PeftTuner } from '../peft-method.js';
import type { LoraConfig } from './config.js';
import { LoraLinear } from './layer.js';
import { loadLoraStateDict, loraStateDict } from './state-dict.js';
import { type LinearModuleInfo, resolveLoraTargets } from './target-modules.js';

/** The linear modules of a live model, as LoRA's matcher sees them (`lm_head` included when untied). */
export function modelLinearModules(model: T5ForConditionalGeneration): LinearModuleInfo[] {
  const paths = model.linearPaths();
  if (!model.config.tie_word_embeddings && !paths.includes('lm_head')) paths.push('lm_head');
  return paths.map((path) => {
    const layer = model.getLinear(path);
    return { path, inFeatures: layer.inFeatures, outFeatures: layer.outFeatures };
  });
}

/**
 * Wraps every projection `config` targets in a {@link LoraLinear} and returns them by module path. Each layer's
 * initial A is drawn from `deriveIndexSeed(seed, index)` so the whole adapter follows from one seed.
 */
export function injectLora(
  model: T5ForConditionalGeneration,
  config: LoraConfig,
  seed: number,
): Map<string, LoraLinear> {
  const targets = resolveLoraTargets(config, modelLinearModules(model));
  const layers = new Map<string, LoraLinear>();
  targets.forEach((target, index) => {
    const base = model.getLinear(target.path);
    if (base instanceof LoraLinear)
      throw new PeftStateError(`LoRA: "${target.path}" already carries an adapter`);
    const layer = new LoraLinear(base, {
      r: target.r,
      alpha: target.alpha,
      dropout: config.lora_dropout,
      useRslora: config.use_rslora,
      initLoraWeights: config.init_lora_weights,
      seed: deriveIndexSeed(seed, 2 * index + 1),
    });
    model.setLinear(target.path, layer);
    layers.set(target.path, layer);
  });
  return layers;
}

/**
 * LoRA live on a model: the {@link LoraLinear} layers swapped in by {@link injectLora}, by module path.
 *
 * @example
 * ```ts
 * const tuner = new LoraModel(model, loraConfig({ r: 8 }), 42);
 * await tuner.merge(); // W += scaling * B A in every adapted projection
 * ```
 */
export class LoraModel implements PeftTuner {
  /** The LoRA layers by module path (HF names). */
  readonly layers: Map<string, LoraLinear>;

  constructor(
    readonly model: T5ForConditionalGeneration,
    readonly config: LoraConfig,
    seed: number,
  ) {
    this.layers = injectLora(model, config, seed);
  }

  /** `base_model.model.<module>.lora_A.default.weight` / `.lora_B.default.weight`, PEFT's in-memory names. */
  variables(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    for (const [path, layer] of this.layers) {
      out.set(`base_model.model.${path}.lora_A.default.weight`, layer.loraA);
      out.set(`base_model.model.${path}.lora_B.default.weight`, layer.loraB);
    }
    return out;
  }

  stateDict(): Promise<Map<string, TensorToSave>> {
    return loraStateDict(this.layers);
  }

  loadStateDict(tensors: Map<string, SafeTensor>, source: string): void {
    loadLoraStateDict(this.layers, tensors, source);
  }

  /** Folds every update into its base weight (forward then skips the adapter path). */
  async merge(): Promise<void> {
    for (const layer of this.layers.values()) await layer.merge();
  }

  /** Takes merged updates back out of the base weights. */
  async unmerge(): Promise<void> {
    for (const layer of this.layers.values()) await layer.unmerge();
  }

  /** Frees the LoRA matrices and puts each base layer back in its place. */
  unload(): void {
    for (const [path, layer] of this.layers) this.model.setLinear(path, layer.unload());
    this.layers.clear();
  }
}
