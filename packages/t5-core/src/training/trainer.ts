// The training loop: micro-batches → averaged gradients → clip → scheduled optimizer update, with evaluation,
// atomic checkpoints, exact resume, a progress line and callbacks.
import * as tf from '@tensorflow/tfjs-core';
import { readTensorData, settledDeviceFault } from '../backend/device-health.js';
import { registerTrainingGradients } from '../backend/gradients/register-training-gradients.js';
import { registerCpuTrainingKernels } from '../backend/register-cpu-training-kernels.js';
import { registerWasmTrainingKernels } from '../backend/register-wasm-training-kernels.js';
import type { Seq2SeqBatch, TrainableSeq2Seq } from '../model/contracts.js';
import { Adafactor } from './adafactor.js';
import { AdamW } from './adamw.js';
import { clipGradNorm } from './clip-grad-norm.js';
import { batchSize, countTokens } from './count-tokens.js';
import { deriveSeed } from './derive-seed.js';
import { resolveWarmupSteps, scheduleLambda } from './lr-schedule.js';
import { NonFiniteTrainingError } from './non-finite-training-error.js';
import type { Optimizer } from './optimizer.js';
import { ProgressReporter } from './progress-reporter.js';
import type {
  EvalRecord,
  StepMetrics,
  TrainData,
  TrainerCallback,
  TrainerOptions,
  TrainingHistory,
} from './trainer-types.js';
import {
  type TrainerState,
  loadTrainingCheckpoint,
  resolveResumePath,
  saveTrainingCheckpoint,
} from './training-checkpoint.js';

/** Yields each item with a flag telling whether it is the last (needed to flush a partial accumulation). */
function* withLast<T>(items: Iterable<T>): Generator<[T, boolean]> {
  const it = items[Symbol.iterator]();
  let cur = it.next();
  while (!cur.done) {
    const next = it.next();
    yield [cur.value, next.done === true];
    cur = next;
  }
}

function countItems(items: Iterable<unknown>): number {
  if (Array.isArray(items)) return items.length;
  let n = 0;
  for (const _ of items) n++;
  return n;
}

/**
 * Fine-tunes any {@link TrainableSeq2Seq} (a T5 model or a PEFT-wrapped one).
 *
 * @example
 * ```ts
 * const trainer = new Trainer(model, {
 *   optimizer: 'adamw', learningRate: 3e-4, warmupRatio: 0.06, epochs: 3,
 *   gradientAccumulationSteps: 4, checkpointDir: 'runs/t5-sql', saveEvery: 500, keepCheckpoints: 2,
 * });
 * const history = await trainer.train({
 *   trainBatches: (epoch) => loader.batches({ shuffleSeed: epoch }),
 *   evalBatches: () => devLoader.batches(),
 * });
 * console.log(history.evals.at(-1)?.loss);
 * ```
 */
export class Trainer {
  readonly optimizer: Optimizer;
  private readonly options: TrainerOptions;
  private readonly baseLearningRate: number;
  private readonly callbacks: TrainerCallback[];

  constructor(
    readonly model: TrainableSeq2Seq,
    options: TrainerOptions = {},
  ) {
    // Idempotent; covers users who set a backend themselves instead of calling selectBackend.
    registerTrainingGradients();
    registerCpuTrainingKernels();
    registerWasmTrainingKernels();
    this.options = options;
    const accum = options.gradientAccumulationSteps ?? 1;
    if (!Number.isInteger(accum) || accum < 1)
      throw new Error(`gradientAccumulationSteps must be an integer >= 1, got ${accum}`);
    if (options.maxSteps !== undefined && !(Number.isInteger(options.maxSteps) && options.maxSteps > 0)) {
      throw new Error(`maxSteps must be a positive integer, got ${options.maxSteps}`);
    }
    if (options.epochs !== undefined && !(Number.isInteger(options.epochs) && options.epochs > 0)) {
      throw new Error(`epochs must be a positive integer, got ${options.epochs}`);
    }
    const choice = options.optimizer ?? 'adamw';
    if (choice === 'adamw') {
      this.baseLearningRate = options.learningRate ?? 5e-5;
      this.optimizer = new AdamW({
        learningRate: this.baseLearningRate,
        betas: options.betas,
        eps: options.eps,
        weightDecay: options.weightDecay ?? 0,
      });
    } else if (choice === 'adafactor') {
      // HF Trainer's `optim="adafactor"`: the schedule drives the rate; no relative step, no parameter scaling.
      this.baseLearningRate = options.learningRate ?? 1e-3;
      this.optimizer = new Adafactor({
        learningRate: this.baseLearningRate,
        relativeStep: false,
        scaleParameter: false,
        weightDecay: options.weightDecay ?? 0,
      });
    } else if (typeof choice === 'object' && typeof choice.applyGradients === 'function') {
      this.optimizer = choice;
      this.baseLearningRate =
        options.learningRate ?? (choice as { learningRate?: number }).learningRate ?? 5e-5;
    } else {
      throw new Error(`optimizer: expected 'adamw', 'adafactor' or an Optimizer, got ${String(choice)}`);
    }
    this.callbacks = [...(options.onStep ? [{ onStep: options.onStep }] : []), ...(options.callbacks ?? [])];
  }

  /** Mean eval loss over `batches`, weighted by rows as HF's evaluation loop averages. */
  async evaluate(batches: Iterable<Seq2SeqBatch>): Promise<number> {
    let total = 0;
    let rows = 0;
    for (const batch of batches) {
      const lossTensor = tf.tidy(() => {
        const out = this.model.forward(batch, { training: false });
        if (out.loss === undefined)
          throw new Error('evaluate: the model returned no loss (are labels missing?)');
        return out.loss;
      });
      const loss = (await readTensorData(lossTensor))[0];
      lossTensor.dispose();
      const n = batchSize(batch);
      total += loss * n;
      rows += n;
    }
    if (rows === 0) throw new Error('evaluate: evalBatches yielded no batch');
    return total / rows;
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
    const variables = this.model.namedTrainableVariables();
    if (variables.size === 0) throw new Error('Trainer: the model has no trainable variables');
    // tf.variableGrads keys gradients by tfjs variable name; map them back to state-dict names.
    const byTfName = new Map([...variables].map(([k, v]) => [v.name, k]));
    const varList = [...variables.values()];

    const updatesPerEpoch =
      o.maxSteps === undefined ? Math.ceil(countItems(data.trainBatches(0)) / accum) : 0;
    if (o.maxSteps === undefined && updatesPerEpoch === 0)
      throw new Error('train: trainBatches(0) yielded no batch');
    const totalSteps = o.maxSteps ?? updatesPerEpoch * epochs;
    const warmup = resolveWarmupSteps(totalSteps, o.warmupSteps, o.warmupRatio);
    const lambda = scheduleLambda(o.schedule ?? 'linear', { totalSteps, warmupSteps: warmup });
    const maxGradNorm = o.maxGradNorm === undefined ? 1.0 : o.maxGradNorm;

    let step = 0;
    let epoch = 0;
    let position = 0;
    const history: TrainingHistory = { steps: [], evals: [], tokensPerSecond: 0 };
    if (o.resumeFrom !== undefined) {
      const path = await resolveResumePath(o.resumeFrom, o.checkpointDir);
      const state = await loadTrainingCheckpoint(path, this.model, this.optimizer);
      if (state.seed !== seed)
        throw new Error(`${path}: saved with seed ${state.seed}, resuming with seed ${seed}`);
      ({ step, epoch, positionInEpoch: position } = state);
      history.steps = state.history.steps;
      history.evals = state.history.evals;
    }

    const quiet = o.quiet === true || o.progress === false;
    const progress = quiet
      ? undefined
      : new ProgressReporter(typeof o.progress === 'object' ? o.progress : {});
    const started = performance.now();
    let tokensSeen = 0;
    let stepsThisRun = 0;

    const snapshot = (): TrainerState => ({
      version: 1,
      step,
      totalSteps,
      epoch,
      positionInEpoch: position,
      seed,
      rng: { algorithm: 'hash(seed, step, microStep)', seed },
      optimizer: this.optimizer.name,
      history: { ...history, steps: [...history.steps], evals: [...history.evals] },
      config: this.serializableConfig(),
    });
    const save = async () => {
      if (o.checkpointDir === undefined) return;
      const path = await saveTrainingCheckpoint(
        o.checkpointDir,
        this.model,
        this.optimizer,
        snapshot(),
        o.keepCheckpoints,
      );
      progress?.note(`checkpoint ${path}`);
      for (const c of this.callbacks) await c.onCheckpoint?.(path, step);
    };
    const runEval = async () => {
      if (data.evalBatches === undefined) return;
      const record: EvalRecord = { step, epoch, loss: await this.evaluate(data.evalBatches()) };
      history.evals.push(record);
      progress?.note(`eval step ${step} epoch ${epoch + 1}: loss ${record.loss.toFixed(4)}`);
      for (const c of this.callbacks) await c.onEvaluate?.(record);
    };

    let stop = step >= totalSteps;
    let lastSaved = -1;
    while (!stop && (o.maxSteps !== undefined || epoch < epochs)) {
      let index = 0;
      let acc: Map<string, tf.Tensor> | undefined;
      let micro = 0;
      // Summed on the device and read once per update, together with the gradient norm.
      let lossSum: tf.Scalar | undefined;
      let tokens = 0;
      // Whether the last batch consumed was the epoch's last (true too when a resume skipped the whole epoch).
      let finishedEpoch = true;
      for (const [batch, last] of withLast(data.trainBatches(epoch))) {
        if (index++ < position) continue; // consumed before the checkpoint we resumed from
        const seedHere = deriveSeed(seed, step, micro);
        const { value, grads } = tf.variableGrads(() => {
          const out = this.model.forward(batch, { training: true, seed: seedHere });
          if (out.loss === undefined)
            throw new Error('train: the model returned no loss (are labels missing?)');
          return out.loss;
        }, varList);
        if (lossSum === undefined) {
          lossSum = value as tf.Scalar;
        } else {
          const sum = tf.add(lossSum, value) as tf.Scalar;
          lossSum.dispose();
          value.dispose();
          lossSum = sum;
        }
        acc = this.accumulate(acc, grads, byTfName);
        const c = await countTokens(batch);
        tokens += c.source + c.target;
        micro += 1;
        position += 1;
        finishedEpoch = last;
        if (micro < accum && !last) continue;

        // One update from the mean gradient of the micro-batches just seen.
        const learningRate = this.baseLearningRate * lambda(step);
        const normTensor = this.update(acc!, micro, maxGradNorm, learningRate, variables);
        acc = undefined;
        // The one read-back of the update: the summed loss and the pre-clip gradient norm.
        const read = tf.tidy(() => tf.stack(normTensor ? [lossSum!, normTensor] : [lossSum!]));
        const readBack = await readTensorData(read);
        read.dispose();
        normTensor?.dispose();
        lossSum!.dispose();
        lossSum = undefined;
        const loss = readBack[0] / micro;
        const gradNorm = normTensor ? readBack[1] : undefined;
        // A diverged run stops here, before this step's checkpoint or the final one can save its weights.
        if (!Number.isFinite(loss)) throw new NonFiniteTrainingError('loss', loss, step + 1, learningRate);
        if (gradNorm !== undefined && !Number.isFinite(gradNorm))
          throw new NonFiniteTrainingError('gradient norm', gradNorm, step + 1, learningRate);
        step += 1;
        stepsThisRun += 1;
        tokensSeen += tokens;
        history.steps.push({
          step,
          epoch,
          loss,
          learningRate,
          ...(gradNorm !== undefined ? { gradNorm } : {}),
          tokens,
        });
        const elapsedMs = performance.now() - started;
        const metrics: StepMetrics = {
          step,
          totalSteps,
          epoch,
          loss,
          learningRate,
          gradNorm,
          tokens,
          tokensPerSecond: tokensSeen / (elapsedMs / 1000),
          elapsedMs,
          etaMs: (elapsedMs / stepsThisRun) * (totalSteps - step),
        };
        micro = 0;
        tokens = 0;
        progress?.step(metrics);
        for (const cb of this.callbacks) if ((await cb.onStep?.(metrics)) === 'stop') stop = true;
        if (o.evalEvery !== undefined && step % o.evalEvery === 0) await runEval();
        if (step >= totalSteps) stop = true;
        if (o.saveEvery !== undefined && step % o.saveEvery === 0) {
          await save();
          lastSaved = step;
        }
        if (stop) break;
      }
      if (acc !== undefined) for (const g of acc.values()) g.dispose();
      lossSum?.dispose();
      if (finishedEpoch) {
        if (o.evalEvery === undefined || step % o.evalEvery !== 0) await runEval();
        epoch += 1;
        position = 0;
      }
      if (o.maxSteps !== undefined && index === 0)
        throw new Error(`train: trainBatches(${epoch - 1}) yielded no batch`);
    }
    progress?.end();
    history.tokensPerSecond = tokensSeen / ((performance.now() - started) / 1000);
    if (o.checkpointDir !== undefined && lastSaved !== step) await save();
    return history;
  }

  /** Adds this micro-batch's gradients (keyed by tfjs name) into the running sums (keyed by state-dict name). */
  private accumulate(
    acc: Map<string, tf.Tensor> | undefined,
    grads: tf.NamedTensorMap,
    byTfName: Map<string, string>,
  ): Map<string, tf.Tensor> {
    const out = acc ?? new Map<string, tf.Tensor>();
    for (const [tfName, g] of Object.entries(grads)) {
      const name = byTfName.get(tfName)!;
      const prev = out.get(name);
      if (prev === undefined) {
        out.set(name, g);
      } else {
        out.set(name, tf.add(prev, g));
        prev.dispose();
        g.dispose();
      }
    }
    return out;
  }

  /**
   * Averages, clips and applies accumulated gradients; disposes them. Returns the pre-clip norm as a scalar tensor
   * (the caller disposes it) when clipping, so the update itself never waits for a read-back.
   */
  private update(
    acc: Map<string, tf.Tensor>,
    micro: number,
    maxGradNorm: number | null,
    learningRate: number,
    variables: Map<string, tf.Variable>,
  ): tf.Scalar | undefined {
    let gradNorm: tf.Scalar | undefined;
    tf.tidy(() => {
      let grads = acc;
      if (micro > 1) grads = new Map([...acc].map(([k, g]) => [k, tf.div(g, micro)]));
      if (maxGradNorm !== null && maxGradNorm > 0) {
        const clipped = clipGradNorm(grads, maxGradNorm);
        grads = clipped.gradients;
        gradNorm = tf.keep(clipped.totalNorm);
      }
      this.optimizer.applyGradients(variables, grads, learningRate);
    });
    for (const g of acc.values()) g.dispose();
    return gradNorm;
  }

  /** The options recorded in trainer_state.json (callbacks and instances left out). */
  private serializableConfig(): Record<string, unknown> {
    const { onStep: _a, callbacks: _b, progress: _c, optimizer, ...rest } = this.options;
    return { ...rest, optimizer: typeof optimizer === 'object' ? optimizer.name : (optimizer ?? 'adamw') };
  }

  /** Disposes the optimizer's slots (the model stays with its owner). */
  dispose(): void {
    this.optimizer.dispose();
  }
}
