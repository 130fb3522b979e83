// The LoRA wrapper around one projection: y = base(x) + scaling * B(A(dropout(x))), PEFT's `lora.Linear`.
import type { ForwardContext, LinearLayer } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { LayerCapabilityError } from '../../errors.js';
import { variableFrom } from '../../variable-from.js';

/** A base layer LoRA can merge into through `LinearLayer.addDelta` (an NF4 layer, say). */
export type MergeableLinear = LinearLayer & Required<Pick<LinearLayer, 'addDelta'>>;

/**
 * The float32 weight variable of a dense base layer, kept `[in, out]` (t5-core's DenseLinear reports it under
 * HF's suffix `weight`); undefined for a layer without one (an NF4 layer keeps packed codes instead).
 */
export function denseWeight(layer: LinearLayer): tf.Variable | undefined {
  const w = layer.variables().get('weight');
  const isInOut =
    w !== undefined && w.rank === 2 && w.shape[0] === layer.inFeatures && w.shape[1] === layer.outFeatures;
  return isInOut ? w : undefined;
}

/** Options of {@link LoraLinear}. */
export interface LoraLinearOptions {
  r: number;
  alpha: number;
  dropout: number;
  useRslora: boolean;
  /** PEFT's `init_lora_weights`: true → A kaiming-uniform, B zero; false → both kaiming-uniform. */
  initLoraWeights: boolean;
  /** Seed of A's (and with `initLoraWeights: false`, B's) initial values. */
  seed: number;
}

/**
 * LoRA on one linear projection. `lora_A` is `[r, in]` and `lora_B` `[out, r]` (PEFT's layouts), so the
 * effective weight is `W + scaling * B A` with `scaling = alpha / r` (rsLoRA: `alpha / sqrt(r)`).
 *
 * @example
 * ```ts
 * const q = model.getLinear('encoder.block.0.layer.0.SelfAttention.q');
 * model.setLinear('encoder.block.0.layer.0.SelfAttention.q', new LoraLinear(q, { r: 8, alpha: 16, dropout: 0, useRslora: false, initLoraWeights: true, seed: 1 }));
 * ```
 */
export class LoraLinear implements LinearLayer {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly r: number;
  readonly scaling: number;
  readonly dropout: number;
  /** `[r, in]` */
  readonly loraA: tf.Variable;
  /** `[out, r]` */
  readonly loraB: tf.Variable;
  private mergedFlag = false;

  constructor(
    readonly base: LinearLayer,
    options: LoraLinearOptions,
  ) {
    const { r, alpha, dropout, useRslora, initLoraWeights, seed } = options;
    this.inFeatures = base.inFeatures;
    this.outFeatures = base.outFeatures;
    this.r = r;
    this.scaling = useRslora ? alpha / Math.sqrt(r) : alpha / r;
    this.dropout = dropout;
    // kaiming_uniform_(a=sqrt(5)) has bound gain * sqrt(3 / fan_in) = 1 / sqrt(fan_in).
    const boundA = 1 / Math.sqrt(this.inFeatures);
    this.loraA = variableFrom(tf.randomUniform([r, this.inFeatures], -boundA, boundA, 'float32', seed));
    const boundB = 1 / Math.sqrt(r);
    this.loraB = variableFrom(
      initLoraWeights
        ? tf.zeros([this.outFeatures, r])
        : tf.randomUniform([this.outFeatures, r], -boundB, boundB, 'float32', seed + 1),
    );
  }

  /** The base layer's quantized weights, if any (a LoRA layer adds only float32 variables). */
  get quantizedParameters(): number | undefined {
    return this.base.quantizedParameters;
  }

  /** True while the update is folded into the base weight. */
  get merged(): boolean {
    return this.mergedFlag;
  }

  apply(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    if (this.mergedFlag) return this.base.apply(x, ctx);
    return tf.tidy(() => {
      const lead = x.shape.slice(0, -1);
      const y = this.base.apply(x, ctx);
      const flat = tf.reshape(x, [-1, this.inFeatures]); // [rows, in]
      const dropped = ctx.dropout(flat, this.dropout);
      // Explicit transposes of the small factors: a matMul with a transposed operand is far slower on cpu/wasm.
      const down = tf.matMul(dropped, tf.transpose(this.loraA)); // [rows, in] x [in, r]
      const up = tf.matMul(down, tf.transpose(this.loraB)); // [rows, r] x [r, out]
      return tf.add(y, tf.reshape(tf.mul(up, this.scaling), [...lead, this.outFeatures])); // [..., out]
    });
  }

  /** `scaling * B A` in HF `[out, in]` layout (a new tensor). */
  deltaWeight(): tf.Tensor2D {
    return tf.tidy(() => tf.mul(tf.matMul(this.loraB, this.loraA), this.scaling) as tf.Tensor2D);
  }

  /** Folds the update into the base weight (PEFT's `merge`). Async: a 4-bit base re-quantizes on the host. */
  async merge(): Promise<void> {
    if (this.mergedFlag) return;
    await this.addToBase(1);
    this.mergedFlag = true;
  }

  /** Takes the update back out of the base weight (PEFT's `unmerge`). */
  async unmerge(): Promise<void> {
    if (!this.mergedFlag) return;
    await this.addToBase(-1);
    this.mergedFlag = false;
  }

  private async addToBase(sign: 1 | -1): Promise<void> {
    const delta = tf.tidy(() => tf.mul(this.deltaWeight(), sign) as tf.Tensor2D); // [out, in]
    try {
      const weight = denseWeight(this.base);
      if (weight !== undefined) {
        tf.tidy(() => weight.assign(tf.add(weight, tf.transpose(delta)))); // weight is [in, out]
      } else if (this.base.addDelta !== undefined) {
        await this.base.addDelta(delta);
      } else {
        throw new LayerCapabilityError(
          `LoRA merge: base layer ${this.base.constructor.name} can neither be assigned nor addDelta()`,
        );
      }
    } finally {
      delta.dispose();
    }
  }

  /** The effective weight `W + scaling * B A` in HF `[out, in]` layout (a new tensor). */
  hfWeight(): tf.Tensor2D {
    const base = this.base;
    if (base.hfWeight === undefined) {
      throw new LayerCapabilityError(`LoRA hfWeight: base layer ${base.constructor.name} has no hfWeight()`);
    }
    return tf.tidy(() => {
      const w = base.hfWeight!();
      return this.mergedFlag ? w : (tf.add(w, this.deltaWeight()) as tf.Tensor2D);
    });
  }

  /** Base variables under their own suffixes plus `lora_A.default.weight` / `lora_B.default.weight`. */
  variables(): Map<string, tf.Variable> {
    const out = new Map(this.base.variables());
    out.set('lora_A.default.weight', this.loraA);
    out.set('lora_B.default.weight', this.loraB);
    return out;
  }

  /** Frees the adapter tensors only and returns the base layer (for unloading). */
  unload(): LinearLayer {
    this.loraA.dispose();
    this.loraB.dispose();
    return this.base;
  }

  dispose(): void {
    this.loraA.dispose();
    this.loraB.dispose();
    this.base.dispose();
  }
}
