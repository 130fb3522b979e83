// t5-core on webgpu: T5 and generation parity, the trainer, Philox draws, webgpu-only checks (npm test runs it).
import { webgpuConfig } from '../../vitest.webgpu.shared';

export default webgpuConfig([
  'test/parity.test.ts',
  'test/generation-parity.test.ts',
  'test/training-trainer.test.ts',
  'test/philox.test.ts',
  'test/webgpu-fused-kernels.test.ts',
  'test/webgpu.test.ts',
  'test/webgpu-device-fault.test.ts',
]);
