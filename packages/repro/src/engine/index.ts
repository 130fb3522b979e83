export { checkPaperRequirements } from './check-paper-requirements.js';
export { decodePredictions } from './decode-predictions.js';
export { type PredictOptions, generatePredictions } from './generate-predictions.js';
export { type ExperimentData, loadExperimentData } from './load-experiment-data.js';
export { type PretrainedLocalModel, pretrainLocalModel, pretrainingCorpus } from './pretrain-local-model.js';
export { type DataLocations, resolveDataLocations } from './resolve-data.js';
export { scorePredictions } from './score-predictions.js';
export { T5Engine, type T5EngineOptions } from './t5-engine.js';
export { type TrainModelOptions, type TrainOutcome, plannedSteps, trainModel } from './train-model.js';
