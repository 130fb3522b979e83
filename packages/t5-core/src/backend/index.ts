// Backends: choosing one, and the gradients and wasm kernels a training step needs.
export { BACKEND_CANDIDATES, ensureBackend, selectBackend, selectBackendDetailed } from './select-backend.js';
export type { BackendCandidate, BackendSelection, SelectBackendOptions } from './select-backend.js';
export { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './register-wasm-training-kernels.js';
export { registerTrainingGradients, TRAINING_GRADIENTS } from './gradients/register-training-gradients.js';
export { CPU_TRAINING_KERNELS, registerCpuTrainingKernels } from './register-cpu-training-kernels.js';
export { activeWebGpuAdapter } from './webgpu/activate-webgpu.js';
export type { WebGpuAdapterInfo } from './webgpu/activate-webgpu.js';
export {
  assertDeviceHealthy,
  DeviceFaultError,
  deviceFault,
  readTensorData,
} from './device-health.js';
export { philoxRandomNormal, philoxRandomUniform, PHILOX_UNIFORM_KERNEL } from './random/philox-random.js';
export { SAMPLING_STREAM, philox4x32, philoxRng, philoxUniform } from './random/philox.js';
