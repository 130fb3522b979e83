export { formatBar } from './format-bar.js';
export { formatBytes } from './format-bytes.js';
export { formatDuration, type FormatDurationOptions } from './format-duration.js';
export {
  formatProgressLine,
  ProgressReporter,
  type ProgressFields,
  type ProgressReporterOptions,
  type ProgressSink,
  type ProgressState,
} from './progress-reporter.js';
