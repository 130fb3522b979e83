export { beamSearch } from './beam-search.js';
export { DecoderSession } from './decoder-session.js';
export {
  type GenerateOptions,
  type ResolvedGenerateOptions,
  resolveGenerateOptions,
} from './generate-options.js';
export { generateSequences, generateWithScores } from './generate-sequences.js';
export type { GenerationOutput } from './generation-output.js';
export { greedySearch, type SpecialIds } from './greedy-search.js';
export {
  applySamplingWarpers,
  applyTemperature,
  applyTopK,
  applyTopP,
  suppressEosBeforeMinLength,
} from './logits-processors.js';
export { createSeededRng } from './seeded-rng.js';
