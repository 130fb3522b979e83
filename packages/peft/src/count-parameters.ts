// Trainable and total parameter counts of full fine-tuning, LoRA, QLoRA and prefix tuning from an HF T5 config
// alone, as PEFT's `print_trainable_parameters` reports them — no weights allocated.
import { type T5ConfigJson, parseT5Config } from '@t5sql/t5-core';
import { PeftConfigError } from './errors.js';
import { type T5ShapeConfig, t5ParameterCount } from './t5-modules.js';
import type { LoraConfigInput } from './tuners/lora/config.js';
import type { PrefixTuningConfigInput } from './tuners/prefix-tuning/config.js';
import { PEFT_METHODS, type PeftType } from './tuners/registry.js';

/**
 * Which fine-tuning method to count: `'full'`, or an object naming the method with its config either nested
 * (`{ method: 'lora', config: { r: 8 } }`) or inline (`{ method: 'lora', r: 8, target_modules: ['q', 'v'] }`).
 */
export type CountMethod =
  | 'full'
  | 'lora'
  | 'qlora'
  | { method: 'full' }
  | ({ method: 'lora' | 'qlora'; config?: LoraConfigInput } & LoraConfigInput)
  | ({ method: 'prefix'; config?: PrefixTuningConfigInput } & PrefixTuningConfigInput);

/** The PEFT method each counting name stands for (QLoRA trains exactly LoRA's parameters; its base is 4-bit). */
const COUNT_METHODS: Readonly<Record<string, PeftType>> = {
  lora: 'LORA',
  qlora: 'LORA',
  prefix: 'PREFIX_TUNING',
};

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

/** A parsed T5Config carries unknown keys in `extra`; parse it again from its plain fields. */
function withoutExtra(config: T5ConfigJson | T5ShapeConfig): T5ConfigJson {
  const { extra, ...known } = config as T5ConfigJson & { extra?: Record<string, unknown> };
  return extra !== null && typeof extra === 'object' ? { ...extra, ...known } : (known as T5ConfigJson);
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
  const shape = parseT5Config(withoutExtra(config), 'countParameters config');
  const spec = typeof method === 'string' ? { method } : method;
  const { method: name, config: nested, ...inline } = spec as { method: string; config?: object };
  const methodConfig = { ...inline, ...(nested ?? {}) };
  const base = t5ParameterCount(shape);
  let trainable = base;
  if (name !== 'full') {
    const peftType = Object.hasOwn(COUNT_METHODS, name) ? COUNT_METHODS[name] : undefined;
    if (peftType === undefined) {
      throw new PeftConfigError(
        'countParameters',
        `countParameters: method must be 'full', 'lora', 'qlora' or 'prefix', found ${JSON.stringify(name)}`,
        { field: 'method' },
      );
    }
    const peft = PEFT_METHODS[peftType];
    trainable = peft.countTrainable(peft.config(methodConfig, shape), shape);
  }
  const all = name === 'full' ? base : base + trainable;
  return {
    trainable,
    all,
    trainablePercent: (100 * trainable) / all,
    line: formatTrainableParameters(trainable, all),
  };
}
