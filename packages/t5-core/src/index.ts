/**
 * @t5sql/t5-core: a T5 encoder-decoder on the TensorFlow.js API. This entry exports what an application needs:
 * the model, the tokenizer, generation, training, backend selection, checkpoint files, config types and errors.
 * The building blocks other t5sql packages reuse (kernels, layers, samplers, checkpoint plumbing) are in
 * `@t5sql/t5-core/internal`, which may change in any release.
 *
 * @example
 * ```ts
 * import { T5ForConditionalGeneration, T5Tokenizer, selectBackend } from '@t5sql/t5-core';
 * await selectBackend(); // tfjs-node-gpu > tfjs-node > wasm > cpu, or T5SQL_BACKEND
 * const tokenizer = await T5Tokenizer.fromPretrained('t5-small');
 * const model = await T5ForConditionalGeneration.fromPretrained('t5-small');
 * const ids = tokenizer.encodeBatch(['translate English to SQL: how many singers?']);
 * const out = await model.generate(ids.inputIds, { attentionMask: ids.attentionMask, maxNewTokens: 64, numBeams: 4 });
 * console.log(tokenizer.batchDecode(out, { skipSpecialTokens: true }));
 * ```
 * @packageDocumentation
 */

// The model, and the seams it implements (generation and training code against them; @t5sql/peft plugs into them).
export {
  type FromConfigOptions,
  type FromPretrainedOptions,
  T5ForConditionalGeneration,
  type T5ForwardOptions,
  type T5Seq2SeqOutput,
} from './model/t5-for-conditional-generation.js';
export { DenseLinear } from './model/dense-linear.js';
export { IGNORE_INDEX } from './model/seq2seq-loss.js';
export type { DecoderPrefix, DecoderPrefixProvider, LinearLayer } from './model/contracts.js';
export type {
  DecoderCache,
  DecoderLayerCache,
  ForwardContext,
  ForwardOptions,
  IncrementalSeq2Seq,
  Seq2SeqBatch,
  Seq2SeqOutput,
  TokenIds,
  TrainableSeq2Seq,
} from './contracts/index.js';

// Configuration: config.json as a typed, validated object.
export {
  type T5Config,
  type T5ConfigJson,
  parseT5Config,
  stringifyConfigJson,
  toConfigJson,
} from './config/t5-config.js';
export { ACTIVATION_NAMES } from './config/activations.js';

// Tokenizer.
export {
  type BatchEncoding,
  type DecodeOptions,
  type EncodeBatchOptions,
  T5Tokenizer,
  type T5TokenizerFromPretrainedOptions,
} from './tokenizer/t5-tokenizer.js';
export type { AddedTokenJson, TokenizerConfigJson, TokenizerJson } from './tokenizer/tokenizer-json.js';
export { assertTokenizerFitsModel } from './tokenizer/assert-tokenizer-fits-model.js';

// Generation: HF generate() (greedy, beam search, sampling), batched over inputs of any length.
export { generateSequences, generateWithScores } from './generation/generate-sequences.js';
export {
  type GenerateBatchedOptions,
  type GenerateBatchedProgress,
  generateBatched,
} from './generation/generate-batched.js';
export type { GenerateOptions } from './generation/generate-options.js';
export type { GenerationOutput } from './generation/generation-output.js';
export type { LogitsProcessor, LogitsProcessorStep } from './generation/logits-processor.js';
export { type PaddedTokenRows, padTokenRows } from './generation/pad-token-rows.js';

// Training: the Trainer, AdamW / Adafactor, HF schedules, clipping, checkpoints with exact resume.
export {
  type EvalRecord,
  type StepMetrics,
  type TrainData,
  Trainer,
  type TrainerCallback,
  type TrainerOptions,
  type TrainingHistory,
  evaluateLoss,
  type Optimizer,
  type OptimizerStateDict,
  AdamW,
  type AdamWOptions,
  defaultNoDecay,
  Adafactor,
  type AdafactorOptions,
  type ScheduleName,
  type ScheduleOptions,
  resolveWarmupSteps,
  scheduleLambda,
  clipGradNorm,
  checkTrainingCheckpoint,
  findResumableCheckpoint,
  listCheckpoints,
  readTrainerState,
  type TrainerState,
  NonFiniteTrainingError,
  type NonFiniteQuantity,
} from './training/index.js';

// Backends: choosing one (tfjs-node-gpu, WebGPU, tfjs-node, wasm, cpu).
export {
  BACKEND_CANDIDATES,
  type BackendCandidate,
  type BackendSelection,
  type SelectBackendOptions,
  ensureBackend,
  selectBackend,
  selectBackendDetailed,
} from './backend/select-backend.js';
export { type WebGpuAdapterInfo, activeWebGpuAdapter } from './backend/webgpu/activate-webgpu.js';
export { DeviceFaultError } from './backend/device-health.js';

// Checkpoint files: safetensors, and a whole Hugging Face checkpoint folder.
export {
  type SafeTensor,
  parseSafetensors,
  readSafetensors,
  readSafetensorsMetadata,
} from './checkpoint/read-safetensors.js';
export { type TensorToSave, serializeSafetensors, writeSafetensors } from './checkpoint/write-safetensors.js';
export { loadT5Checkpoint } from './checkpoint/load-t5-checkpoint.js';
export { saveT5Checkpoint } from './checkpoint/save-t5-checkpoint.js';

// Errors: every error t5-core raises extends T5CoreError.
export {
  BackendError,
  CheckpointError,
  GenerationError,
  ModelUsageError,
  ShapeError,
  T5ConfigError,
  T5CoreError,
  TokenIdError,
  TokenizerError,
  TrainingError,
} from './errors/t5-core-error.js';
