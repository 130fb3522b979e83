// applyMethod: one call from a declared method to a model ready to train — freeze or unfreeze the base, quantize
// it for QLoRA, add the PEFT adapter — with PEFT's parameter counts and a description in words.
import type { IncrementalSeq2Seq, T5ForConditionalGeneration, TrainableSeq2Seq } from '@t5sql/t5-core';
import { getPeftModel } from './get-peft-model.js';
import { type MethodSpec, methodPeftConfig } from './method-spec.js';
import { quantizeModel4bit } from './quantization/quantize-model.js';

/** A model ready to train and generate, with its parameter counts. */
export interface AdaptedModel {
  /** The base model itself (`none`, `full`) or the PeftModel wrapping it. */
  model: TrainableSeq2Seq & IncrementalSeq2Seq;
  /** Whether there is anything to train (false for `none`). */
  trains: boolean;
  trainableParams: number;
  totalParams: number;
  /** In words, e.g. "LoRA r=8 alpha=32 on q, v". */
  description: string;
}

/** What the method does, in words (QLoRA's quantization is described by the caller, which knows the count). */
function describeAdapter(method: Extract<MethodSpec, { kind: 'lora' | 'qlora' | 'prefix' }>): string {
  return method.kind === 'prefix'
    ? `prefix tuning, ${method.numVirtualTokens} virtual tokens`
    : `LoRA r=${method.r} alpha=${method.loraAlpha} on ${method.targetModules.join(', ')}`;
}

/**
 * Adapts `base` for a method, in place: `none` and `full` keep the model (all weights train for `full`), `lora`
 * and `prefix` wrap it with a PEFT adapter whose initial values come from `seed`, `qlora` first quantizes every
 * projection but T5's `wo` to NF4 (as transformers' 4-bit loading does) and then adds LoRA. Counts follow PEFT's
 * `get_nb_trainable_parameters`.
 *
 * @example
 * ```ts
 * const base = await T5ForConditionalGeneration.fromPretrained('google/flan-t5-small');
 * const adapted = await applyMethod(
 *   base,
 *   { kind: 'lora', r: 8, loraAlpha: 32, loraDropout: 0.1, targetModules: ['q', 'v'] },
 *   42,
 * );
 * adapted.description; // 'LoRA r=8 alpha=32 on q, v'
 * ```
 */
export async function applyMethod(
  base: T5ForConditionalGeneration,
  method: MethodSpec,
  seed: number,
): Promise<AdaptedModel> {
  const total = base.numParameters();
  if (method.kind === 'none') {
    base.freeze();
    return { model: base, trains: false, trainableParams: 0, totalParams: total, description: 'no tuning' };
  }
  if (method.kind === 'full') {
    base.unfreeze();
    return {
      model: base,
      trains: true,
      trainableParams: total,
      totalParams: total,
      description: 'full fine-tuning',
    };
  }
  let quant = '';
  if (method.kind === 'qlora') {
    const report = await quantizeModel4bit(base, {
      blocksize: method.blockSize,
      compressStatistics: method.doubleQuant,
    });
    quant = `NF4 (block ${method.blockSize}${method.doubleQuant ? ', double quantization' : ''}) on ${report.quantized.length} projections, then `;
  }
  const peft = getPeftModel(base, methodPeftConfig(method), { seed });
  const { trainable, all } = peft.getNbTrainableParameters();
  return {
    model: peft,
    trains: true,
    trainableParams: trainable,
    totalParams: all,
    description: `${quant}${describeAdapter(method)}`,
  };
}
