// Options of generateSequences and their validation against Hugging Face's GenerationConfig semantics.
import type { TokenIds } from '../contracts/index.js';
import { GenerationError } from '../errors/t5-core-error.js';
import type { LogitsProcessor } from './logits-processor.js';

/** Decoding settings, named after transformers' GenerationConfig (camelCase). */
export interface GenerateOptions {
  /** `[batch, srcLength]`, 1 for real tokens; default: 0 where inputIds == pad (when pad != eos), else all 1. */
  attentionMask?: TokenIds;
  /** Tokens to generate after the decoder start token (HF `max_new_tokens`). */
  maxNewTokens: number;
  /** EOS is forbidden until this many tokens were generated (HF `min_new_tokens`). Default 0. */
  minNewTokens?: number;
  /** Beam width; 1 (default) is greedy or multinomial sampling. */
  numBeams?: number;
  /** Exponent on the hypothesis length a finished beam's score is divided by. Default 1.0. */
  lengthPenalty?: number;
  /**
   * `true`: stop an example once `numBeams` hypotheses finished; `false` (default): stop when the best running beam,
   * scored at the current length, cannot beat the worst finished one; `'never'`: as false, but with a positive
   * length penalty the best running beam is scored at max length (canonical beam search).
   */
  earlyStopping?: boolean | 'never';
  /** Sequences returned per input row (<= numBeams for beam search; sampling repeats each row). Default 1. */
  numReturnSequences?: number;
  /** Multinomial sampling (with numBeams > 1: beam sampling). Needs `seed`. Default false. */
  doSample?: boolean;
  /** Sampling temperature (logits are divided by it). Default 1.0. */
  temperature?: number;
  /** Keep only the k most likely tokens when sampling; 0 disables. Default 50, as in HF. */
  topK?: number;
  /** Keep the smallest set of tokens whose probability reaches topP when sampling. Default 1.0 (off). */
  topP?: number;
  /** Seed of the sampling generator (required when doSample). */
  seed?: number;
  /** Reuse self-attention keys/values between steps. Default true; false re-runs the decoder over the prefix. */
  useCache?: boolean;
  /** Also return per-step logits and processed scores (memory: steps x rows x vocab floats). Default false. */
  returnScores?: boolean;
  /**
   * Edits each step's scores before the token is chosen (HF `logits_processor`), after the min-length rule and
   * before the sampling warpers. With one, greedy search reads each step's logits on the host.
   */
  logitsProcessor?: LogitsProcessor;
}

/** {@link GenerateOptions} with defaults filled in. */
export interface ResolvedGenerateOptions {
  maxNewTokens: number;
  minNewTokens: number;
  numBeams: number;
  lengthPenalty: number;
  earlyStopping: boolean | 'never';
  numReturnSequences: number;
  doSample: boolean;
  temperature: number;
  topK: number;
  topP: number;
  seed: number;
  useCache: boolean;
  returnScores: boolean;
  logitsProcessor: LogitsProcessor | null;
}

function positiveInt(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new GenerationError(`generate: ${name} must be an integer >= ${min}, found ${value}`);
  }
  return value;
}

/**
 * Fills defaults and rejects combinations HF rejects.
 *
 * @throws naming the option and what was expected
 */
export function resolveGenerateOptions(options: GenerateOptions): ResolvedGenerateOptions {
  if (options === undefined || options.maxNewTokens === undefined) {
    throw new GenerationError('generate: options.maxNewTokens is required');
  }
  const numBeams = positiveInt(options.numBeams ?? 1, 'numBeams', 1);
  const numReturnSequences = positiveInt(options.numReturnSequences ?? 1, 'numReturnSequences', 1);
  const doSample = options.doSample ?? false;
  const earlyStopping = options.earlyStopping ?? false;
  if (earlyStopping !== true && earlyStopping !== false && earlyStopping !== 'never') {
    throw new GenerationError(
      `generate: earlyStopping must be true, false or 'never', found ${String(earlyStopping)}`,
    );
  }
  if (numBeams > 1 && numReturnSequences > numBeams) {
    throw new GenerationError(
      `generate: numReturnSequences (${numReturnSequences}) must be <= numBeams (${numBeams})`,
    );
  }
  if (numBeams === 1 && !doSample && numReturnSequences > 1) {
    throw new GenerationError(
      'generate: greedy search returns one sequence per row; set numBeams or doSample for more',
    );
  }
  const temperature = options.temperature ?? 1.0;
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new GenerationError(`generate: temperature must be a positive number, found ${temperature}`);
  }
  const topP = options.topP ?? 1.0;
  if (!(topP > 0 && topP <= 1)) throw new GenerationError(`generate: topP must be in (0, 1], found ${topP}`);
  const lengthPenalty = options.lengthPenalty ?? 1.0;
  if (!Number.isFinite(lengthPenalty))
    throw new GenerationError(`generate: lengthPenalty must be finite, found ${lengthPenalty}`);
  const processor = options.logitsProcessor;
  if (processor !== undefined && (processor === null || typeof processor.process !== 'function')) {
    throw new GenerationError('generate: logitsProcessor must be an object with a process(step) method');
  }
  if (doSample && options.seed === undefined) {
    throw new GenerationError(
      'generate: doSample needs an explicit options.seed (sampling never uses Math.random)',
    );
  }
  return {
    maxNewTokens: positiveInt(options.maxNewTokens, 'maxNewTokens', 1),
    minNewTokens: positiveInt(options.minNewTokens ?? 0, 'minNewTokens', 0),
    numBeams,
    lengthPenalty,
    earlyStopping,
    numReturnSequences,
    doSample,
    temperature,
    topK: positiveInt(options.topK ?? 50, 'topK', 0),
    topP,
    seed: options.seed ?? 0,
    useCache: options.useCache ?? true,
    returnScores: options.returnScores ?? false,
    logitsProcessor: options.logitsProcessor ?? null,
  };
}
