import * as tf from '@tensorflow/tfjs-core';

/** tf.memory(), or zeros before any backend is initialised (tfjs throws then). */
function tfMemory(): { numBytes: number; numTensors: number } {
  try {
    return tf.memory();
  } catch {
    return { numBytes: 0, numTensors: 0 };
  }
}

/** Peak memory seen during a run. */
export interface PeakMemory {
  /** Resident set size of the Node process, bytes. */
  rssBytes: number;
  /** V8 heap in use, bytes. */
  heapUsedBytes: number;
  /** Bytes held by live tfjs tensors (tf.memory().numBytes). */
  tfBytes: number;
  /** Most live tfjs tensors at once. */
  tfTensors: number;
}

/**
 * Samples process and tfjs memory on a timer and on demand (call {@link MemoryTracker.sample} inside hot loops,
 * e.g. after each training step), keeping the peaks.
 */
export class MemoryTracker {
  private peak: PeakMemory = { rssBytes: 0, heapUsedBytes: 0, tfBytes: 0, tfTensors: 0 };
  private timer: NodeJS.Timeout | undefined;

  /** Starts periodic sampling every `intervalMs` (the timer does not keep the process alive). */
  start(intervalMs = 500): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const m = process.memoryUsage();
    const t = tfMemory();
    this.peak.rssBytes = Math.max(this.peak.rssBytes, m.rss);
    this.peak.heapUsedBytes = Math.max(this.peak.heapUsedBytes, m.heapUsed);
    this.peak.tfBytes = Math.max(this.peak.tfBytes, t.numBytes);
    this.peak.tfTensors = Math.max(this.peak.tfTensors, t.numTensors);
  }

  /** Stops the timer and returns the peaks. */
  stop(): PeakMemory {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return { ...this.peak };
  }
}
