// The training loop: micro-batches → averaged gradients → clip → scheduled optimizer update, with evaluation,
// atomic checkpoints, exact resume, a progress line and callbacks. Each job lives in its own module: the update
// in update-step.ts, evaluation in evaluate-loss.ts, the run's position and checkpoints in training-run.ts, the
// progress line and callbacks in trainer-hooks.ts.
import { deriveStepDropoutSeed } from '@t5sql/common';
import { settledDeviceFault } from '../backend/device-health.js';
import { registerTrainingGradients } from '../backend/gradients/register-training-gradients.js';
import { registerCpuTrainingKernels } from '../backend/register-cpu-training-kernels.js';
import { registerWasmTrainingKernels } from '../backend/register-wasm-training-kernels.js';
import type { Seq2SeqBatch, TrainableSeq2Seq } from '../contracts/index.js';
import { TrainingError } from '../errors/index.js';
import { countItems, withLast } from './batch-iteration.js';
import { checkLoopOptions } from './check-loop-options.js';
import { createOptimizer } from './create-optimizer.js';
import { evaluateLoss } from './evaluate-loss.js';
import { resolveWarmupSteps, scheduleLambda } from './lr-schedule.js';
import type { Optimizer } from './optimizer.js';
import { ThroughputMeter } from './throughput-meter.js';
import { TrainerHooks } from './trainer-hooks.js';
import type { TrainData, TrainerOptions, TrainingHistory } from './trainer-types.js';
import { saveTrainingCheckpoint } from './training-checkpoint.js';
import { recordUpdate, startPosition, trainerState } from './training-run.js';
import { UpdateStep } from './update-step.js';

/**
 * Fine-tunes any {@link TrainableSeq2Seq} (a T5 model or a PEFT-wrapped one).
 *
 * @example
 * ```ts
 * const trainer = new Trainer(model, {
 *   optimizer: 'adamw', learningRate: 3e-4, warmupRatio: 0.06, epochs: 3,
 *   gradientAccumulationSteps: 4, checkpointDir: 'runs/t5-sql', saveEvery: 500, keepCheckpoints: 2,
 * });
 * // makeBatches from @t5sql/datasets: the same (seed, epoch) always gives the same batches.
 * const history = await trainer.train({
 *   trainBatches: (epoch) => makeBatches(trainExamples, { batchSize: 16, padTokenId: 0, seed: 42, epoch }),
 *   evalBatches: () => makeBatches(devExamples, { batchSize: 32, padTokenId: 0, shuffle: false }),
 * });
 * console.log(history.evals.at(-1)?.loss);
 * ```
 */
export class Trainer {
  readonly optimizer: Optimizer;
  private readonly options: TrainerOptions;
  private readonly baseLearningRate: number;

  constructor(
    readonly model: TrainableSeq2Seq,
    options: TrainerOptions = {},
  ) {
    // Idempotent; covers users who set a backend themselves instead of calling selectBackend.
    registerTrainingGradients();
    registerCpuTrainingKernels();
    registerWasmTrainingKernels();
    this.options = options;
    checkLoopOptions(options);
    ({ optimizer: this.optimizer, baseLearningRate: this.baseLearningRate } = createOptimizer(options));
  }

  /** Mean eval loss over `batches`, weighted by rows as HF's evaluation loop averages ({@link evaluateLoss}). */
  evaluate(batches: Iterable<Seq2SeqBatch>): Promise<number> {
    return evaluateLoss(this.model, batches);
  }

  /**
   * Runs training and returns the history (loss per update, eval loss per epoch and per `evalEvery`, tokens/s).
   */
  async train(data: TrainData): Promise<TrainingHistory> {
    try {
      return await this.runTraining(data);
    } catch (error) {
      // A GPU lost or out of memory mid-step surfaces as whatever op failed first; report the cause instead.
      throw (await settledDeviceFault()) ?? error;
    }
  }

  private async runTraining(data: TrainData): Promise<TrainingHistory> {
    const o = this.options;
    const accum = o.gradientAccumulationSteps ?? 1;
    const seed = o.seed ?? 42;
    const epochs = o.epochs ?? 1;
    const update = new UpdateStep(
      this.model,
      this.optimizer,
      o.maxGradNorm === undefined ? 1.0 : o.maxGradNorm,
    );

    // The schedule: every epoch is assumed to have as many batches as the first.
    const updatesPerEpoch =
      o.maxSteps === undefined ? Math.ceil(countItems(data.trainBatches(0)) / accum) : 0;
    if (o.maxSteps === undefined && updatesPerEpoch === 0)
      throw new TrainingError('train: trainBatches(0) yielded no batch');
    const totalSteps = o.maxSteps ?? updatesPerEpoch * epochs;
    const warmup = resolveWarmupSteps(totalSteps, o.warmupSteps, o.warmupRatio);
    const lambda = scheduleLambda(o.schedule ?? 'linear', { totalSteps, warmupSteps: warmup });

    const run = await startPosition(o, this.model, this.optimizer, seed);
    const { history } = run;
    const hooks = new TrainerHooks(o, totalSteps);
    const meter = new ThroughputMeter();
    const save = async () => {
      if (o.checkpointDir === undefined) return;
      const state = trainerState(run, { totalSteps, seed, optimizer: this.optimizer.name, options: o });
      const path = await saveTrainingCheckpoint(
        o.checkpointDir,
        this.model,
        this.optimizer,
        state,
        o.keepCheckpoints,
      );
      await hooks.checkpointed(path, run.step);
    };
    const evaluate = async () => {
      if (data.evalBatches === undefined) return;
      const record = { step: run.step, epoch: run.epoch, loss: await this.evaluate(data.evalBatches()) };
      history.evals.push(record);
      await hooks.evaluated(record);
    };

    let stop = run.step >= totalSteps;
    let lastSaved = -1;
    while (!stop && (o.maxSteps !== undefined || run.epoch < epochs)) {
      let index = 0;
      // Whether the last batch consumed was the epoch's last (true too when a resume skipped the whole epoch).
      let finishedEpoch = true;
      for (const [batch, last] of withLast(data.trainBatches(run.epoch))) {
        if (index++ < run.positionInEpoch) continue; // consumed before the checkpoint we resumed from
        const seedHere = deriveStepDropoutSeed(seed, run.step, update.microBatches);
        await update.addMicroBatch(batch, seedHere);
        run.positionInEpoch += 1;
        finishedEpoch = last;
        if (update.microBatches < accum && !last) continue;

        // One update from the mean gradient of the micro-batches just seen. A diverged run throws here, before
        // this step's checkpoint or the final one can save its weights.
        const learningRate = this.baseLearningRate * lambda(run.step);
        const result = await update.apply(learningRate, run.step + 1);
        const step = recordUpdate(run, result, learningRate);
        const { loss, gradNorm, tokens } = result;
        const timing = meter.update(tokens, step, totalSteps);
        const metrics = {
          step,
          totalSteps,
          epoch: run.epoch,
          loss,
          learningRate,
          gradNorm,
          tokens,
          ...timing,
        };
        if (await hooks.stepped(metrics)) stop = true;
        if (o.evalEvery !== undefined && step % o.evalEvery === 0) await evaluate();
        if (step >= totalSteps) stop = true;
        if (o.saveEvery !== undefined && step % o.saveEvery === 0) {
          await save();
          lastSaved = step;
        }
        if (stop) break;
      }
      update.discard();
      if (finishedEpoch) {
        if (o.evalEvery === undefined || run.step % o.evalEvery !== 0) await evaluate();
        run.epoch += 1;
        run.positionInEpoch = 0;
      }
      if (o.maxSteps !== undefined && index === 0)
        throw new TrainingError(`train: trainBatches(${run.epoch - 1}) yielded no batch`);
    }
    hooks.end();
    history.tokensPerSecond = meter.tokensPerSecond();
    if (o.checkpointDir !== undefined && lastSaved !== run.step) await save();
    return history;
  }

  /** Disposes the optimizer's slots (the model stays with its owner). */
  dispose(): void {
    this.optimizer.dispose();
  }
}
