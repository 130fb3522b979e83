import { activeWebGpuAdapter } from '@t5sql/t5-core';
import { RequirementError } from '../errors.js';

/**
 * The `paper` profile needs hub weights (t5-small, google/flan-t5-large) and a GPU backend: WebGPU on a hardware
 * adapter (`@tensorflow/tfjs-backend-webgpu` + `webgpu`) or CUDA (`@tensorflow/tfjs-node-gpu`); flan-t5-large
 * training on a CPU backend, or on a software WebGPU adapter, would take weeks. Throws a
 * {@link RequirementError} that says what is missing and how to get it; never falls back.
 */
export async function checkPaperRequirements(
  backendName: string,
  skipped: ReadonlyArray<{ name: string; reason: string }>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const missing: string[] = [];
  const hardwareWebGpu = backendName === 'webgpu' && activeWebGpuAdapter()?.software === false;
  if (backendName !== 'tensorflow-gpu' && !hardwareWebGpu) {
    const why = (name: string) => skipped.find((s) => s.name === name)?.reason;
    const webgpu =
      backendName === 'webgpu'
        ? 'WebGPU is running on a software adapter'
        : `WebGPU is ${why('webgpu') ? `unavailable (${why('webgpu')})` : 'not in use'}`;
    missing.push(
      `a GPU backend: ${webgpu}; this run has "${backendName}". Install @tensorflow/tfjs-backend-webgpu@4.22.0 and ` +
        'webgpu@0.6.2 beside @t5sql/* on a machine with a GPU driver (Linux: plus the Vulkan loader, libvulkan1), ' +
        'or @tensorflow/tfjs-node-gpu@4.22.0 on a CUDA 11 machine',
    );
  }
  const offline = ['1', 'true', 'yes', 'on'].includes(String(env.HF_HUB_OFFLINE ?? '').toLowerCase());
  if (offline) {
    missing.push(
      'the Hugging Face hub: HF_HUB_OFFLINE is set (the reported models are downloaded from the hub)',
    );
  } else {
    const endpoint = env.HF_ENDPOINT ?? 'https://huggingface.co';
    try {
      const res = await fetch(`${endpoint}/api/models/google/flan-t5-large`, {
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok)
        missing.push(
          `the Hugging Face hub: ${endpoint} answered HTTP ${res.status} for google/flan-t5-large`,
        );
    } catch (err) {
      missing.push(`the Hugging Face hub: ${endpoint} is unreachable (${(err as Error).message})`);
    }
  }
  if (missing.length > 0) {
    throw new RequirementError(
      `the paper profile cannot run here; it needs:\n  - ${missing.join('\n  - ')}\n` +
        'Nothing was run. `t5sql params --reported` prints its trainable-parameter column without running; ' +
        '`--profile local` runs the same experiments scaled to this machine.',
    );
  }
}
