export { type DatasetFingerprint, type FileFingerprint, fingerprintFile } from './fingerprint-file.js';
export { type ExamplesFingerprint, fingerprintExamples } from './fingerprint-examples.js';
export { type GitInfo, gitInfo } from './git-commit.js';
export { MemoryTracker, type PeakMemory } from './memory-tracker.js';
export { packageVersions } from './package-versions.js';
export {
  type BackendDeterminism,
  MANIFEST_PACKAGES,
  type MachineInfo,
  type RunEnvironment,
  backendDeterminism,
  machineInfo,
  runEnvironment,
} from './run-environment.js';
export {
  type BenchRunManifest,
  RUN_MANIFEST_SCHEMA_VERSION,
  type RunManifest,
  type SettingChange,
  type TrainRunEvent,
  type TrainRunManifest,
  type TrainRunSettings,
  readRunManifest,
  writeRunManifest,
} from './run-manifest.js';
export { TrainRunRecord, type TrainRunStart, diffTrainRunSettings } from './train-run-manifest.js';
