import type { ExperimentSpec, MetricName } from './types.js';

/** One point of a loss curve. */
export interface LossPoint {
  step: number;
  loss: number;
}

/** A prediction beside its reference, kept so a reader can see what the numbers mean. */
export interface PredictionSample {
  input: string;
  reference: string;
  prediction: string;
}

/** What one experiment produced. Written as `result.json` in its results folder; its presence marks it complete. */
export interface ExperimentResult {
  id: string;
  profile: string;
  /** The concrete spec as run (after profile scaling). */
  spec: ExperimentSpec;
  /** The base model actually used, in words (e.g. a local model's size and how it was pretrained). */
  modelDescription: string;
  /** How it was adapted, in words ("LoRA r=8 alpha=32 on q, v"). */
  methodDescription?: string;
  /** The data actually used, in words, naming the dataset honestly ("Spider in Gretel format"). */
  dataDescription: string;
  metrics: Partial<Record<MetricName, number>>;
  trainableParams: number;
  totalParams: number;
  /** `100 * trainable / total`. */
  trainablePercent: number;
  lossCurve: LossPoint[];
  /** Mean label cross-entropy on the evaluation subset after training, when measured. */
  evalLoss?: number;
  samples: PredictionSample[];
  timings: { trainSeconds: number; evalSeconds: number; totalSeconds: number };
}
