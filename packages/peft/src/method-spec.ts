// A fine-tuning method as experiments and the command line declare it (camelCase, one object per run), and the
// PEFT config it stands for. applyMethod and the parameter counts read it.
import type { CountMethod } from './count-parameters.js';
import type { PeftConfigInput } from './get-peft-model.js';

/** A fine-tuning method with its settings. */
export type MethodSpec =
  /** Evaluate the pre-trained model as is (the "base" / "pre-trained" rows). */
  | { kind: 'none' }
  /** Every weight trains. */
  | { kind: 'full' }
  | { kind: 'lora'; r: number; loraAlpha: number; loraDropout: number; targetModules: string[] }
  /** LoRA on a base model whose linear weights are frozen in 4-bit NF4 (bitsandbytes semantics). */
  | {
      kind: 'qlora';
      r: number;
      loraAlpha: number;
      loraDropout: number;
      targetModules: string[];
      doubleQuant: boolean;
      blockSize: number;
    }
  | { kind: 'prefix'; numVirtualTokens: number; prefixProjection: boolean };

/** The methods of {@link MethodSpec} that add a PEFT adapter. */
export type AdapterMethodSpec = Extract<MethodSpec, { kind: 'lora' | 'qlora' | 'prefix' }>;

/**
 * The PEFT config (snake_case, with `peft_type`) of an adapter method; QLoRA's is LoRA's (the quantization happens
 * to the base model first).
 *
 * @example
 * ```ts
 * methodPeftConfig({ kind: 'prefix', numVirtualTokens: 20, prefixProjection: false });
 * // { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20, prefix_projection: false }
 * ```
 */
export function methodPeftConfig(method: AdapterMethodSpec): PeftConfigInput {
  if (method.kind === 'prefix') {
    return {
      peft_type: 'PREFIX_TUNING',
      num_virtual_tokens: method.numVirtualTokens,
      prefix_projection: method.prefixProjection,
    };
  }
  return {
    peft_type: 'LORA',
    r: method.r,
    lora_alpha: method.loraAlpha,
    lora_dropout: method.loraDropout,
    target_modules: method.targetModules,
  };
}

/**
 * The method as `countParameters` takes it, or null for `none` (nothing trains).
 *
 * @example
 * ```ts
 * countParameters(FLAN_T5_LARGE_CONFIG, methodCountSpec({ kind: 'full' })!).trainable; // 783,150,080
 * ```
 */
export function methodCountSpec(method: MethodSpec): CountMethod | null {
  if (method.kind === 'none') return null;
  if (method.kind === 'full') return { method: 'full' };
  const { peft_type: _type, ...config } = methodPeftConfig(method);
  return method.kind === 'prefix' ? { method: 'prefix', config } : { method: method.kind, config };
}
