// Placeholders the code examples may use without declaring them (scripts/check-examples.mjs type-checks the ```ts
// blocks of the package READMEs and the JSDoc `@example`s with this file): the values an example takes from the
// ones before it, or from the reader. Each is typed with the real API, so an example calling a method or option
// that does not exist fails. Add a name here only when several examples share it; otherwise declare it in the
// example.
import type {
  DataStats,
  SpiderSchema as DatasetsSpiderSchema,
  TextToSqlRecord,
  TokenizedExample,
} from '@t5sql/datasets';
import type { References } from '@t5sql/metrics';
import type { PeftModel } from '@t5sql/peft';
import type {
  ExperimentEngine,
  ExperimentResult,
  HyperParams,
  RunManifest,
  TrainRunSettings,
} from '@t5sql/repro';
import type { SpiderSchema, SpiderTableEntry } from '@t5sql/sql-eval';
import type {
  BatchEncoding,
  Seq2SeqBatch,
  StepMetrics,
  T5Config,
  T5ForConditionalGeneration,
  T5Tokenizer,
  TrainData,
  Trainer,
} from '@t5sql/t5-core';
import type * as tfCore from '@tensorflow/tfjs-core';

declare global {
  // node:fs, node:path, as an example would import them.
  const readFile: typeof import('node:fs/promises').readFile;
  const readFileSync: typeof import('node:fs').readFileSync;
  const join: typeof import('node:path').join;
  const tf: typeof tfCore;

  // Models, tokenizers and training.
  const model: T5ForConditionalGeneration;
  const base: T5ForConditionalGeneration;
  const peft: PeftModel;
  const config: T5Config;
  const tokenizer: T5Tokenizer;
  const tok: T5Tokenizer;
  const batch: BatchEncoding;
  const trainer: Trainer;
  const data: TrainData;
  const examples: TokenizedExample[];
  const trainExamples: TokenizedExample[];
  const devExamples: TokenizedExample[];
  const batchesFor: (epoch: number) => Iterable<Seq2SeqBatch>;
  const devBatches: Seq2SeqBatch[];
  const grads: Map<string, tfCore.Tensor>;
  const x: tfCore.Tensor;
  const metrics: StepMetrics;
  const seed: number;
  const epoch: number;
  const step: number;
  const steps: number;
  const micro: number;
  const loss: number;

  // Weights (NF4 quantization).
  const weight: Float32Array;
  const values: Float32Array;
  const absmax: Float32Array;

  // Data.
  const records: TextToSqlRecord[];
  const record: TextToSqlRecord;
  const gretelRow: TextToSqlRecord & { sql_context: string };
  const rows: readonly unknown[];
  const stats: DataStats;
  const text: string;
  const target: string;
  const path: string;
  const bytes: Uint8Array;
  const markdown: string;
  const info: unknown;
  const manifest: RunManifest;

  // Spider: `tables` is the parsed tables.json; `schema` is what both datasets and sql-eval read from it.
  const tables: SpiderTableEntry[];
  const entry: SpiderTableEntry;
  const schema: SpiderSchema & DatasetsSpiderSchema;
  const schemas: Map<string, DatasetsSpiderSchema>;

  // Scoring: parallel arrays, one entry per example.
  const predictions: string[];
  const references: References;
  const golds: string[];
  const dbIds: string[];

  // Experiments (repro).
  const engine: ExperimentEngine;
  const hyper: HyperParams;
  const saved: TrainRunSettings;
  const current: TrainRunSettings;
  const result: ExperimentResult;
  const results: ReadonlyMap<string, ExperimentResult>;
}
