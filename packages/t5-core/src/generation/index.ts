export { beamSearch } from './beam-search.js';
export { DecoderSession } from './decoder-session.js';
export {
  type GenerateOptions,
  type ResolvedGenerateOptions,
  resolveGenerateOptions,
} from './generate-options.js';
export { generateSequences, generateWithScores } from './generate-sequences.js';
export {
  type GenerateBatchedOptions,
  type GenerateBatchedProgress,
  generateBatched,
} from './generate-batched.js';
export { type PaddedTokenRows, padTokenRows } from './pad-token-rows.js';
export type { GenerationOutput } from './generation-output.js';
export { greedySearch, type SpecialIds } from './greedy-search.js';
export type { LogitsProcessor, LogitsProcessorStep } from './logits-processor.js';
export {
  applySamplingWarpers,
  applyTemperature,
  applyTopK,
  applyTopP,
  suppressEosBeforeMinLength,
} from './logits-processors.js';
