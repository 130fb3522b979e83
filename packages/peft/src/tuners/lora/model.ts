// The LoRA tuner: finds the target projections of a T5 model and swaps a LoraLinear in for each (PEFT's LoraModel).
import { type T5ForConditionalGeneration, mixSeed } from '@t5sql/t5-core';
import type { LoraConfig } from './config.js';
import { LoraLinear } from './layer.js';
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
 * initial A is drawn from `mixSeed(seed, index)` so the whole adapter follows from one seed.
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
    if (base instanceof LoraLinear) throw new Error(`LoRA: "${target.path}" already carries an adapter`);
    const layer = new LoraLinear(base, {
      r: target.r,
      alpha: target.alpha,
      dropout: config.lora_dropout,
      useRslora: config.use_rslora,
      initLoraWeights: config.init_lora_weights,
      seed: mixSeed(seed, 2 * index + 1),
    });
    model.setLinear(target.path, layer);
    layers.set(target.path, layer);
  });
  return layers;
}
