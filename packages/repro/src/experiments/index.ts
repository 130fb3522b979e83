export { METRIC_LABELS } from './metric-labels.js';
export { LORA_R8, LORA_R32, PAPER_EXPERIMENTS, PREFIX_20, QLORA_R8 } from './paper-experiments.js';
export { PAPER_TABLES } from './paper-tables.js';
export {
  LOCAL_PROFILE,
  PAPER_PROFILE,
  PROFILES,
  SMOKE_PROFILE,
  getProfile,
  type LocalModelSpec,
  type PretrainSpec,
  type ProfileSpec,
} from './profiles.js';
export type { ExperimentResult, LossPoint, PredictionSample } from './result.js';
export type {
  DatasetSpec,
  ExperimentSpec,
  HyperParams,
  MethodSpec,
  MetricName,
  ReportedValue,
  TableId,
  TableSpec,
} from './types.js';
