// PEFT on webgpu: PEFT parity, Python adapters, LoRA merge, NF4 layers, prefix tuning (npm test runs it).
import { webgpuConfig } from '../../vitest.webgpu.shared';

export default webgpuConfig([
  'test/peft-parity.test.ts',
  'test/python-adapters.test.ts',
  'test/lora.test.ts',
  'test/qlora.test.ts',
  'test/prefix-tuning.test.ts',
]);
