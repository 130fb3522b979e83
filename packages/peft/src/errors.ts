/**
 * Error classes raised by `@t5sql/peft`. Each message names what was wrong and where (the config or file, the
 * field or tensor key, the expected and found value); the same facts are on the error as properties for callers
 * that report them. Catch {@link PeftError} for any of them.
 */

/** Base class of every error raised by `@t5sql/peft`. */
export class PeftError extends Error {
  override name = 'PeftError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/**
 * A PEFT config that cannot be honoured: a field out of range, a feature not implemented here (DoRA, ...), a
 * `peft_type` or method no tuner is registered for, or target modules that match nothing.
 *
 * @example
 * ```ts
 * try {
 *   loraConfig({ r: 0 });
 * } catch (error) {
 *   if (error instanceof PeftConfigError) console.error(error.field); // 'r'
 * }
 * ```
 */
export class PeftConfigError extends PeftError {
  override name = 'PeftConfigError';
  /** The offending field, when one is to blame. */
  readonly field?: string;

  /** @param source where the config came from (`LoraConfig`, a path to `adapter_config.json`, ...) */
  constructor(
    readonly source: string,
    message: string,
    options: { field?: string; cause?: unknown } = {},
  ) {
    super(message, options);
    this.field = options.field;
  }

  /** `<source>: field "<field>" must be <expected>, found <JSON of found>`. */
  static field(source: string, field: string, expected: string, found: unknown): PeftConfigError {
    return new PeftConfigError(
      source,
      `${source}: field "${field}" must be ${expected}, found ${JSON.stringify(found)}`,
      { field },
    );
  }
}

/**
 * An adapter file that is missing, unreadable, or does not fit the model: `adapter_config.json` absent or not
 * JSON, a tensor of `adapter_model.safetensors` missing, unexpected or of the wrong shape.
 */
export class AdapterFileError extends PeftError {
  override name = 'AdapterFileError';
  /** The tensor key at fault, when one is. */
  readonly key?: string;

  /** @param file the file (or adapter directory / hub repo id) at fault */
  constructor(
    readonly file: string,
    message: string,
    options: { key?: string; cause?: unknown } = {},
  ) {
    super(message, options);
    this.key = options.key;
  }
}

/**
 * A base layer that lacks a capability an operation needs (see t5-core's `LinearLayer`: `hfWeight`, `addDelta`,
 * a float32 `weight`), e.g. merging LoRA into a layer that can neither be assigned nor take a delta.
 */
export class LayerCapabilityError extends PeftError {
  override name = 'LayerCapabilityError';
}

/**
 * An operation the adapter's current state does not allow: a PeftModel used after `unload`, merging an adapter
 * that cannot merge (prefix tuning), adapting a module that already carries an adapter.
 */
export class PeftStateError extends PeftError {
  override name = 'PeftStateError';
}

/** Bad input to the NF4 (bitsandbytes 4-bit) code: a block size, quant type, buffer or state that does not fit. */
export class QuantizationError extends PeftError {
  override name = 'QuantizationError';
}
