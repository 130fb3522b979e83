/**
 * Error classes raised by `@t5sql/datasets`. Every one extends {@link DatasetsError}, so a caller can catch the
 * package's failures as a group and tell bad input in a dataset file ({@link DatasetError}, which names the file,
 * row and field) from an option the package does not offer ({@link DatasetOptionError}) by class.
 *
 * @example
 * ```ts
 * import { DatasetError, DatasetOptionError, loadSpider } from '@t5sql/datasets';
 * try {
 *   await loadSpider({ dir: 'data/spider', split: 'dev' });
 * } catch (error) {
 *   if (error instanceof DatasetError) console.error(`bad row ${error.row} in ${error.file}`);
 *   else if (error instanceof DatasetOptionError) console.error(error.message);
 *   else throw error;
 * }
 * ```
 */
export { DatasetError, type DatasetErrorLocation } from './dataset-error.js';
export { DatasetOptionError, DatasetsError } from './datasets-error.js';
