import { type PeftModel, getPeftModel, quantizeModel4bit } from '@t5sql/peft';
import type { IncrementalSeq2Seq, T5ForConditionalGeneration, TrainableSeq2Seq } from '@t5sql/t5-core';
import type { MethodSpec } from '../experiments/types.js';

/** A model ready to train and generate, with its parameter counts. */
export interface AdaptedModel {
  model: TrainableSeq2Seq & IncrementalSeq2Seq;
  /** Whether there is anything to train (false for `none`). */
  trains: boolean;
  trainableParams: number;
  totalParams: number;
  /** In words, e.g. "LoRA r=8 alpha=32 on q, v". */
  description: string;
}

/**
 * Adapts `base` for a method, in place: `none` and `full` keep the model (all weights train for `full`), `lora`
 * and `prefix` wrap it with @t5sql/peft, `qlora` first quantizes every projection but T5's `wo` to NF4 (as
 * transformers' 4-bit loading does) and then adds LoRA. Counts follow PEFT's `get_nb_trainable_parameters`.
 */
export async function applyMethod(
  base: T5ForConditionalGeneration,
  method: MethodSpec,
  seed: number,
): Promise<AdaptedModel> {
  const total = base.numParameters();
  const peftCounts = (peft: PeftModel) => {
    const { trainable, all } = peft.getNbTrainableParameters();
    return { trainableParams: trainable, totalParams: all };
  };
  switch (method.kind) {
    case 'none':
      base.freeze();
      return { model: base, trains: false, trainableParams: 0, totalParams: total, description: 'no tuning' };
    case 'full':
      base.unfreeze();
      return {
        model: base,
        trains: true,
        trainableParams: total,
        totalParams: total,
        description: 'full fine-tuning',
      };
    case 'lora':
    case 'qlora': {
      let quant = '';
      if (method.kind === 'qlora') {
        const report = await quantizeModel4bit(base, {
          blocksize: method.blockSize,
          compressStatistics: method.doubleQuant,
        });
        quant = `NF4 (block ${method.blockSize}${method.doubleQuant ? ', double quantization' : ''}) on ${report.quantized.length} projections, then `;
      }
      const peft = getPeftModel(
        base,
        {
          peft_type: 'LORA',
          r: method.r,
          lora_alpha: method.loraAlpha,
          lora_dropout: method.loraDropout,
          target_modules: method.targetModules,
        },
        { seed },
      );
      return {
        model: peft,
        trains: true,
        ...peftCounts(peft),
        description: `${quant}LoRA r=${method.r} alpha=${method.loraAlpha} on ${method.targetModules.join(', ')}`,
      };
    }
    case 'prefix': {
      const peft = getPeftModel(
        base,
        {
          peft_type: 'PREFIX_TUNING',
          num_virtual_tokens: method.numVirtualTokens,
          prefix_projection: method.prefixProjection,
        },
        { seed },
      );
      return {
        model: peft,
        trains: true,
        ...peftCounts(peft),
        description: `prefix tuning, ${method.numVirtualTokens} virtual tokens`,
      };
    }
  }
}
