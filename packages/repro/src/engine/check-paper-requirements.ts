import { RequirementError } from '../runner/engine.js';

/**
 * The `paper` profile needs hub weights (t5-small, google/flan-t5-large) and a CUDA backend
 * (`@tensorflow/tfjs-node-gpu`): flan-t5-large training on a CPU backend would take weeks. Throws a
 * {@link RequirementError} that says what is missing and how to get it; never falls back.
 */
export async function checkPaperRequirements(
  backendName: string,
  skipped: ReadonlyArray<{ name: string; reason: string }>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const missing: string[] = [];
  if (backendName !== 'tensorflow-gpu') {
    const why = skipped.find((s) => s.name === 'tensorflow-gpu')?.reason;
    missing.push(
      `a GPU backend: @tensorflow/tfjs-node-gpu (CUDA 11.8 + cuDNN 8) is ${why ? `unavailable (${why})` : 'not in use'}; ` +
        `this run has "${backendName}". Install it beside @t5sql/* (npm i @tensorflow/tfjs-node-gpu@4.22.0) on a CUDA machine`,
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
