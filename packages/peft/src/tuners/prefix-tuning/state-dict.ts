// Prefix tuning's adapter_model.safetensors ⇄ its PrefixEncoder: PEFT saves one table, `prompt_embeddings`.
import type { SafeTensor, TensorToSave } from '@t5sql/t5-core';
import { AdapterFileError } from '../../errors.js';
import type { PrefixEncoder } from './layer.js';

/** PEFT saves prefix tuning as one table, `prompt_embeddings` `[P, num_layers * 2 * token_dim]`. */
export async function prefixStateDict(encoder: PrefixEncoder): Promise<Map<string, TensorToSave>> {
  const table = encoder.table();
  try {
    return new Map([
      ['prompt_embeddings', { shape: [...table.shape], data: Float32Array.from(await table.data()) }],
    ]);
  } finally {
    table.dispose();
  }
}

/** Loads `prompt_embeddings` into a table-mode encoder; any other key is an {@link AdapterFileError}. */
export function loadPrefixStateDict(
  encoder: PrefixEncoder,
  tensors: Map<string, SafeTensor>,
  source: string,
): void {
  const key = 'prompt_embeddings';
  const t = tensors.get(key);
  const width = encoder.config.num_layers * 2 * encoder.config.token_dim;
  const shape = [encoder.config.num_virtual_tokens, width];
  if (t === undefined) {
    throw new AdapterFileError(source, `${source}: missing tensor "prompt_embeddings" (shape [${shape}])`, {
      key,
    });
  }
  if (t.shape.length !== 2 || t.shape[0] !== shape[0] || t.shape[1] !== shape[1]) {
    throw new AdapterFileError(
      source,
      `${source}: tensor "prompt_embeddings" expected shape [${shape}], found [${t.shape}]`,
      { key },
    );
  }
  const unexpected = [...tensors.keys()].filter((k) => k !== key);
  if (unexpected.length > 0) {
    throw new AdapterFileError(
      source,
      `${source}: unexpected tensors ${unexpected.map((k) => `"${k}"`).join(', ')}`,
      {
        key: unexpected[0],
      },
    );
  }
  encoder.loadTable(t.data, source);
}
