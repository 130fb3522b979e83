// The one interface every PEFT method implements, after PEFT's `register_peft_method(config_cls, model_cls)`:
// a config (defaults, validation, adapter_config.json) and a tuner that swaps the method's layers into a model and
// saves / loads its weights under PEFT's key names. The generic code (PeftModel, getPeftModel, parseAdapterConfig,
// countParameters) looks a method up by `peft_type` in the registry and never branches on it.
import type { SafeTensor, T5Config, T5ForConditionalGeneration, TensorToSave } from '@t5sql/t5-core';
import type * as tf from '@tensorflow/tfjs-core';
import type { T5ShapeConfig } from '../t5-modules.js';

/** The model fields a method's config may derive its own from (PEFT's `_prepare_prompt_learning_config`). */
export type ModelConfigFields = Pick<T5Config, 'num_layers' | 'd_model' | 'num_heads'>;

/**
 * One method's adapter, live on a model (PEFT's `BaseTuner`): created by {@link PeftMethod.inject}, it owns the
 * adapter's variables until {@link PeftTuner.unload} puts the model's own layers back.
 */
export interface PeftTuner {
  /** Adapter variables by PEFT's in-memory names (`base_model.model.<module>.lora_A.default.weight`, ...). */
  variables(): Map<string, tf.Variable>;
  /** The tensors PEFT's `get_peft_model_state_dict` saves, by their `adapter_model.safetensors` keys. */
  stateDict(): Promise<Map<string, TensorToSave>>;
  /**
   * Assigns saved tensors (read from `source`). Every expected key must be there with its exact shape and no
   * other key may be: the error names the file, the key and both shapes.
   */
  loadStateDict(tensors: Map<string, SafeTensor>, source: string): void;
  /** Optional: folds the adapter into the base weights (PEFT's `merge`). Methods without weights to fold omit it. */
  merge?(): Promise<void>;
  /** Optional: takes a merged adapter back out (PEFT's `unmerge`). */
  unmerge?(): Promise<void>;
  /** Frees the adapter and puts the model's own layers back (PEFT's `unload`). */
  unload(): void;
}

/**
 * A PEFT method as the generic code sees it. Each method's folder (`tuners/lora/`, `tuners/prefix-tuning/`)
 * exports one; `tuners/registry.ts` lists them by `peft_type`.
 *
 * @example
 * ```ts
 * const method = peftMethod('LORA');
 * const config = method.config({ r: 8 }, model.config);
 * const tuner = method.inject(model, config, 42, 'fresh'); // swaps LoraLinear layers in
 * ```
 */
export interface PeftMethod<C extends { readonly peft_type: string } = { readonly peft_type: string }> {
  /** PEFT's `peft_type` (`"LORA"`, `"PREFIX_TUNING"`), as adapter_config.json spells it. */
  readonly peftType: C['peft_type'];
  /**
   * Optional: true when plain fields without `peft_type` clearly mean this method (prefix tuning: they name
   * `num_virtual_tokens`). A method that never claims such input is chosen only by its `peft_type` or as default.
   */
  recognizes?(input: object): boolean;
  /** A full config from user fields: PEFT's defaults, fields derived from the model, validated. */
  config(input: object, model: ModelConfigFields, source?: string): C;
  /**
   * Reads the method's fields of an `adapter_config.json` object. Unknown PEFT fields at their inactive defaults
   * are ignored; one that asks for something not implemented is a `PeftConfigError` naming it.
   */
  fromJson(json: Record<string, unknown>, model: ModelConfigFields, source: string): C;
  /** The object PEFT writes to `adapter_config.json` (keys sorted; `peft_version` is added by the caller). */
  toJson(config: C): Record<string, unknown>;
  /** Parameters the method trains on a model of this shape (no weights allocated). */
  countTrainable(config: C, shape: T5ShapeConfig): number;
  /**
   * Swaps the adapter into `model` in place and returns its tuner. `'fresh'` draws initial values from `seed`;
   * `'load'` builds the layout saved adapters hold (prefix tuning: the plain table), ready for `loadStateDict`.
   */
  inject(model: T5ForConditionalGeneration, config: C, seed: number, mode: 'fresh' | 'load'): PeftTuner;
}
