export { jsonErrorOffset } from './json-error-offset.js';
export {
  JsonFileError,
  type JsonFileErrorDetails,
  type JsonFileProblem,
} from './json-file-error.js';
export { parseJsonText, readJsonFile, readJsonFileSync, type ReadJsonOptions } from './read-json-file.js';
