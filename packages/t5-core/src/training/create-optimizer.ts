import { TrainingError } from '../errors/index.js';
// The Trainer's optimizer from its options: AdamW, HF Trainer's Adafactor setting, or the caller's instance.
import { Adafactor } from './adafactor.js';
import { AdamW } from './adamw.js';
import type { Optimizer } from './optimizer.js';
import type { TrainerOptions } from './trainer-types.js';

/**
 * The optimizer `options.optimizer` names (default `adamw`) and the peak rate the schedule scales: the option's
 * `learningRate`, else 5e-5 for AdamW (HF TrainingArguments), 1e-3 for Adafactor (T5 paper), or an instance's own.
 *
 * @example
 * ```ts
 * const { optimizer, baseLearningRate } = createOptimizer({ optimizer: 'adafactor' }); // rate 1e-3
 * ```
 */
export function createOptimizer(options: TrainerOptions): { optimizer: Optimizer; baseLearningRate: number } {
  const choice = options.optimizer ?? 'adamw';
  if (choice === 'adamw') {
    const baseLearningRate = options.learningRate ?? 5e-5;
    const optimizer = new AdamW({
      learningRate: baseLearningRate,
      betas: options.betas,
      eps: options.eps,
      weightDecay: options.weightDecay ?? 0,
    });
    return { optimizer, baseLearningRate };
  }
  if (choice === 'adafactor') {
    // HF Trainer's `optim="adafactor"`: the schedule drives the rate; no relative step, no parameter scaling.
    const baseLearningRate = options.learningRate ?? 1e-3;
    const optimizer = new Adafactor({
      learningRate: baseLearningRate,
      relativeStep: false,
      scaleParameter: false,
      weightDecay: options.weightDecay ?? 0,
    });
    return { optimizer, baseLearningRate };
  }
  if (typeof choice === 'object' && typeof choice.applyGradients === 'function') {
    const baseLearningRate =
      options.learningRate ?? (choice as { learningRate?: number }).learningRate ?? 5e-5;
    return { optimizer: choice, baseLearningRate };
  }
  throw new TrainingError(`optimizer: expected 'adamw', 'adafactor' or an Optimizer, got ${String(choice)}`);
}
