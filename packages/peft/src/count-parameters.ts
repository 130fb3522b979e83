// Trainable and total parameter counts of full fine-tuning, LoRA, QLoRA and prefix tuning from an HF T5 config
// alone, as PEFT's `print_trainable_parameters` reports them — no weights allocated.
import { type T5ConfigJson, parseT5Config } from '@t5sql/t5-core';
import { type T5ShapeConfig, t5LinearModules, t5ParameterCount } from './t5-modules.js';
import { type LoraConfigInput, loraConfig } from './tuners/lora/config.js';
import { resolveLoraTargets } from './tuners/lora/target-modules.js';
import { type PrefixTuningConfigInput, prefixTuningConfig } from './tuners/prefix-tuning/config.js';
import { prefixParameterCount } from './tuners/prefix-tuning/parameter-count.js';

/** Which fine-tuning method to count. */
export type CountMethod =
  | { method: 'full' }
  | { method: 'lora'; config?: LoraConfigInput }
  | { method: 'qlora'; config?: LoraConfigInput }
  | { method: 'prefix'; config: PrefixTuningConfigInput };

/** Counts as PEFT prints them. */
export interface ParameterCounts {
  /** Parameters the optimizer updates. */
  trainable: number;
  /** Every parameter of the tuned model: base plus adapter (PEFT counts 4-bit weights at their unpacked size). */
  all: number;
  /** `100 * trainable / all`. */
  trainablePercent: number;
  /** PEFT's line: `trainable params: N || all params: M || trainable%: P`. */
  line: string;
}

/** PEFT's `print_trainable_parameters` line (thousands separators, percentage to 4 decimals). */
export function formatTrainableParameters(trainable: number, all: number): string {
  const fmt = (n: number) => n.toLocaleString('en-US');
  return `trainable params: ${fmt(trainable)} || all params: ${fmt(all)} || trainable%: ${((100 * trainable) / all).toFixed(4)}`;
}

/**
 * Counts the parameters a method trains on a T5 model described by `config` (HF `config.json` keys).
 *
 * @example
 * ```ts
 * const c = countParameters(FLAN_T5_LARGE_CONFIG, { method: 'lora', config: { r: 8, target_modules: ['q', 'v'] } });
 * c.line; // 'trainable params: 2,359,296 || all params: 785,509,376 || trainable%: 0.3004'
 * ```
 */
export function countParameters(config: T5ConfigJson | T5ShapeConfig, method: CountMethod): ParameterCounts {
  const shape = parseT5Config(config as T5ConfigJson, 'countParameters config');
  const base = t5ParameterCount(shape);
  let trainable: number;
  let all: number;
  switch (method.method) {
    case 'full':
      trainable = base;
      all = base;
      break;
    case 'lora':
    case 'qlora': {
      const lora = loraConfig(method.config ?? {});
      const targets = resolveLoraTargets(lora, t5LinearModules(shape));
      trainable = targets.reduce((sum, t) => sum + t.r * (t.inFeatures + t.outFeatures), 0);
      all = base + trainable;
      break;
    }
    case 'prefix': {
      const prefix = prefixTuningConfig(method.config, shape);
      trainable = prefixParameterCount(prefix);
      all = base + trainable;
      break;
    }
    default:
      throw new Error(`countParameters: unknown method ${JSON.stringify((method as { method: unknown }).method)}`);
  }
  return {
    trainable,
    all,
    trainablePercent: (100 * trainable) / all,
    line: formatTrainableParameters(trainable, all),
  };
}
