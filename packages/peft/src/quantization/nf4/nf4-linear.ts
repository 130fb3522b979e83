// QLoRA's frozen base projection: the weight lives only as packed NF4 codes (plus absmax statistics) in JS memory
// and is dequantized on the fly, in the forward pass and again in the backward pass, never kept as float32.
import type { ForwardContext, LinearLayer } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { QuantizationError } from '../../errors.js';
import { dequantize4bit, dequantize4bitTransposed } from './dequantize-4bit.js';
import { type QuantState4bit, quantStateBytes } from './quant-state.js';
import { type Quantize4bitOptions, quantize4bit } from './quantize-4bit.js';

/**
 * A bias-free linear layer whose `[out, in]` weight is stored as a bitsandbytes NF4 state (0.5625 bytes per
 * parameter at block size 64, about 0.516 with double quantization). `apply` dequantizes to float32 (the compute
 * dtype), multiplies, and lets the float32 copy go; the gradient with respect to the input dequantizes again
 * instead of keeping it, so training memory stays at the packed size. The weight itself never trains.
 *
 * @example
 * ```ts
 * const dense = model.getLinear(path);
 * const w = dense.hfWeight!(); // [out, in]
 * model.setLinear(path, Nf4Linear.fromHfWeight((await w.data()) as Float32Array, dense.outFeatures, dense.inFeatures));
 * ```
 */
export class Nf4Linear implements LinearLayer {
  private stateValue: QuantState4bit;
  private readonly options: Quantize4bitOptions;

  constructor(
    state: QuantState4bit,
    readonly outFeatures: number,
    readonly inFeatures: number,
    options: Quantize4bitOptions = {},
  ) {
    if (state.numel !== outFeatures * inFeatures) {
      throw new QuantizationError(
        `Nf4Linear: state holds ${state.numel} values, [${outFeatures}, ${inFeatures}] needs ${outFeatures * inFeatures}`,
      );
    }
    this.stateValue = state;
    this.options = {
      blocksize: state.blocksize,
      compressStatistics: state.absmax instanceof Uint8Array,
      ...options,
    };
  }

  /** Quantizes a row-major HF `[out, in]` float32 weight. */
  static fromHfWeight(
    weight: Float32Array,
    outFeatures: number,
    inFeatures: number,
    options: Quantize4bitOptions = {},
  ): Nf4Linear {
    return new Nf4Linear(quantize4bit(weight, options), outFeatures, inFeatures, options);
  }

  /** The quantized state (packed codes and statistics). */
  get state(): QuantState4bit {
    return this.stateValue;
  }

  /** `LinearLayer`'s quantized-weight capability: every weight is held as NF4, `out * in` at unpacked size. */
  get quantizedParameters(): number {
    return this.stateValue.numel;
  }

  /** Bytes of packed codes and statistics held by this layer. */
  get storageBytes(): number {
    return quantStateBytes(this.stateValue);
  }

  /** The dequantized weight `[out, in]` (a new float32 tensor). */
  hfWeight(): tf.Tensor2D {
    return tf.tensor2d(dequantize4bit(this.stateValue), [this.outFeatures, this.inFeatures]);
  }

  apply(x: tf.Tensor, _ctx: ForwardContext): tf.Tensor {
    return tf.tidy(() => {
      const lead = x.shape.slice(0, -1);
      const flat = tf.reshape(x, [-1, this.inFeatures]) as tf.Tensor2D; // [rows, in]
      // Nothing is saved for the backward pass: the gradient dequantizes the weight again. Each pass dequantizes
      // into the layout its product needs, so neither multiplies with a transposed operand (slow on cpu/wasm).
      const project = tf.customGrad((input) => {
        const wt = tf.tensor2d(dequantize4bitTransposed(this.stateValue, this.outFeatures, this.inFeatures), [
          this.inFeatures,
          this.outFeatures,
        ]); // [in, out], freed when the forward kernel's scope ends
        return {
          value: tf.matMul(input as tf.Tensor2D, wt), // [rows, out]
          gradFunc: (dy: tf.Tensor) => tf.matMul(dy as tf.Tensor2D, this.hfWeight()), // [rows, out] x [out, in]
        };
      });
      return tf.reshape(project(flat), [...lead, this.outFeatures]); // [..., out]
    });
  }

  /**
   * Adds an `[out, in]` delta by dequantizing, adding and quantizing again with the same settings, as PEFT
   * merges LoRA into a 4-bit layer (lossy: the result is rounded to NF4 again).
   */
  async addDelta(delta: tf.Tensor2D): Promise<void> {
    const w = dequantize4bit(this.stateValue);
    const d = await delta.data();
    for (let i = 0; i < w.length; i++) w[i] = Math.fround(w[i] + d[i]);
    const { offset: _ignored, ...options } = this.options;
    this.stateValue = quantize4bit(w, options);
  }

  /** No tfjs variables: the weight is frozen packed data. */
  variables(): Map<string, tf.Variable> {
    return new Map();
  }

  dispose(): void {
    // Nothing on the tfjs side; the typed arrays go with the object.
  }
}
