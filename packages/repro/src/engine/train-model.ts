import type { ProgressReporter } from '@t5sql/common';
import { type TokenizedExample, makeBatches } from '@t5sql/datasets';
import { type TrainableSeq2Seq, Trainer } from '@t5sql/t5-core';
import type { LossPoint } from '../experiments/result.js';
import type { HyperParams } from '../experiments/types.js';
import type { MemoryTracker } from '../manifest/memory-tracker.js';

/** Options of {@link trainModel}. */
export interface TrainModelOptions {
  hyper: HyperParams;
  /** Seed of dropout (the trainer derives per-step seeds from it). */
  dropoutSeed: number;
  /** Seed of the data order (per epoch). */
  dataSeed: number;
  /** Rebuilds the examples per epoch (pretraining re-corrupts each epoch); default: the same examples. */
  examplesForEpoch?: (epoch: number) => readonly TokenizedExample[];
  /** The display the trainer draws its steps on (loss, lr, tokens/s); none when absent. */
  progress?: (total: number) => ProgressReporter;
  memory?: MemoryTracker;
}

/** What training produced. */
export interface TrainOutcome {
  lossCurve: LossPoint[];
  steps: number;
  seconds: number;
  tokensPerSecond: number;
}

/** Number of optimizer updates a run will make. */
export function plannedSteps(numExamples: number, hyper: HyperParams): number {
  const perEpoch = Math.ceil(numExamples / hyper.batchSize);
  return hyper.maxSteps !== undefined
    ? Math.min(hyper.maxSteps, perEpoch * hyper.epochs)
    : perEpoch * hyper.epochs;
}

/**
 * Trains `model` on tokenized examples with @t5sql/t5-core's Trainer: shuffled, length-bucketed batches whose
 * order is a function of `dataSeed` and the epoch, dropout from `dropoutSeed`, a progress bar, and the loss of
 * every update recorded.
 */
export async function trainModel(
  model: TrainableSeq2Seq,
  examples: readonly TokenizedExample[],
  options: TrainModelOptions,
): Promise<TrainOutcome> {
  const { hyper } = options;
  const total = plannedSteps(examples.length, hyper);
  const bar = options.progress?.(total);
  const lossCurve: LossPoint[] = [];
  const started = performance.now();
  const trainer = new Trainer(model, {
    optimizer: hyper.optimizer,
    learningRate: hyper.learningRate,
    weightDecay: hyper.weightDecay,
    schedule: hyper.schedule,
    warmupSteps: hyper.warmupSteps,
    maxSteps: total,
    seed: options.dropoutSeed,
    // The trainer draws on the run's display instead of a line of its own.
    progress: bar === undefined ? false : { reporter: bar },
    onStep: (m) => {
      lossCurve.push({ step: m.step, loss: m.loss });
      options.memory?.sample();
    },
  });
  try {
    const history = await trainer.train({
      trainBatches: (epoch) =>
        makeBatches(options.examplesForEpoch?.(epoch) ?? examples, {
          batchSize: hyper.batchSize,
          padTokenId: 0,
          seed: options.dataSeed,
          epoch,
          bucketByLength: true,
        }),
    });
    const last = lossCurve.at(-1);
    bar?.done(last ? { 'final loss': last.loss.toFixed(4) } : undefined);
    return {
      lossCurve,
      steps: lossCurve.length,
      seconds: (performance.now() - started) / 1000,
      tokensPerSecond: history.tokensPerSecond,
    };
  } finally {
    trainer.dispose();
  }
}
