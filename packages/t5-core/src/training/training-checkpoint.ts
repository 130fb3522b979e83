// checkpoint-<step>/ folders: the model's trainable weights, optimizer.safetensors and trainer_state.json, written
// into a temporary folder and renamed into place so a crash never leaves half a checkpoint.
import { open, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeFolderAtomic } from '@t5sql/common';
import * as tf from '@tensorflow/tfjs-core';
import { readTensorData } from '../backend/device-health.js';
import { readSafetensors, writeSafetensors } from '../checkpoint/index.js';
import type { TrainableSeq2Seq } from '../contracts/index.js';
import { CheckpointError } from '../errors/index.js';
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
 * Writes `checkpoint-<step>` under `dir` atomically and keeps it plus the `keep - 1` newest of lower steps,
 * deleting older ones (folders of higher steps are never touched). Refuses weights holding NaN or ±Infinity,
 * naming the tensor. Returns its path.
 */
export async function saveTrainingCheckpoint(
  dir: string,
  model: TrainableSeq2Seq,
  optimizer: Optimizer,
  state: TrainerState,
  keep?: number,
): Promise<string> {
  const final = join(dir, `checkpoint-${state.step}`);
  // Built in `.checkpoint-<step>.<pid>.<12 hex>.tmp` and renamed; removeStaleTemp knows that name.
  await writeFolderAtomic(final, async (temp) => {
    await model.saveTrainable(temp);
    // The model's files may name or lay out variables differently (PEFT drops the adapter name; T5 keeps linear
    // weights as [in, out] but saves HF's [out, in], and square ones cannot be told apart by shape): then keep an
    // exact copy of the variables as the trainer sees them.
    const vars = model.namedTrainableVariables();
    const saved = await readModelTensors(temp);
    refuseNonFinite(saved, state.step);
    const covered = [...vars].every(([k, v]) => saved.has(k) && sameShape(saved.get(k)!.shape, v.shape));
    if (!covered) {
      const trainable = new Map<string, { shape: number[]; data: Float32Array }>();
      for (const [k, v] of vars)
        trainable.set(k, { shape: [...v.shape], data: (await readTensorData(v)) as Float32Array });
      refuseNonFinite(trainable, state.step);
      await writeSafetensors(join(temp, TRAINABLE_FILE), trainable, { format: 'pt' });
    }
    const opt = await optimizer.stateDict();
    await writeSafetensors(join(temp, OPTIMIZER_FILE), opt.tensors, {
      optimizer: optimizer.name,
      step: String(opt.step),
    });
    await writeFile(join(temp, STATE_FILE), `${JSON.stringify(state, null, 1)}\n`);
  });
  if (keep !== undefined && keep > 0) {
    // Only this run's past is pruned: the checkpoint just written is always kept, and folders of higher steps
    // (another run's, or a branch abandoned by resuming from an earlier checkpoint) are not ours to delete.
    const older = (await listCheckpoints(dir)).filter((c) => c.step < state.step);
    for (const old of older.slice(0, Math.max(0, older.length - (keep - 1))))
      await rm(old.path, { recursive: true, force: true });
  }
  return final;
}

/** Throws naming the first tensor holding NaN or ±Infinity: a diverged model is never written as a checkpoint. */
function refuseNonFinite(tensors: Map<string, { data: Float32Array }>, step: number): void {
  for (const [key, t] of tensors) {
    const i = t.data.findIndex((x) => !Number.isFinite(x));
    if (i >= 0) {
      throw new CheckpointError(
        `saveTrainingCheckpoint: "${key}" holds ${t.data[i]} at index ${i}; refusing to save non-finite weights as checkpoint-${step}`,
      );
    }
  }
}

/**
 * `'latest'` → the newest usable checkpoint in `checkpointDir` (a damaged newer one is skipped with a process
 * warning naming it and why); anything else is taken as a checkpoint folder.
 */
export async function resolveResumePath(resumeFrom: string, checkpointDir?: string): Promise<string> {
  if (resumeFrom !== 'latest') return resumeFrom;
  if (checkpointDir === undefined) throw new CheckpointError(`resumeFrom 'latest' needs checkpointDir`);
  const found = await findResumableCheckpoint(checkpointDir);
  for (const d of found.damaged)
    process.emitWarning(`${d.path} is damaged (${d.problem}); resuming from an earlier checkpoint`);
  if (found.latest === undefined) {
    throw new CheckpointError(
      found.damaged.length === 0
        ? `resumeFrom 'latest': no checkpoint-<step> folder in ${checkpointDir}`
        : `resumeFrom 'latest': every checkpoint in ${checkpointDir} is damaged`,
    );
  }
  return found.latest.path;
}

/**
 * The newest checkpoint of `dir` that passes {@link checkTrainingCheckpoint}, and the newer ones that did not
 * (newest first), each with what is wrong.
 *
 * @example
 * ```ts
 * const { latest, damaged } = await findResumableCheckpoint('runs/x/checkpoints');
 * for (const d of damaged) console.warn(`skipping ${d.path}: ${d.problem}`);
 * ```
 */
export async function findResumableCheckpoint(dir: string): Promise<{
  latest?: { step: number; path: string };
  damaged: { step: number; path: string; problem: string }[];
}> {
  const damaged: { step: number; path: string; problem: string }[] = [];
  for (const c of (await listCheckpoints(dir)).reverse()) {
    const problem = await checkTrainingCheckpoint(c.path);
    if (problem === undefined) return { latest: c, damaged };
    damaged.push({ ...c, problem });
  }
  return { damaged };
}

/**
 * A cheap health check of a checkpoint folder, without reading the weights: `trainer_state.json` parses with
 * version 1, `optimizer.safetensors` is there, and every safetensors file is as long as its header says (a kill
 * or a full disk leaves it truncated). Returns what is wrong, or `undefined` when nothing is.
 */
export async function checkTrainingCheckpoint(path: string): Promise<string | undefined> {
  try {
    await readTrainerState(path);
  } catch (error) {
    return (error as Error).message;
  }
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    return `cannot list ${path} (${(error as Error).message})`;
  }
  if (!names.includes(OPTIMIZER_FILE)) return `${join(path, OPTIMIZER_FILE)} is missing`;
  if (!names.some((n) => n.endsWith('.safetensors') && n !== OPTIMIZER_FILE))
    return `${path} holds no model safetensors file`;
  for (const name of names.filter((n) => n.endsWith('.safetensors')).sort()) {
    const problem = await safetensorsLengthProblem(join(path, name));
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Whether a safetensors file is shorter or longer than its header's last data offset says. */
async function safetensorsLengthProblem(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(8);
    if (size < 8 || (await handle.read(head, 0, 8, 0)).bytesRead < 8)
      return `${file}: ${size} bytes, too short for a safetensors header`;
    const headerLength = Number(head.readBigUInt64LE(0));
    if (headerLength > size - 8)
      return `${file}: truncated (header of ${headerLength} bytes, file of ${size})`;
    const header = Buffer.alloc(headerLength);
    await handle.read(header, 0, headerLength, 8);
    let entries: Record<string, { data_offsets?: [number, number] }>;
    try {
      entries = JSON.parse(header.toString('utf8'));
    } catch (error) {
      return `${file}: header is not valid JSON (${(error as Error).message})`;
    }
    let end = 0;
    for (const [key, entry] of Object.entries(entries))
      if (key !== '__metadata__') end = Math.max(end, entry?.data_offsets?.[1] ?? 0);
    const expected = 8 + headerLength + end;
    if (size !== expected) return `${file}: ${size} bytes, its header describes ${expected} (truncated?)`;
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Reads and checks `trainer_state.json` of a checkpoint folder without touching the weights. */
export async function readTrainerState(path: string): Promise<TrainerState> {
  const file = join(path, STATE_FILE);
  const state = (await readJsonFile(file, { what: 'trainer state' })) as TrainerState;
  if (state === null || typeof state !== 'object' || state.version !== 1)
    throw new CheckpointError(`${file}: version ${state?.version}, expected 1`);
  if (!Number.isInteger(state.step))
    throw new CheckpointError(`${file}: "step" is ${String(state.step)}, not an integer`);
  return state;
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
  const state = await readTrainerState(path);
  if (state.optimizer !== optimizer.name) {
    throw new CheckpointError(
      `${join(path, STATE_FILE)}: saved with optimizer "${state.optimizer}", resuming with "${optimizer.name}"`,
    );
  }
  const tensors = await readModelTensors(path);
  const vars = model.namedTrainableVariables();
  for (const [key, v] of vars) {
    const t = tensors.get(key);
    if (t === undefined)
      throw new CheckpointError(`${path}: trainable variable "${key}" is in no safetensors file`);
    if (!sameShape(t.shape, v.shape)) {
      throw new CheckpointError(`${path}: "${key}" has shape [${t.shape}], the model expects [${v.shape}]`);
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
