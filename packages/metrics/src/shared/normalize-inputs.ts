/** Per prediction: one reference string, or a non-empty array of reference strings (`string[]` or `string[][]`). */
export type References = readonly (string | readonly string[])[];

/** Predictions and references after validation: always a list of references per prediction. */
export interface NormalizedInputs {
  predictions: string[];
  references: string[][];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `string ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}

/**
 * Validates `predictions` / `references` the way every metric here accepts them and wraps single references in a
 * list, as evaluate does. Each `references[i]` may be a string or a non-empty array of strings.
 *
 * @throws TypeError naming the argument and index of a non-string or non-array; RangeError for an empty corpus,
 *   mismatched lengths or an empty reference list.
 */
export function normalizeInputs(metric: string, predictions: unknown, references: unknown): NormalizedInputs {
  if (!Array.isArray(predictions)) {
    throw new TypeError(`${metric}: predictions must be an array of strings, found ${describe(predictions)}`);
  }
  if (!Array.isArray(references)) {
    throw new TypeError(
      `${metric}: references must be an array of strings or of string arrays, found ${describe(references)}`,
    );
  }
  if (predictions.length !== references.length) {
    throw new RangeError(
      `${metric}: predictions has ${predictions.length} items but references has ${references.length}; ` +
        'expected one reference (or one list of references) per prediction',
    );
  }
  if (predictions.length === 0) {
    throw new RangeError(
      `${metric}: predictions and references are empty; expected at least one pair to score`,
    );
  }
  const preds: string[] = new Array(predictions.length);
  const refs: string[][] = new Array(references.length);
  for (let i = 0; i < predictions.length; i++) {
    const p: unknown = predictions[i];
    if (typeof p !== 'string')
      throw new TypeError(`${metric}: predictions[${i}] must be a string, found ${describe(p)}`);
    preds[i] = p;
    const r: unknown = references[i];
    if (typeof r === 'string') {
      refs[i] = [r];
    } else if (Array.isArray(r)) {
      if (r.length === 0) {
        throw new RangeError(
          `${metric}: references[${i}] is an empty list; expected at least one reference string`,
        );
      }
      for (let j = 0; j < r.length; j++) {
        if (typeof r[j] !== 'string') {
          throw new TypeError(`${metric}: references[${i}][${j}] must be a string, found ${describe(r[j])}`);
        }
      }
      refs[i] = r as string[];
    } else {
      throw new TypeError(
        `${metric}: references[${i}] must be a string or an array of strings, found ${describe(r)}`,
      );
    }
  }
  return { predictions: preds, references: refs };
}
