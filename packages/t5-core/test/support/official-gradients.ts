// Test support: tfjs-core's own gradient configs, the reference our registered gradients are checked against.
// Node's ESM resolver cannot load these per-kernel modules (extensionless imports); vitest's resolver can.
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
// The reference gradients call chained ops (`x.split`), which tfjs-core's Node bundle does not attach.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const coreDir = dirname(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-core')));

/** tfjs-core 4.22's gradient configs keyed by kernel name. */
export async function loadOfficialGradients(): Promise<Map<string, GradConfig>> {
  const out = new Map<string, GradConfig>();
  const files = readdirSync(join(coreDir, 'dist', 'gradients')).filter((f) => f.endsWith('_grad.js'));
  for (const file of files) {
    const mod = (await import(`@tensorflow/tfjs-core/dist/gradients/${file}`)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const config = value as GradConfig;
      if (config && typeof config === 'object' && typeof config.kernelName === 'string')
        out.set(config.kernelName, config);
    }
  }
  return out;
}

/** Runs `f` with exactly `configs` registered for their kernels, restoring what was registered before. */
export function withGradients<T>(configs: Iterable<GradConfig>, f: () => T): T {
  const previous: GradConfig[] = [];
  const names: string[] = [];
  for (const config of configs) {
    const old = tf.getGradient(config.kernelName);
    if (old) {
      previous.push(old);
      tf.unregisterGradient(config.kernelName);
    }
    tf.registerGradient(config);
    names.push(config.kernelName);
  }
  try {
    return f();
  } finally {
    for (const name of names) if (tf.getGradient(name)) tf.unregisterGradient(name);
    for (const config of previous) tf.registerGradient(config);
  }
}
