export type {
  EngineOutput,
  EngineRunContext,
  ExperimentEngine,
} from './engine.js';
export {
  type RunProfileOptions,
  type RunProfileSummary,
  experimentDir,
  readCompleteResult,
  runProfile,
} from './run-profile.js';
export { type RunBenchOptions, runBench } from './run-bench.js';
