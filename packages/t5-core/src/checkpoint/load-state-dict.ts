// Reads a checkpoint's tensors: one `model.safetensors`, or the shards named by `model.safetensors.index.json`.
import { readJsonFile } from '@t5sql/common';
import { CheckpointError } from '../errors/t5-core-error.js';
import { type SafeTensor, readSafetensors } from './read-safetensors.js';

/** Finds a checkpoint file by name (local directory or hub): its local path, or `null` when the repo lacks it. */
export type CheckpointFileFetcher = (filename: string) => Promise<string | null>;

const SINGLE = 'model.safetensors';
const INDEX = 'model.safetensors.index.json';
const UNSUPPORTED = [
  'pytorch_model.bin',
  'pytorch_model.bin.index.json',
  'tf_model.h5',
  'flax_model.msgpack',
];

/**
 * Loads every tensor of a checkpoint through `fetch`: `model.safetensors`, else the sharded index and its shards.
 * A checkpoint with only PyTorch pickles (or TF/Flax files) is rejected: safetensors is required.
 *
 * @param where names the checkpoint (directory or repo id) in errors.
 */
export async function loadStateDict(
  fetch: CheckpointFileFetcher,
  where: string,
): Promise<Map<string, SafeTensor>> {
  const single = await fetch(SINGLE);
  if (single !== null) return readSafetensors(single);
  const indexPath = await fetch(INDEX);
  if (indexPath !== null) return loadSharded(indexPath, fetch);
  for (const name of UNSUPPORTED) {
    if ((await fetch(name)) !== null) {
      throw new CheckpointError(
        `${where}: found ${name} but no ${SINGLE}; safetensors weights are required (convert in Python with ` +
          'T5ForConditionalGeneration.from_pretrained(...).save_pretrained(dir))',
      );
    }
  }
  throw new CheckpointError(`${where}: no ${SINGLE} or ${INDEX} found`);
}

async function loadSharded(
  indexPath: string,
  fetch: CheckpointFileFetcher,
): Promise<Map<string, SafeTensor>> {
  const index = (await readJsonFile(indexPath)) as { weight_map?: Record<string, string> };
  const weightMap = index.weight_map;
  if (weightMap === undefined || typeof weightMap !== 'object') {
    throw new CheckpointError(`${indexPath}: expected an object "weight_map" {tensor name: shard file}`);
  }
  const out = new Map<string, SafeTensor>();
  for (const shard of [...new Set(Object.values(weightMap))].sort()) {
    const shardPath = await fetch(shard);
    if (shardPath === null) throw new CheckpointError(`${indexPath}: shard "${shard}" is missing`);
    for (const [key, tensor] of await readSafetensors(shardPath)) {
      if (weightMap[key] !== shard) {
        throw new CheckpointError(
          `${shardPath}: tensor "${key}" is not listed for this shard in ${indexPath}`,
        );
      }
      out.set(key, tensor);
    }
  }
  for (const [key, shard] of Object.entries(weightMap)) {
    if (!out.has(key))
      throw new CheckpointError(
        `${indexPath}: tensor "${key}" is listed for "${shard}" but not stored there`,
      );
  }
  return out;
}
