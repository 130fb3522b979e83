// Experiments are data: a declaration says what to train and measure; a profile decides how big; the runner
// does the work. Nothing here runs anything.
import type { SqlTargetEncoding } from '@t5sql/datasets';
import type { MethodSpec } from '@t5sql/peft';

/** How the model is adapted before evaluation: @t5sql/peft's `MethodSpec` (its `applyMethod` applies it). */
export type { MethodSpec } from '@t5sql/peft';

/** Metric keys as Hugging Face `evaluate` names them, plus the two SQL metrics. */
export type MetricName =
  | 'rouge1'
  | 'rouge2'
  | 'rougeL'
  | 'rougeLsum'
  | 'bleu'
  | 'meteor'
  | 'google_bleu'
  | 'exact_match'
  | 'execution_accuracy'
  /** Exact match of predictions decoded under schema-constrained decoding (PICARD-style, {@link SchemaConstraint}). */
  | 'exact_match_constrained'
  /** Execution accuracy of predictions decoded under schema-constrained decoding. */
  | 'execution_accuracy_constrained';

/** Which data, how much of it, and how it is turned into prompts. */
export interface DatasetSpec {
  /** `spider`: the Spider layout (json + tables.json + sqlite); `gretel`: synthetic_text_to_sql parquet schema. */
  name: 'spider' | 'gretel';
  trainSplit: string;
  evalSplit: string;
  /** Training records; `'all'` uses the whole split. */
  trainSize: number | 'all';
  /** Evaluation records (a seeded subset of the eval split); `'all'` uses the whole split. */
  evalSize: number | 'all';
  /** Prompt template name understood by @t5sql/datasets. */
  promptTemplate: string;
  /** How targets are spelled (and predictions read back); default the template's, `t5-escape`. */
  sqlEncoding?: SqlTargetEncoding;
}

/** Training and decoding settings. */
export interface HyperParams {
  epochs: number;
  /** Optional hard cap on optimizer steps (profiles use it to fit a time budget). */
  maxSteps?: number;
  learningRate: number;
  batchSize: number;
  optimizer: 'adamw' | 'adafactor';
  schedule: 'constant' | 'linear';
  warmupSteps: number;
  weightDecay: number;
  maxSourceLength: number;
  maxTargetLength: number;
  maxNewTokens: number;
  numBeams: number;
}

/** The rows of the results tables. */
export type TableId = 'table-a' | 'table-b' | 'ablation-data' | 'ablation-rank';

/** One experiment: one row of one table. */
export interface ExperimentSpec {
  /** Stable id, also the results folder name: `table-b/lora`. */
  id: string;
  table: TableId;
  /** Row label as the reported table spells it. */
  row: string;
  /** Hub model id (`t5-small`, `google/flan-t5-large`) or `local:<name>` for a model this harness pretrains. */
  model: string;
  method: MethodSpec;
  dataset: DatasetSpec;
  hyper: HyperParams;
  metrics: MetricName[];
  /** What the source leaves unstated and we chose, said plainly. */
  notes?: string;
}

/** A reported figure: a number, or words when the source gives none. */
export type ReportedValue = number | string;

/** How a results table is laid out and what the source reported for it. */
export interface TableSpec {
  id: TableId;
  title: string;
  /** The setup in one paragraph, as the reported source states it. */
  setup: string;
  /** Metric columns, in order. */
  columns: MetricName[];
  /** Show the trainable-parameter share column. */
  showTrainable: boolean;
  /** One row per entry, in order; an experiment may appear in several tables (the ablations reuse `table-b/lora`). */
  rows: Array<{ experiment: string; label: string }>;
  /** Reported figures by experiment id then column (`trainable` for the trainable share, a percentage). */
  reported: Record<string, Partial<Record<MetricName | 'trainable', ReportedValue>>>;
}
