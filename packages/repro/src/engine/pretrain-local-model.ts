import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Mulberry32,
  type ProgressReporter,
  derivePurposeSeed,
  readJsonFileSync,
  writeFolderAtomic,
  writeJsonAtomicSync,
} from '@t5sql/common';
import type { TextToSqlRecord, TokenizedExample } from '@t5sql/datasets';
import { T5ForConditionalGeneration, type T5Tokenizer } from '@t5sql/t5-core';
import { ReproConfigError } from '../errors.js';
import type { LocalModelSpec } from '../experiments/profiles.js';
import type { LossPoint } from '../experiments/result.js';
import type { MemoryTracker } from '../manifest/memory-tracker.js';
import { packTokenStreams, spanCorrupt } from '../pretrain/span-corruption.js';
import { trainModel } from './train-model.js';

/** A pretrained local model on disk. */
export interface PretrainedLocalModel {
  dir: string;
  /** In words: size and how it was pretrained. */
  description: string;
  lossCurve: LossPoint[];
  /** True when it was loaded from the cache rather than trained now. */
  cached: boolean;
}

/** The pretraining corpus: every distinct question, SQL query and schema text of the training split. */
export function pretrainingCorpus(records: readonly TextToSqlRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const text of [r.question, r.sql, r.context]) if (text) seen.add(text);
  return [...seen];
}

function describe(spec: LocalModelSpec): string {
  const c = spec.config;
  const p = spec.pretrain;
  return (
    `${spec.id} (stands for ${spec.standsFor}: ${c.feed_forward_proj}, ${c.tie_word_embeddings ? 'tied' : 'untied'} ` +
    `embeddings; d_model ${c.d_model}, d_ff ${c.d_ff}, ${c.num_heads} heads, ${c.num_layers}+${c.num_decoder_layers} ` +
    `layers; t5-small tokenizer) pretrained here by span corruption (15% noise, mean span 3) for ${p.steps} steps ` +
    `of ${p.batchSize} × ${p.chunkLength} tokens`
  );
}

/**
 * Returns the local model for `spec`, pretrained with T5's span-corruption objective on `corpus` and cached in
 * `cacheDir` under a key of its config, pretraining settings, seed and corpus; a cache hit skips training. The
 * model folder is written under a temporary name and renamed, so an interrupted run never leaves a half model.
 */
export async function pretrainLocalModel(
  spec: LocalModelSpec,
  corpus: readonly string[],
  tokenizer: T5Tokenizer,
  options: {
    seed: number;
    cacheDir: string;
    progress?: (label: string, total: number) => ProgressReporter;
    memory?: MemoryTracker;
    log?: (m: string) => void;
  },
): Promise<PretrainedLocalModel> {
  const corpusHash = createHash('sha256').update(corpus.join('\u0000')).digest('hex');
  const key = createHash('sha256')
    .update(JSON.stringify({ config: spec.config, pretrain: spec.pretrain, seed: options.seed, corpusHash }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(options.cacheDir, `${spec.id.replace(/[^a-z0-9-]+/gi, '_')}-${key}`);
  const description = describe(spec);
  if (existsSync(join(dir, 'pretrain.json'))) {
    const saved = readJsonFileSync(join(dir, 'pretrain.json')) as { lossCurve: LossPoint[] };
    options.log?.(`${spec.id}: pretrained model from cache ${dir}`);
    return { dir, description, lossCurve: saved.lossCurve, cached: true };
  }
  options.log?.(
    `${spec.id}: pretraining by span corruption (${spec.pretrain.steps} steps), cached afterwards in ${dir}`,
  );
  const p = spec.pretrain;
  // Corpus order is shuffled once from the seed, then packed into fixed-length chunks as T5 does.
  const order = new Mulberry32(derivePurposeSeed(options.seed, 'pretrain', spec.id, 'order')).shuffle(corpus);
  const chunks = packTokenStreams(
    order.map((t) => tokenizer.encode(t).slice(0, -1)),
    p.chunkLength,
  );
  if (chunks.length === 0)
    throw new ReproConfigError(
      `${spec.id}: pretraining corpus is shorter than one ${p.chunkLength}-token chunk`,
    );
  const firstSentinelId = tokenizer.tokenToId('<extra_id_0>');
  if (firstSentinelId === undefined)
    throw new ReproConfigError('tokenizer has no <extra_id_0>: T5 span corruption needs sentinels');
  // Each epoch corrupts every chunk afresh (new spans), as T5's pipeline does per pass.
  const examplesForEpoch = (epoch: number): TokenizedExample[] => {
    const rng = new Mulberry32(derivePurposeSeed(options.seed, 'pretrain', spec.id, 'noise', epoch));
    return chunks.map((chunk, i) => {
      const ex = spanCorrupt(chunk, rng, {
        noiseDensity: p.noiseDensity,
        meanNoiseSpanLength: p.meanNoiseSpanLength,
        firstSentinelId,
        eosId: tokenizer.eosTokenId,
      });
      return {
        id: `chunk-${i}`,
        inputIds: ex.inputIds,
        labels: ex.labels,
        sourceLength: ex.inputIds.length,
        targetLength: ex.labels.length,
      };
    });
  };
  const model = await T5ForConditionalGeneration.fromConfig(spec.config, {
    seed: derivePurposeSeed(options.seed, 'init', spec.id),
  });
  try {
    const outcome = await trainModel(model, examplesForEpoch(0), {
      hyper: {
        epochs: Math.ceil((p.steps * p.batchSize) / chunks.length),
        maxSteps: p.steps,
        learningRate: p.learningRate,
        batchSize: p.batchSize,
        optimizer: 'adamw',
        schedule: 'linear',
        warmupSteps: Math.round(p.steps * 0.05),
        weightDecay: 0,
        maxSourceLength: p.chunkLength,
        maxTargetLength: p.chunkLength,
        maxNewTokens: 0,
        numBeams: 1,
      },
      dropoutSeed: derivePurposeSeed(options.seed, 'dropout', spec.id, 'pretrain'),
      dataSeed: derivePurposeSeed(options.seed, 'data', spec.id, 'pretrain'),
      examplesForEpoch,
      progress: options.progress ? (total) => options.progress!(`pretrain ${spec.id}`, total) : undefined,
      memory: options.memory,
    });
    await writeFolderAtomic(dir, async (tmp) => {
      await model.savePretrained(tmp);
      writeJsonAtomicSync(join(tmp, 'pretrain.json'), {
        spec,
        seed: options.seed,
        corpusHash,
        corpusTexts: corpus.length,
        chunks: chunks.length,
        seconds: outcome.seconds,
        lossCurve: outcome.lossCurve,
      });
    });
    return { dir, description, lossCurve: outcome.lossCurve, cached: false };
  } finally {
    model.dispose();
  }
}
