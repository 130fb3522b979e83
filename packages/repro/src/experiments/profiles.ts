// Profiles decide how big each declared experiment runs: `paper` as reported, `local` scaled to a 2-core CPU in
// about half an hour, `smoke` in minutes for CI. The declarations themselves never change.
import { MODEL_CONFIGS } from '@t5sql/peft';
import type { T5ConfigJson } from '@t5sql/t5-core';
import { ReproConfigError } from '../errors.js';
import type { ExperimentSpec } from './types.js';

/** A model the harness builds and pretrains itself (same architecture and tokenizer as the reported one). */
export interface LocalModelSpec {
  /** `local:<name>`, also the cache key prefix. */
  id: string;
  /** The reported model it stands in for. */
  standsFor: string;
  config: T5ConfigJson;
  pretrain: PretrainSpec;
}

/** Span-corruption pretraining of a local model on the training text. */
export interface PretrainSpec {
  steps: number;
  batchSize: number;
  learningRate: number;
  /** Raw tokens per example before corruption (T5 packs its corpus into fixed-length chunks). */
  chunkLength: number;
  noiseDensity: number;
  meanNoiseSpanLength: number;
}

/** A profile: a name, what it needs, and how it maps each declared experiment onto this machine. */
export interface ProfileSpec {
  name: 'paper' | 'local' | 'smoke';
  description: string;
  /** Needs hub weights and a GPU tfjs backend (the `paper` profile). */
  needsHubAndGpu: boolean;
  /** Local stand-ins by reported model id; absent for `paper`. */
  localModels: Readonly<Record<string, LocalModelSpec>>;
  scale(spec: ExperimentSpec): ExperimentSpec;
}

function localConfig(base: T5ConfigJson, dims: Partial<T5ConfigJson>): T5ConfigJson {
  return { ...base, ...dims };
}

const MINI_DIMS = { d_model: 128, d_ff: 512, d_kv: 32, num_heads: 4, num_layers: 2, num_decoder_layers: 2 };
const TINY_DIMS = { d_model: 32, d_ff: 64, d_kv: 8, num_heads: 4, num_layers: 1, num_decoder_layers: 1 };

const LOCAL_PRETRAIN: PretrainSpec = {
  steps: 300,
  batchSize: 16,
  learningRate: 3e-3,
  chunkLength: 64,
  noiseDensity: 0.15,
  meanNoiseSpanLength: 3,
};

const SMOKE_PRETRAIN: PretrainSpec = { ...LOCAL_PRETRAIN, steps: 4, batchSize: 4, chunkLength: 32 };

function localModels(dims: Partial<T5ConfigJson>, pretrain: PretrainSpec, suffix: string) {
  return {
    't5-small': {
      id: `local:t5-${suffix}`,
      standsFor: 't5-small',
      config: localConfig(MODEL_CONFIGS['t5-small'], dims),
      pretrain,
    },
    'google/flan-t5-large': {
      id: `local:flan-t5-${suffix}`,
      standsFor: 'google/flan-t5-large',
      config: localConfig(MODEL_CONFIGS['google/flan-t5-large'], dims),
      pretrain,
    },
  } satisfies Record<string, LocalModelSpec>;
}

/**
 * Question-first versions of the reported prompt templates. The local and smoke profiles cut prompts to a few
 * hundred tokens for speed; the reported templates put the schema first, so cutting them would drop the
 * question. These keep the wording and move the question ahead of the schema (a cut then drops schema tail).
 */
export const QUESTION_FIRST_TEMPLATES: Readonly<Record<string, string>> = {
  't5-instruct': 'translate English to SQL: question: {question} tables: {context} SQL:',
  'flan-t5':
    'Write the SQL query that answers the question, given the database schema below.\n\nQuestion: {question}\n\n' +
    'Schema:\n{context}\n\nSQL:',
};

function questionFirst(template: string): string {
  return QUESTION_FIRST_TEMPLATES[template] ?? template;
}

/** `all` or a number, scaled by `factor` and clamped to at least `min`. */
function scaleSize(size: number | 'all', factor: number, min: number, cap: number): number {
  const base = size === 'all' ? cap : size;
  return Math.max(min, Math.round(base * factor));
}

const LOCAL_MODELS = localModels(MINI_DIMS, LOCAL_PRETRAIN, 'mini');
const SMOKE_MODELS = localModels(TINY_DIMS, SMOKE_PRETRAIN, 'tiny');

/** The reported configurations, unchanged. Needs hub weights and a GPU backend (WebGPU or tfjs-node-gpu). */
export const PAPER_PROFILE: ProfileSpec = {
  name: 'paper',
  description: 'The reported configurations exactly: hub checkpoints, full data sizes, GPU backend.',
  needsHubAndGpu: true,
  localModels: {},
  scale: (spec) => spec,
};

/**
 * The same experiments sized for a 2-core CPU in about half an hour: small local T5 models pretrained here by
 * span corruption, 1/25 of Table B's reported training records (ratios between rows kept), short sequences.
 */
export const LOCAL_PROFILE: ProfileSpec = {
  name: 'local',
  description:
    'Every experiment scaled to a 2-core CPU (wasm backend): a small T5 with the real tokenizer, pretrained here by ' +
    'span corruption, fine-tuned on subsets.',
  needsHubAndGpu: false,
  localModels: LOCAL_MODELS,
  scale: (spec) => ({
    ...spec,
    model: LOCAL_MODELS[spec.model as keyof typeof LOCAL_MODELS]?.id ?? spec.model,
    dataset: {
      ...spec.dataset,
      // Table A trains on all of Spider's train split at paper scale; here a 1,000-record subset. Table B keeps
      // the reported ratios (20k : 60k : 1k) at 1/25: 800, 2,400 and 40 records.
      trainSize: spec.table === 'table-a' ? 1_000 : scaleSize(spec.dataset.trainSize, 1 / 25, 40, 20_000),
      evalSize: 100,
      promptTemplate: questionFirst(spec.dataset.promptTemplate),
    },
    hyper: {
      ...spec.hyper,
      // Table A keeps the reported 2 epochs at 5e-3; Table B's runs take one epoch (full fine-tuning, on 1/20
      // of LoRA's records as reported, three).
      epochs: spec.table === 'table-a' ? spec.hyper.epochs : spec.method.kind === 'full' ? 3 : 1,
      // Batch 8: the wasm backend's heap (2 GB) does not hold the backward pass of a 32,128-way softmax over
      // 16 × 96 target positions.
      batchSize: 8,
      maxSourceLength: 192,
      maxTargetLength: 96,
      maxNewTokens: 96,
      numBeams: 1,
      learningRate:
        spec.table === 'table-a'
          ? spec.hyper.learningRate
          : spec.method.kind === 'full'
            ? 2e-3
            : spec.method.kind === 'prefix'
              ? 3e-2
              : 5e-3,
    },
  }),
};

/** Every experiment end to end on a few dozen examples, in minutes, with a tiny model: for CI. */
export const SMOKE_PROFILE: ProfileSpec = {
  name: 'smoke',
  description:
    'Every experiment end to end on a few dozen examples with a tiny model: checks the pipeline, not quality.',
  needsHubAndGpu: false,
  localModels: SMOKE_MODELS,
  scale: (spec) => ({
    ...spec,
    model: SMOKE_MODELS[spec.model as keyof typeof SMOKE_MODELS]?.id ?? spec.model,
    dataset: {
      ...spec.dataset,
      trainSize: spec.dataset.trainSize === 60_000 ? 48 : 16,
      evalSize: 8,
      promptTemplate: questionFirst(spec.dataset.promptTemplate),
    },
    hyper: {
      ...spec.hyper,
      epochs: 1,
      maxSteps: 3,
      batchSize: 4,
      maxSourceLength: 64,
      maxTargetLength: 32,
      maxNewTokens: 16,
      numBeams: 1,
    },
  }),
};

/** All profiles by name. */
export const PROFILES: Readonly<Record<string, ProfileSpec>> = {
  paper: PAPER_PROFILE,
  local: LOCAL_PROFILE,
  smoke: SMOKE_PROFILE,
};

/** Looks up a profile; the error lists the valid names. */
export function getProfile(name: string): ProfileSpec {
  const p = PROFILES[name];
  if (!p)
    throw new ReproConfigError(
      `unknown profile "${name}": expected one of ${Object.keys(PROFILES).join(', ')}`,
    );
  return p;
}
