/**
 * @t5sql/t5-core/internal: the building blocks the other t5sql packages (peft, repro, cli, benchmarks) and this
 * package's tests reuse: layers and the forward context, token-id checks, the parameter layout, checkpoint
 * plumbing, decoding internals and samplers, tokenizer parts, training-loop pieces, kernels and gradients.
 *
 * Unstable: anything here may change or go in any release, without a major version. Applications should import
 * from `@t5sql/t5-core`; if you need a name from here, open an issue so it can be made public.
 *
 * @example
 * ```ts
 * import { registerTrainingGradients, registerWasmTrainingKernels } from '@t5sql/t5-core/internal';
 * registerTrainingGradients();
 * registerWasmTrainingKernels();
 * ```
 * @packageDocumentation
 */

// Model parts.
export { createForwardContext } from '../model/forward-context.js';
export { relativePositionBucket, relativePositionBuckets } from '../model/relative-position-bucket.js';
export { t5LayerNorm } from '../model/t5-layer-norm.js';
export { seq2seqLoss } from '../model/seq2seq-loss.js';
export { shiftTokensRight } from '../model/shift-tokens-right.js';
export { initT5Weights } from '../model/init-weights.js';
export { type IdRange, toIdTensor } from '../contracts/token-ids.js';

// Configuration internals.
export { type Activation, getActivation } from '../config/activations.js';
export { normalizeT5Config } from '../config/normalize-t5-config.js';
export {
  type ParameterSpec,
  ignorableCheckpointKeys,
  t5ParameterSpecs,
} from '../config/t5-parameter-layout.js';

// Checkpoint plumbing.
export { bfloat16ToFloat32, float16ToFloat32 } from '../checkpoint/half-precision.js';
export { type CheckpointFileFetcher, loadStateDict } from '../checkpoint/load-state-dict.js';
export { checkpointToWeights } from '../checkpoint/checkpoint-to-weights.js';

// Decoding internals: the searches, the decoder session, option resolution, the logits warpers.
export { beamSearch } from '../generation/beam-search.js';
export { DecoderSession } from '../generation/decoder-session.js';
export { type ResolvedGenerateOptions, resolveGenerateOptions } from '../generation/generate-options.js';
export { greedySearch, type SpecialIds } from '../generation/greedy-search.js';
export {
  applySamplingWarpers,
  applyTemperature,
  applyTopK,
  applyTopP,
  suppressEosBeforeMinLength,
} from '../generation/logits-processors.js';

// Tokenizer parts: normalisation, SentencePiece model reading and conversion.
export { buildNormalizer, type NormalizeFn } from '../tokenizer/build-normalizer.js';
export { cleanUpTokenization, metaspaceDecode } from '../tokenizer/decode-tokens.js';
export { hasSplittingMetaspace, splitOnMetaspace } from '../tokenizer/metaspace-split.js';
export { PrecompiledCharsmap } from '../tokenizer/precompiled-charsmap.js';
export { type ProtoField, readProtoFields } from '../tokenizer/protobuf-reader.js';
export {
  PieceType,
  parseSentencePieceModel,
  type SentencePiece,
  type SentencePieceModel,
  type SentencePieceNormalizerSpec,
  type SentencePieceTrainerSpec,
} from '../tokenizer/sentencepiece-model.js';
export {
  type SentencePieceConversionOptions,
  sentencePieceToTokenizerJson,
} from '../tokenizer/sentencepiece-to-tokenizer-json.js';
export { tokenContent } from '../tokenizer/tokenizer-json.js';

// Training-loop pieces.
export {
  countTokens,
  createTrainingProgress,
  formatProgress,
  loadTrainingCheckpoint,
  type ProgressOptions,
  removeStaleTemp,
  resolveResumePath,
  saveTrainingCheckpoint,
  stepFields,
  type TrainingProgress,
} from '../training/index.js';

// Kernels, gradients and device plumbing.
export {
  registerWasmTrainingKernels,
  WASM_TRAINING_KERNELS,
} from '../backend/register-wasm-training-kernels.js';
export {
  registerTrainingGradients,
  TRAINING_GRADIENTS,
} from '../backend/gradients/register-training-gradients.js';
export {
  CPU_TRAINING_KERNELS,
  registerCpuTrainingKernels,
} from '../backend/register-cpu-training-kernels.js';
export { assertDeviceHealthy, deviceFault, readTensorData } from '../backend/device-health.js';
export {
  PHILOX_UNIFORM_KERNEL,
  philoxRandomNormal,
  philoxRandomUniform,
} from '../backend/random/philox-random.js';
export { SAMPLING_STREAM, philox4x32, philoxRng, philoxUniform } from '../backend/random/philox.js';
