/** Base class of every error raised by `@t5sql/datasets`: {@link DatasetError} and {@link DatasetOptionError}. */
export class DatasetsError extends Error {
  override name = 'DatasetsError';
}

/**
 * A function or loader was asked for something it does not offer: an unknown dataset, split, prompt template,
 * template placeholder or SQL target encoding (the message lists the choices), or a batching, sampling or
 * truncation option out of range (shuffling without a `seed`, a `batchSize` or `count` that is not a valid
 * integer, a batch of zero examples).
 */
export class DatasetOptionError extends DatasetsError {
  override name = 'DatasetOptionError';
}
