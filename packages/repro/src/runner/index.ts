export {
  type EngineOutput,
  type EngineRunContext,
  type ExperimentEngine,
  RequirementError,
} from './engine.js';
export { ProgressBar, type ProgressSink } from './progress-bar.js';
export {
  type RunProfileOptions,
  type RunProfileSummary,
  experimentDir,
  readCompleteResult,
  runProfile,
} from './run-profile.js';
export { MANIFEST_PACKAGES, type RunBenchOptions, runBench } from './run-bench.js';
