export { type DatasetFingerprint, type FileFingerprint, fingerprintFile } from './fingerprint-file.js';
export { type ExamplesFingerprint, fingerprintExamples } from './fingerprint-examples.js';
export { type GitInfo, gitInfo } from './git-commit.js';
export { MemoryTracker, type PeakMemory } from './memory-tracker.js';
export { packageVersions } from './package-versions.js';
export { type RunManifest, backendDeterminism, machineInfo } from './run-manifest.js';
export {
  type SettingChange,
  type TrainRunEvent,
  type TrainRunManifest,
  type TrainRunSettings,
  diffTrainRunSettings,
  readTrainRunManifest,
} from './train-run-manifest.js';
