// Device faults (a GPU lost or out of memory mid-run) as errors that say so. WebGPU reports them asynchronously,
// outside the op that failed, and a read from a lost device fails with an empty message: reads that go through
// readTensorData turn both into a DeviceFaultError naming the cause.
import * as tf from '@tensorflow/tfjs-core';
import { T5CoreError } from '../errors/t5-core-error.js';

/** The accelerator can no longer be trusted: lost, out of memory, or a kernel it refused to run. */
export class DeviceFaultError extends T5CoreError {
  override readonly name = 'DeviceFaultError';
  /** `lost`, `out-of-memory` or `validation` (a GPU program or buffer the device rejected). */
  readonly kind: 'lost' | 'out-of-memory' | 'validation';

  constructor(kind: DeviceFaultError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

// The first fault of each tfjs backend (later ones are usually its consequences); a fault on webgpu says nothing
// about a run that has since moved to cpu.
const faults = new Map<string, DeviceFaultError>();

/** Records a fault of the backend named `backendName` (default: the active one). */
export function reportDeviceFault(error: DeviceFaultError, backendName = tf.getBackend()): void {
  if (!faults.has(backendName)) faults.set(backendName, error);
}

/** The first fault of the active backend, or null. */
export function deviceFault(): DeviceFaultError | null {
  return faults.get(tf.getBackend()) ?? null;
}

/** Throws the active backend's recorded device fault, if any. */
export function assertDeviceHealthy(): void {
  const fault = deviceFault();
  if (fault !== null) throw fault;
}

/**
 * The device fault behind a failure, if there is one. A lost device's promise may settle just after the read that
 * failed because of it, so this waits one macrotask before answering.
 */
export async function settledDeviceFault(): Promise<DeviceFaultError | null> {
  if (deviceFault() === null) await new Promise((resolve) => setTimeout(resolve, 0));
  return deviceFault();
}

/**
 * `await tensor.data()` that reports a device fault instead of the read's own (often empty) error. Every read the
 * trainer and generation make goes through here.
 */
export async function readTensorData(tensor: tf.Tensor): Promise<tf.TypedArray> {
  let values: tf.TypedArray;
  try {
    values = (await tensor.data()) as tf.TypedArray;
  } catch (error) {
    throw (await settledDeviceFault()) ?? error;
  }
  assertDeviceHealthy();
  return values;
}
