// Every parameter of a T5ForConditionalGeneration, by HF state-dict name: its HF shape, whether we store it
// transposed, and the standard deviation HF's `_init_weights` draws it from.
import type { T5Config } from './t5-config.js';

/** One parameter as HF's state dict has it. */
export interface ParameterSpec {
  /** HF state-dict key, e.g. `decoder.block.0.layer.1.EncDecAttention.k.weight`. */
  name: string;
  /** Shape in the HF file (Linear weights are `[out, in]`). */
  hfShape: number[];
  /**
   * True for Linear weights (q, k, v, o, wi, wi_0, wi_1, wo, lm_head): stored here as `[in, out]` for tfjs
   * matMul, transposed once at load and back at save. Embeddings, norms and bias tables are not transposed.
   */
  transposed: boolean;
  /** `linear` parameters are the `weight` of a LinearLayer at module path `module`. */
  kind: 'linear' | 'norm' | 'embedding' | 'position-bias';
  /** HF module path of a linear (`name` without `.weight`). */
  module?: string;
  /** HF `_init_weights`: normal std, or for norms the constant value. Scaled by `initializer_factor`. */
  init: number;
}

/** Keys some checkpoints carry that HF ignores on load (`_keys_to_ignore_on_load_unexpected` / tied copies). */
export function ignorableCheckpointKeys(config: T5Config): Set<string> {
  const keys = new Set([
    'encoder.embed_tokens.weight', // tied copies of shared.weight
    'decoder.embed_tokens.weight',
    // Original t5 checkpoints carry a cross-attention bias table that T5 never uses.
    'decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight',
  ]);
  if (config.tie_word_embeddings) keys.add('lm_head.weight');
  return keys;
}

/** The parameters of a T5 model in a fixed order (the order `namedVariables` reports them in). */
export function t5ParameterSpecs(config: T5Config): ParameterSpec[] {
  const f = config.initializer_factor;
  const { d_model: dModel, d_ff: dFf, num_heads: heads, d_kv: dKv } = config;
  const inner = heads * dKv;
  const specs: ParameterSpec[] = [
    {
      name: 'shared.weight',
      hfShape: [config.vocab_size, dModel],
      transposed: false,
      kind: 'embedding',
      init: f,
    },
  ];
  const linear = (module: string, out: number, inp: number, std: number) =>
    specs.push({
      name: `${module}.weight`,
      hfShape: [out, inp],
      transposed: true,
      kind: 'linear',
      module,
      init: std,
    });
  const norm = (name: string) =>
    specs.push({ name, hfShape: [dModel], transposed: false, kind: 'norm', init: f });
  const attention = (module: string, withBias: boolean) => {
    linear(`${module}.q`, inner, dModel, f * (dModel * dKv) ** -0.5);
    linear(`${module}.k`, inner, dModel, f * dModel ** -0.5);
    linear(`${module}.v`, inner, dModel, f * dModel ** -0.5);
    linear(`${module}.o`, dModel, inner, f * inner ** -0.5);
    if (withBias) {
      specs.push({
        name: `${module}.relative_attention_bias.weight`,
        hfShape: [config.relative_attention_num_buckets, heads],
        transposed: false,
        kind: 'position-bias',
        init: f * dModel ** -0.5,
      });
    }
  };
  const feedForward = (module: string) => {
    const names = config.is_gated_act ? ['wi_0', 'wi_1'] : ['wi'];
    for (const wi of names) linear(`${module}.${wi}`, dFf, dModel, f * dModel ** -0.5);
    linear(`${module}.wo`, dModel, dFf, f * dFf ** -0.5);
  };
  for (const [stack, depth] of [
    ['encoder', config.num_layers],
    ['decoder', config.num_decoder_layers],
  ] as const) {
    for (let i = 0; i < depth; i++) {
      const block = `${stack}.block.${i}`;
      attention(`${block}.layer.0.SelfAttention`, i === 0);
      norm(`${block}.layer.0.layer_norm.weight`);
      let ffLayer = 1;
      if (stack === 'decoder') {
        attention(`${block}.layer.1.EncDecAttention`, false);
        norm(`${block}.layer.1.layer_norm.weight`);
        ffLayer = 2;
      }
      feedForward(`${block}.layer.${ffLayer}.DenseReluDense`);
      norm(`${block}.layer.${ffLayer}.layer_norm.weight`);
    }
    norm(`${stack}.final_layer_norm.weight`);
  }
  if (!config.tie_word_embeddings) {
    specs.push({
      name: 'lm_head.weight',
      hfShape: [config.vocab_size, dModel],
      transposed: true,
      kind: 'linear',
      module: 'lm_head',
      init: f,
    });
  }
  return specs;
}
