// Maps a loaded HF state dict onto the model's parameters: every key checked, every shape asserted, Linear
// weights transposed from HF's [out, in] to [in, out]. Nothing is ever filled in.
import * as tf from '@tensorflow/tfjs-core';
import type { T5Config } from '../config/t5-config.js';
import { ignorableCheckpointKeys, t5ParameterSpecs } from '../config/t5-parameter-layout.js';
import { CheckpointError } from '../errors/t5-core-error.js';
import type { SafeTensor } from './read-safetensors.js';

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

const sameData = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Converts a state dict to initial parameter tensors keyed by HF name (the caller owns them). Accepts the
 * deduplicated tied layout (`shared.weight` only) and files that also carry `encoder.embed_tokens`,
 * `decoder.embed_tokens` or (tied models) `lm_head` copies. A tied config whose file holds an `lm_head.weight`
 * that differs from `shared.weight` gets an untied head, as transformers 5 does (it writes
 * `tie_word_embeddings: true` for every T5); the returned config says so. Throws one error listing every missing,
 * unexpected or mis-shaped key with the expected and found shapes.
 *
 * @param where names the checkpoint in errors.
 */
export function checkpointToWeights(
  state: Map<string, SafeTensor>,
  config: T5Config,
  where: string,
): { config: T5Config; weights: Map<string, tf.Tensor> } {
  const head = state.get('lm_head.weight');
  const shared = state.get('shared.weight');
  if (
    config.tie_word_embeddings &&
    head !== undefined &&
    shared !== undefined &&
    !sameData(head.data, shared.data)
  ) {
    config = { ...config, tie_word_embeddings: false };
  }
  const specs = t5ParameterSpecs(config);
  const ignorable = ignorableCheckpointKeys(config);
  const problems: string[] = [];
  const lookup = (name: string): SafeTensor | undefined => {
    const found = state.get(name);
    // Some exports keep the embedding only under the stacks' names.
    if (found === undefined && name === 'shared.weight') {
      return state.get('encoder.embed_tokens.weight') ?? state.get('decoder.embed_tokens.weight');
    }
    return found;
  };
  for (const spec of specs) {
    const tensor = lookup(spec.name);
    if (tensor === undefined) problems.push(`missing "${spec.name}" (expected shape [${spec.hfShape}])`);
    else if (!sameShape(tensor.shape, spec.hfShape)) {
      problems.push(`"${spec.name}": expected shape [${spec.hfShape}], found [${tensor.shape}]`);
    }
  }
  const known = new Set(specs.map((s) => s.name));
  for (const [key, tensor] of state) {
    if (known.has(key)) continue;
    if (!ignorable.has(key)) {
      problems.push(`unexpected "${key}" (shape [${tensor.shape}]) for this config`);
      continue;
    }
    // A tied copy must at least have the embedding's shape.
    const expected = key.endsWith('relative_attention_bias.weight')
      ? null
      : [config.vocab_size, config.d_model];
    if (expected !== null && !sameShape(tensor.shape, expected)) {
      problems.push(`"${key}": expected shape [${expected}], found [${tensor.shape}]`);
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > 20) shown.push(`  - ... and ${problems.length - 20} more`);
    throw new CheckpointError(`${where}: checkpoint does not match the config:\n${shown.join('\n')}`);
  }
  const weights = new Map<string, tf.Tensor>();
  for (const spec of specs) {
    const tensor = lookup(spec.name)!;
    weights.set(
      spec.name,
      tf.tidy(() => {
        const value = tf.tensor(tensor.data, tensor.shape, 'float32');
        return spec.transposed ? tf.transpose(value) : value; // [out, in] → [in, out]
      }),
    );
  }
  return { config, weights };
}
