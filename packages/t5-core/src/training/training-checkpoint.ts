// checkpoint-<step>/ folders: the model's trainable weights, optimizer.safetensors and trainer_state.json, written
// into a temporary folder and renamed into place so a crash never leaves half a checkpoint.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { readSafetensors, writeSafetensors } from '../checkpoint/index.js';
import type { TrainableSeq2Seq } from '../model/contracts.js';
import type { Optimizer } from './optimizer.js';
import type { TrainingHistory } from './trainer-types.js';

/** Contents of `trainer_state.json`. */
export interface TrainerState {
  version: 1;
  /** Updates done. */
  step: number;
  totalSteps: number;
  /** Epoch in progress and micro-batches of it already consumed. */
  epoch: number;
  positionInEpoch: number;
  seed: number;
  /** Dropout seeds are a pure function of (seed, step, micro-step): nothing else to restore. */
  rng: { algorithm: 'hash(seed, step, microStep)'; seed: number };
  optimizer: string;
  history: TrainingHistory;
  /** The serialisable trainer options of the run. */
  config: Record<string, unknown>;
}

const CHECKPOINT = /^checkpoint-(\d+)$/;
/** Written only when the model's own files do not hold every trainable variable under its name. */
const TRAINABLE_FILE = 'trainable.safetensors';
const OPTIMIZER_FILE = 'optimizer.safetensors';
const STATE_FILE = 'trainer_state.json';

/** Checkpoint folders in `dir`, oldest first. */
export async function listCheckpoints(dir: string): Promise<{ step: number; path: string }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((n) => ({ m: CHECKPOINT.exec(n), n }))
    .filter((x) => x.m !== null)
    .map((x) => ({ step: Number(x.m![1]), path: join(dir, x.n) }))
    .sort((a, b) => a.step - b.step);
}

/**
 * The trainable tensors of a checkpoint folder: `trainable.safetensors` when the trainer wrote one (the model's
 * files use another layout or naming), else every other safetensors file, excluding the optimizer's.
 */
async function readModelTensors(dir: string) {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  const names = (await readdir(dir)).sort();
  if (names.includes(TRAINABLE_FILE)) return readSafetensors(join(dir, TRAINABLE_FILE));
  for (const name of names) {
    if (!name.endsWith('.safetensors') || name === OPTIMIZER_FILE) continue;
    for (const [key, t] of await readSafetensors(join(dir, name))) if (!out.has(key)) out.set(key, t);
  }
  return out;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Writes `checkpoint-<step>` under `dir` atomically and deletes the oldest beyond `keep`. Returns its path.
 */
export async function saveTrainingCheckpoint(
  dir: string,
  model: TrainableSeq2Seq,
  optimizer: Optimizer,
  state: TrainerState,
  keep?: number,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const final = join(dir, `checkpoint-${state.step}`);
  const temp = join(dir, `.checkpoint-${state.step}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(temp);
  try {
    await model.saveTrainable(temp);
    // The model's files may name or lay out variables differently (PEFT drops the adapter name; T5 keeps linear
    // weights as [in, out] but saves HF's [out, in], and square ones cannot be told apart by shape): then keep an
    // exact copy of the variables as the trainer sees them.
    const vars = model.namedTrainableVariables();
    const saved = await readModelTensors(temp);
    const covered = [...vars].every(([k, v]) => saved.has(k) && sameShape(saved.get(k)!.shape, v.shape));
    if (!covered) {
      const trainable = new Map(
        [...vars].map(([k, v]) => [k, { shape: [...v.shape], data: v.dataSync() as Float32Array }]),
      );
      await writeSafetensors(join(temp, TRAINABLE_FILE), trainable, { format: 'pt' });
    }
    const opt = optimizer.stateDict();
    await writeSafetensors(join(temp, OPTIMIZER_FILE), opt.tensors, {
      optimizer: optimizer.name,
      step: String(opt.step),
    });
    await writeFile(join(temp, STATE_FILE), `${JSON.stringify(state, null, 1)}\n`);
    await rm(final, { recursive: true, force: true });
    await rename(temp, final);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  if (keep !== undefined && keep > 0) {
    const all = await listCheckpoints(dir);
    for (const old of all.slice(0, Math.max(0, all.length - keep)))
      await rm(old.path, { recursive: true, force: true });
  }
  return final;
}

/** `'latest'` → the newest checkpoint in `checkpointDir`; anything else is taken as a checkpoint folder. */
export async function resolveResumePath(resumeFrom: string, checkpointDir?: string): Promise<string> {
  if (resumeFrom !== 'latest') return resumeFrom;
  if (checkpointDir === undefined) throw new Error(`resumeFrom 'latest' needs checkpointDir`);
  const all = await listCheckpoints(checkpointDir);
  if (all.length === 0)
    throw new Error(`resumeFrom 'latest': no checkpoint-<step> folder in ${checkpointDir}`);
  return all[all.length - 1].path;
}

/**
 * Restores trainable variables and optimizer state from a checkpoint folder and returns its trainer state.
 * Every trainable variable must be present with its shape; a missing key is an error naming the file.
 */
export async function loadTrainingCheckpoint(
  path: string,
  model: TrainableSeq2Seq,
  optimizer: Optimizer,
): Promise<TrainerState> {
  let state: TrainerState;
  try {
    state = JSON.parse(await readFile(join(path, STATE_FILE), 'utf8')) as TrainerState;
  } catch (error) {
    throw new Error(`${join(path, STATE_FILE)}: cannot read trainer state (${(error as Error).message})`);
  }
  if (state.version !== 1) throw new Error(`${join(path, STATE_FILE)}: version ${state.version}, expected 1`);
  if (state.optimizer !== optimizer.name) {
    throw new Error(
      `${join(path, STATE_FILE)}: saved with optimizer "${state.optimizer}", resuming with "${optimizer.name}"`,
    );
  }
  const tensors = await readModelTensors(path);
  const vars = model.namedTrainableVariables();
  for (const [key, v] of vars) {
    const t = tensors.get(key);
    if (t === undefined) throw new Error(`${path}: trainable variable "${key}" is in no safetensors file`);
    if (!sameShape(t.shape, v.shape)) {
      throw new Error(`${path}: "${key}" has shape [${t.shape}], the model expects [${v.shape}]`);
    }
  }
  for (const [key, v] of vars) {
    const t = tensors.get(key)!;
    tf.tidy(() => v.assign(tf.tensor(t.data, t.shape, v.dtype)));
  }
  const opt = await readSafetensors(join(path, OPTIMIZER_FILE));
  optimizer.loadStateDict({ step: state.step, tensors: opt }, vars);
  return state;
}
