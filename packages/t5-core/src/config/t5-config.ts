// The T5 configuration, spelled like Hugging Face's `config.json` so it round-trips unchanged.
import { T5ConfigError } from '../errors/t5-core-error.js';

/**
 * A T5 configuration with HF's snake_case keys (`T5Config` in transformers). Every field is resolved:
 * `parseT5Config` fills defaults and derives `dense_act_fn` / `is_gated_act` from `feed_forward_proj`.
 * Keys this library does not use (`architectures`, `task_specific_params`, ...) are kept in `extra` so
 * `toConfigJson` writes them back.
 */
export interface T5Config {
  vocab_size: number;
  /** Hidden width of the residual stream. */
  d_model: number;
  /** Width of one attention head; `num_heads * d_kv` may differ from `d_model`. */
  d_kv: number;
  /** Inner width of the feed-forward block. */
  d_ff: number;
  /** Encoder depth. */
  num_layers: number;
  /** Decoder depth (HF defaults it to `num_layers`). */
  num_decoder_layers: number;
  num_heads: number;
  relative_attention_num_buckets: number;
  relative_attention_max_distance: number;
  dropout_rate: number;
  layer_norm_epsilon: number;
  /** Scales every standard deviation in HF's `_init_weights`. */
  initializer_factor: number;
  /** `"relu"`, `"gated-gelu"`, `"gated-silu"`, ...: an ACT2FN name, optionally prefixed `gated-`. */
  feed_forward_proj: string;
  /** The ACT2FN name applied in the feed-forward block (derived). */
  dense_act_fn: string;
  /** True for `gated-*`: `act(x W0) * (x W1)` (derived). */
  is_gated_act: boolean;
  /** v1.0 ties the LM head to `shared`; v1.1 / flan have their own `lm_head.weight`. */
  tie_word_embeddings: boolean;
  /**
   * Scale the decoder output by `d_model^-0.5` before the LM head (v1.0). transformers 4.x derives it from
   * `tie_word_embeddings`; transformers 5 writes it as its own key (and then always writes `tie_word_embeddings:
   * true`), so an explicit value wins.
   */
  scale_decoder_outputs: boolean;
  pad_token_id: number;
  eos_token_id: number | number[];
  decoder_start_token_id: number;
  is_encoder_decoder: boolean;
  use_cache: boolean;
  model_type: string;
  /** Storage dtype named by the file (`dtype`, older files `torch_dtype`); computation is always float32. */
  dtype?: string;
  /** Keys of `config.json` this library does not interpret, written back unchanged. */
  extra: Record<string, unknown>;
}

/** A `config.json` object before defaults: any subset of the known keys plus anything else. */
export type T5ConfigJson = Partial<Omit<T5Config, 'extra'>> & {
  torch_dtype?: string;
  [key: string]: unknown;
};

// Defaults are transformers' T5Config defaults (t5-small sized), so a sparse config.json means what it means in Python.
const DEFAULTS = {
  vocab_size: 32128, // T5's SentencePiece vocabulary (32100) padded to a multiple of 128
  d_model: 512, // t5-small's width
  d_kv: 64, // d_model / num_heads for t5-small; other models decouple it (t5-11b: 128 x 128 heads)
  d_ff: 2048, // 4 x d_model, the original Transformer ratio
  num_layers: 6, // t5-small's encoder depth
  num_heads: 8,
  relative_attention_num_buckets: 32, // Raffel et al.: 32 buckets ...
  relative_attention_max_distance: 128, // ... logarithmic up to 128 positions, one bucket beyond
  dropout_rate: 0.1, // pre-training dropout; active only with training: true
  layer_norm_epsilon: 1e-6, // added to the RMS variance; 1e-6 in every published T5
  initializer_factor: 1.0, // 1 = HF's init; tests use other values to scale every std
  feed_forward_proj: 'relu', // original T5 (v1.0); v1.1 / flan files say "gated-gelu"
  tie_word_embeddings: true, // PretrainedConfig's default: v1.0 ties; v1.1 / flan files say false
  pad_token_id: 0, // T5's <pad>, also the decoder start token
  eos_token_id: 1, // T5's </s>
  is_encoder_decoder: true, // T5ForConditionalGeneration is always encoder-decoder
  use_cache: true, // generation reuses past keys/values
  model_type: 't5',
} as const;

/** Allowed interval of a numeric key; an absent bound is open. */
interface NumberRange {
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
}

const POSITIVE: NumberRange = { min: 0, minExclusive: true };

/** Why `value` is outside `range` ("> 0", "in [0, 1)"), or null when it is inside. */
function outOfRange(value: number, range: NumberRange): string | null {
  const { min, max, minExclusive = false, maxExclusive = false } = range;
  const low = min === undefined || (minExclusive ? value > min : value >= min);
  const high = max === undefined || (maxExclusive ? value < max : value <= max);
  if (low && high) return null;
  if (max === undefined) return `${minExclusive ? '>' : '>='} ${min}`;
  if (min === undefined) return `${maxExclusive ? '<' : '<='} ${max}`;
  return `in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
}

const KNOWN_KEYS = new Set<string>([
  ...Object.keys(DEFAULTS),
  'num_decoder_layers',
  'dense_act_fn',
  'is_gated_act',
  'decoder_start_token_id',
  'dtype',
  'torch_dtype',
  'scale_decoder_outputs',
]);

/** ACT2FN names whose modules own parameters; HF would store them as extra state-dict keys we do not model. */
const PARAMETRIC_ACTIVATIONS = new Set(['prelu', 'xielu']);

/**
 * Resolves a parsed `config.json` into a full {@link T5Config}, with transformers' defaults and its parsing of
 * `feed_forward_proj` (`"gated-X"` → gated with act X; legacy `"gated-gelu"` → `gelu_new`).
 * Values are range-checked (sizes positive integers, `dropout_rate` in [0, 1), `layer_norm_epsilon` and
 * `initializer_factor` > 0, special token ids inside the vocabulary); an error names the source, the key and the value.
 *
 * @param source names the file in error messages.
 * @example
 * ```ts
 * const config = parseT5Config(JSON.parse(await readFile('config.json', 'utf8')), 'config.json');
 * config.is_gated_act; // true for flan-t5
 * ```
 */
export function parseT5Config(json: T5ConfigJson, source = 'config.json'): T5Config {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new T5ConfigError(
      `${source}: expected a JSON object, found ${json === null ? 'null' : typeof json}`,
    );
  }
  // `range` is checked here so a bad size fails with the key and the file, not later inside a tfjs kernel.
  const num = (key: string, fallback: number, integer: boolean, range: NumberRange): number => {
    const value = json[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      throw new T5ConfigError(
        `${source}: "${key}" must be ${integer ? 'an integer' : 'a number'}, found ${JSON.stringify(value)}`,
      );
    }
    const problem = outOfRange(value, range);
    if (problem !== null) {
      const expected = integer && range === POSITIVE ? 'a positive integer' : problem;
      throw new T5ConfigError(`${source}: "${key}" must be ${expected}, found ${value}`);
    }
    return value;
  };
  const size = (key: string, fallback: number) => num(key, fallback, true, POSITIVE);
  const feedForwardProj = json.feed_forward_proj ?? DEFAULTS.feed_forward_proj;
  if (typeof feedForwardProj !== 'string') {
    throw new T5ConfigError(
      `${source}: "feed_forward_proj" must be a string, found ${JSON.stringify(feedForwardProj)}`,
    );
  }
  // transformers: split on "-"; a prefix other than "gated", or more than one "-", is invalid.
  const actInfo = feedForwardProj.split('-');
  if ((actInfo.length > 1 && actInfo[0] !== 'gated') || actInfo.length > 2) {
    throw new T5ConfigError(
      `${source}: "feed_forward_proj" must be "gated-{ACT_FN}" or "{ACT_FN}" (e.g. "gated-gelu", "relu"), found "${feedForwardProj}"`,
    );
  }
  const denseActFn = feedForwardProj === 'gated-gelu' ? 'gelu_new' : actInfo[actInfo.length - 1];
  if (PARAMETRIC_ACTIVATIONS.has(denseActFn)) {
    throw new T5ConfigError(
      `${source}: activation "${denseActFn}" has learnable parameters, which this T5 does not support`,
    );
  }
  const numLayers = size('num_layers', DEFAULTS.num_layers);
  const vocabSize = size('vocab_size', DEFAULTS.vocab_size);
  // Special ids index the embedding, so they must be rows of it.
  const tokenId = (key: string, fallback: number) =>
    num(key, fallback, true, { min: 0, max: vocabSize, maxExclusive: true });
  const padTokenId = tokenId('pad_token_id', DEFAULTS.pad_token_id);
  const eos = json.eos_token_id ?? DEFAULTS.eos_token_id;
  if (
    !(
      Number.isInteger(eos) ||
      (Array.isArray(eos) && eos.length > 0 && eos.every((e) => Number.isInteger(e)))
    )
  ) {
    throw new T5ConfigError(
      `${source}: "eos_token_id" must be an integer or a list of integers, found ${JSON.stringify(eos)}`,
    );
  }
  for (const id of Array.isArray(eos) ? eos : [eos]) {
    if (id < 0 || id >= vocabSize) {
      throw new T5ConfigError(`${source}: "eos_token_id" must be in [0, ${vocabSize}), found ${id}`);
    }
  }
  const tie = json.tie_word_embeddings ?? DEFAULTS.tie_word_embeddings;
  for (const key of [
    'tie_word_embeddings',
    'scale_decoder_outputs',
    'is_encoder_decoder',
    'use_cache',
  ] as const) {
    if (json[key] !== undefined && typeof json[key] !== 'boolean') {
      throw new T5ConfigError(
        `${source}: "${key}" must be true or false, found ${JSON.stringify(json[key])}`,
      );
    }
  }
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) if (!KNOWN_KEYS.has(key)) extra[key] = value;
  const dtype = json.dtype ?? json.torch_dtype;
  return {
    vocab_size: vocabSize,
    d_model: size('d_model', DEFAULTS.d_model),
    d_kv: size('d_kv', DEFAULTS.d_kv),
    d_ff: size('d_ff', DEFAULTS.d_ff),
    num_layers: numLayers,
    num_decoder_layers: size('num_decoder_layers', numLayers), // HF: "default = symmetry"
    num_heads: size('num_heads', DEFAULTS.num_heads),
    relative_attention_num_buckets: size(
      'relative_attention_num_buckets',
      DEFAULTS.relative_attention_num_buckets,
    ),
    relative_attention_max_distance: size(
      'relative_attention_max_distance',
      DEFAULTS.relative_attention_max_distance,
    ),
    // A probability of dropping; 1 would drop everything (and scale by 1 / 0).
    dropout_rate: num('dropout_rate', DEFAULTS.dropout_rate, false, { min: 0, max: 1, maxExclusive: true }),
    // Added to the variance under a square root: 0 divides by zero on an all-zero row.
    layer_norm_epsilon: num('layer_norm_epsilon', DEFAULTS.layer_norm_epsilon, false, POSITIVE),
    initializer_factor: num('initializer_factor', DEFAULTS.initializer_factor, false, POSITIVE),
    feed_forward_proj: feedForwardProj,
    dense_act_fn: denseActFn,
    is_gated_act: actInfo[0] === 'gated',
    tie_word_embeddings: tie,
    scale_decoder_outputs: json.scale_decoder_outputs ?? tie,
    pad_token_id: padTokenId,
    eos_token_id: eos,
    // HF raises when this is missing; every published T5 uses the pad token, so that is the fallback.
    decoder_start_token_id: tokenId('decoder_start_token_id', padTokenId),
    is_encoder_decoder: json.is_encoder_decoder ?? DEFAULTS.is_encoder_decoder,
    use_cache: json.use_cache ?? DEFAULTS.use_cache,
    model_type: json.model_type ?? DEFAULTS.model_type,
    ...(typeof dtype === 'string' ? { dtype } : {}),
    extra,
  };
}

/**
 * The `config.json` object for a config: known keys in HF spelling plus the untouched extras, sorted like
 * transformers writes them. The dtype is float32 (what `savePretrained` stores), under both spellings: `dtype`
 * for transformers >= 4.56, `torch_dtype` for older readers.
 */
export function toConfigJson(config: T5Config): Record<string, unknown> {
  const { extra, dtype: _dtype, ...known } = config;
  const out: Record<string, unknown> = { ...extra, ...known, dtype: 'float32', torch_dtype: 'float32' };
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Float-typed keys: transformers 5 validates them strictly, so an integral value must be written as `1.0`. */
const FLOAT_KEYS = new Set([
  'layer_norm_epsilon',
  'initializer_factor',
  'dropout_rate',
  'classifier_dropout',
]);

/**
 * `config.json` text as transformers writes it: 2-space indent, sorted keys, and float fields always with a
 * decimal point (`"initializer_factor": 1.0`), which transformers 5's strict config validation requires.
 */
export function stringifyConfigJson(config: T5Config): string {
  const marker = '__t5sql_float__';
  const text = JSON.stringify(
    toConfigJson(config),
    (key, value) => (FLOAT_KEYS.has(key) && Number.isInteger(value) ? `${marker}${value}` : value),
    2,
  );
  return `${text.replace(new RegExp(`"${marker}(-?\\d+)"`, 'g'), '$1.0')}\n`;
}
