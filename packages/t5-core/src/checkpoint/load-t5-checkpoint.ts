// fromPretrained's file side: config.json + safetensors from a local directory or the hub.
import { readJsonFile } from '@t5sql/common';
import { type HubDownloadOptions, resolveFile } from '@t5sql/hub';
import type * as tf from '@tensorflow/tfjs-core';
import { type T5Config, type T5ConfigJson, parseT5Config } from '../config/t5-config.js';
import { CheckpointError } from '../errors/t5-core-error.js';
import { checkpointToWeights } from './checkpoint-to-weights.js';
import { loadStateDict } from './load-state-dict.js';

/**
 * Reads a T5 checkpoint: `config.json`, then `model.safetensors` (or a sharded index), from a local directory
 * or a hub repo id through `@t5sql/hub` (`options` pass through: revision, cacheDir, token, offline, ...).
 * Returns the parsed config and initial parameter tensors (HF names, Linear weights `[in, out]`) the caller owns.
 *
 * @example
 * ```ts
 * const { config, weights } = await loadT5Checkpoint('google/flan-t5-small', { revision: 'main' });
 * ```
 */
export async function loadT5Checkpoint(
  pathOrRepoId: string,
  options: HubDownloadOptions = {},
): Promise<{ config: T5Config; weights: Map<string, tf.Tensor> }> {
  const fetch = (filename: string) => resolveFile(pathOrRepoId, filename, options);
  const configPath = await fetch('config.json');
  if (configPath === null) throw new CheckpointError(`${pathOrRepoId}: no config.json`);
  const json = (await readJsonFile(configPath)) as T5ConfigJson;
  // Before the weights: a bad size in config.json is reported as such, naming the file and key.
  const config = parseT5Config(json, configPath);
  const state = await loadStateDict(fetch, pathOrRepoId);
  return checkpointToWeights(state, config, pathOrRepoId);
}
