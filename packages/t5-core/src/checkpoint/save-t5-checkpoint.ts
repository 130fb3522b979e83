// savePretrained's file side: the three files transformers' save_pretrained writes for T5.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@t5sql/common';
import { type T5Config, stringifyConfigJson } from '../config/t5-config.js';
import { type TensorToSave, writeSafetensors } from './write-safetensors.js';

/**
 * Writes `model.safetensors` (F32, metadata `{"format":"pt"}`), `generation_config.json` and `config.json` into
 * `dir`, each atomically; `config.json` last, so a directory with a config always has its weights.
 *
 * @param tensors HF state dict in HF layout (Linear weights `[out, in]`).
 */
export async function saveT5Checkpoint(
  dir: string,
  config: T5Config,
  tensors: Map<string, TensorToSave>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeSafetensors(join(dir, 'model.safetensors'), tensors, { format: 'pt' });
  const generationConfig = {
    _from_model_config: true,
    decoder_start_token_id: config.decoder_start_token_id,
    eos_token_id: config.eos_token_id,
    pad_token_id: config.pad_token_id,
  };
  await writeFileAtomic(
    join(dir, 'generation_config.json'),
    `${JSON.stringify(generationConfig, null, 2)}\n`,
  );
  await writeFileAtomic(join(dir, 'config.json'), stringifyConfigJson(config));
}
