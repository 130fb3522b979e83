// Loads a T5 model "in 4 bit": every projection but the kept-in-float32 ones becomes an Nf4Linear, the way
// transformers' `BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4")` converts nn.Linear modules.
import type { T5ForConditionalGeneration } from '@t5sql/t5-core';
import { LayerCapabilityError } from '../errors.js';
import { moduleMatches } from '../tuners/lora/target-modules.js';
import { Nf4Linear } from './nf4/nf4-linear.js';
import type { Quantize4bitOptions } from './nf4/quantize-4bit.js';

/** Options of {@link quantizeModel4bit}. */
export interface QuantizeModelOptions extends Omit<Quantize4bitOptions, 'offset'> {
  /**
   * Modules left in float32, matched like PEFT's target_modules. Default `["wo"]`: transformers keeps T5's
   * feed-forward output projections in float32 (`T5PreTrainedModel._keep_in_fp32_modules`), and never quantizes
   * `lm_head`.
   */
  skipModules?: string[];
}

/** What quantization did: layers converted and their memory before and after. */
export interface QuantizeModelReport {
  quantized: string[];
  /** Parameters now stored in NF4. */
  parameters: number;
  /** Their float32 size. */
  float32Bytes: number;
  /** Packed codes plus statistics. */
  quantizedBytes: number;
}

/**
 * Replaces the model's projections by {@link Nf4Linear} layers in place (disposing their float32 weights).
 * A layer that already holds quantized weights (`LinearLayer.quantizedParameters`) is left as it is.
 *
 * @example
 * ```ts
 * const model = await T5ForConditionalGeneration.fromPretrained('t5-small');
 * const report = quantizeModel4bit(model, { compressStatistics: true }); // QLoRA's double quantization
 * const peft = getPeftModel(model, loraConfig({ r: 8 }), { seed: 0 });
 * ```
 */
export async function quantizeModel4bit(
  model: T5ForConditionalGeneration,
  options: QuantizeModelOptions = {},
): Promise<QuantizeModelReport> {
  const { skipModules = ['wo'], ...quantOptions } = options;
  const report: QuantizeModelReport = { quantized: [], parameters: 0, float32Bytes: 0, quantizedBytes: 0 };
  for (const path of model.linearPaths()) {
    if (moduleMatches(skipModules, path)) continue;
    const layer = model.getLinear(path);
    if (layer.quantizedParameters !== undefined) continue;
    if (layer.hfWeight === undefined) {
      throw new LayerCapabilityError(
        `quantizeModel4bit: "${path}" is a ${layer.constructor.name} without hfWeight()`,
      );
    }
    const weight = layer.hfWeight(); // [out, in]
    const data = (await weight.data()) as Float32Array;
    weight.dispose();
    const nf4 = Nf4Linear.fromHfWeight(data, layer.outFeatures, layer.inFeatures, quantOptions);
    model.setLinear(path, nf4);
    layer.dispose();
    report.quantized.push(path);
    report.parameters += data.length;
    report.float32Bytes += data.byteLength;
    report.quantizedBytes += nf4.storageBytes;
  }
  return report;
}
