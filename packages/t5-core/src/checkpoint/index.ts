export {
  type SafeTensor,
  parseSafetensors,
  readSafetensors,
  readSafetensorsMetadata,
} from './read-safetensors.js';
export { type TensorToSave, serializeSafetensors, writeSafetensors } from './write-safetensors.js';
export { bfloat16ToFloat32, float16ToFloat32 } from './half-precision.js';
export { type CheckpointFileFetcher, loadStateDict } from './load-state-dict.js';
export { checkpointToWeights } from './checkpoint-to-weights.js';
export { loadT5Checkpoint } from './load-t5-checkpoint.js';
export { saveT5Checkpoint } from './save-t5-checkpoint.js';
