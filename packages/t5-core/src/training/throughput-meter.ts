// Tokens per second, elapsed time and ETA of the updates of this run (a resumed run counts from the resume).

/**
 * Times the updates made since it was built.
 *
 * @example
 * ```ts
 * const meter = new ThroughputMeter();
 * const { tokensPerSecond, etaMs } = meter.update(tokens, step, totalSteps);
 * ```
 */
export class ThroughputMeter {
  private readonly started = performance.now();
  private tokensSeen = 0;
  private updates = 0;

  /** Counts one update of `tokens` tokens, `step` of `totalSteps`; the rates since the start and the ETA. */
  update(
    tokens: number,
    step: number,
    totalSteps: number,
  ): { tokensPerSecond: number; elapsedMs: number; etaMs: number } {
    this.updates += 1;
    this.tokensSeen += tokens;
    const elapsedMs = performance.now() - this.started;
    return {
      tokensPerSecond: this.tokensSeen / (elapsedMs / 1000),
      elapsedMs,
      etaMs: (elapsedMs / this.updates) * (totalSteps - step),
    };
  }

  /** Tokens per second over every update so far. */
  tokensPerSecond(): number {
    return this.tokensSeen / ((performance.now() - this.started) / 1000);
  }
}
