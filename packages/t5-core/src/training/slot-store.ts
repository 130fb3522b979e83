// Optimizer slots (moments) as tfjs variables keyed `<variable name>.<slot>`, created on first use.
import * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
import { CheckpointError } from '../errors/index.js';
import type { OptimizerStateDict } from './optimizer.js';

// tfjs variable names are global; a counter keeps two optimizers (or a restore) from colliding.
let created = 0;
const uniqueName = (key: string): string => `t5sql_optimizer/${key}/${created++}`;

/** Owns an optimizer's slot variables and turns them into / back from a saved state. */
export class SlotStore {
  private readonly slots = new Map<string, tf.Variable>();

  /** The slot `<name>.<slot>`, created as zeros of `shape` the first time it is asked for. */
  get(name: string, slot: string, shape: number[]): tf.Variable {
    const key = `${name}.${slot}`;
    let v = this.slots.get(key);
    if (v === undefined) {
      // tidy disposes the initial zeros; the variable keeps its own reference to the data.
      const created = tf.tidy(() => tf.variable(tf.zeros(shape), false, uniqueName(key)));
      this.slots.set(key, created);
      v = created;
    }
    return v;
  }

  /** The slots read back (asynchronously: no synchronous GPU read) as a saveable state. */
  async toState(step: number): Promise<OptimizerStateDict> {
    const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
    for (const [key, v] of this.slots)
      tensors.set(key, { shape: [...v.shape], data: (await readTensorData(v)) as Float32Array });
    return { step, tensors };
  }

  /**
   * Replaces every slot with the saved ones. `expected(key)` gives the shape a key must have, or undefined for a
   * key this optimizer does not know (an error naming it).
   */
  load(state: OptimizerStateDict, expected: (key: string) => number[] | undefined): void {
    for (const [key, saved] of state.tensors) {
      const shape = expected(key);
      if (shape === undefined) throw new CheckpointError(`optimizer state: unexpected key "${key}"`);
      if (shape.length !== saved.shape.length || shape.some((d, i) => d !== saved.shape[i])) {
        throw new CheckpointError(
          `optimizer state "${key}": expected shape [${shape}], found [${saved.shape}]`,
        );
      }
    }
    this.dispose();
    for (const [key, saved] of state.tensors) {
      const restored = tf.tidy(() =>
        tf.variable(tf.tensor(saved.data, saved.shape, 'float32'), false, uniqueName(key)),
      );
      this.slots.set(key, restored);
    }
  }

  dispose(): void {
    for (const v of this.slots.values()) v.dispose();
    this.slots.clear();
  }
}
