export { deriveEpochSeed } from './derive-epoch-seed.js';
export { deriveIndexSeed } from './derive-index-seed.js';
export { derivePurposeSeed, type SeedPurpose } from './derive-purpose-seed.js';
export { deriveStepDropoutSeed } from './derive-step-dropout-seed.js';
export { fmix32 } from './fmix32.js';
export { Mulberry32 } from './mulberry32.js';
export { permutationFromFloats } from './permutation-from-floats.js';
export type { Rng } from './rng.js';
