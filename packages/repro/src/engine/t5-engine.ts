import { join } from 'node:path';
import { derivePurposeSeed } from '@t5sql/common';
import {
  type TextToSqlRecord,
  type TokenizedExample,
  getTemplate,
  makeBatches,
  renderPrompt,
  tokenizeExamples,
} from '@t5sql/datasets';
import { applyMethod } from '@t5sql/peft';
import { readTablesFile } from '@t5sql/sql-eval';
import {
  type IncrementalSeq2Seq,
  T5ForConditionalGeneration,
  T5Tokenizer,
  evaluateLoss,
  selectBackendDetailed,
} from '@t5sql/t5-core';
import { describeConstraintStats } from '../constrain/describe-constraint-stats.js';
import { recordSchemas } from '../constrain/record-schemas.js';
import { ReproConfigError, ReproDataError } from '../errors.js';
import type { ProfileSpec } from '../experiments/profiles.js';
import type { ExperimentSpec, MetricName } from '../experiments/types.js';
import type { EngineOutput, EngineRunContext, ExperimentEngine } from '../runner/engine.js';
import { checkPaperRequirements } from './check-paper-requirements.js';
import { generatePredictions } from './generate-predictions.js';
import { loadExperimentData } from './load-experiment-data.js';
import { pretrainLocalModel, pretrainingCorpus } from './pretrain-local-model.js';
import { type DataLocations, resolveDataLocations } from './resolve-data.js';
import { scorePredictions } from './score-predictions.js';
import { trainModel } from './train-model.js';

/** Each metric of schema-constrained predictions and the metric it applies to them. */
const CONSTRAINED_METRICS: ReadonlyArray<readonly [MetricName, MetricName]> = [
  ['exact_match_constrained', 'exact_match'],
  ['execution_accuracy_constrained', 'execution_accuracy'],
];

/** Options of {@link T5Engine.create}. */
export interface T5EngineOptions {
  /** Data folder (`spider/`, `spider-as-gretel/`, `t5-small-tokenizer/`); absent: the hub. */
  dataDir?: string;
  /** tfjs backend (`cpu`, `wasm`, `tensorflow`, `tensorflow-gpu`, `webgpu`); default: `T5SQL_BACKEND`, else the best installed. */
  backend?: string;
  /** Generation and eval-loss batch size. Default 16 (wasm heap). */
  generationBatchSize?: number;
}

/**
 * The tfjs engine: runs one declared experiment end to end with the t5sql packages: loads and subsets the data
 * (@t5sql/datasets), builds the model (hub weights, or a local model pretrained here by span corruption and
 * cached), adapts it (@t5sql/peft), trains it (t5-core's Trainer), generates on the evaluation subset and scores
 * the predictions (@t5sql/metrics, @t5sql/sql-eval).
 *
 * @example
 * ```ts
 * const engine = await T5Engine.create({ dataDir: '../shared/data', backend: 'wasm' });
 * await runProfile({ profile: SMOKE_PROFILE, engine, resultsDir: 'results', cacheDir: '.cache', seed: 42 });
 * ```
 */
export class T5Engine implements ExperimentEngine {
  private constructor(
    readonly backend: string,
    private readonly backendCandidate: string,
    private readonly skipped: Array<{ name: string; reason: string }>,
    private readonly where: DataLocations,
    private readonly tokenizer: T5Tokenizer,
    private readonly generationBatchSize: number,
  ) {}

  /** Selects the tfjs backend, loads the tokenizer and locates the data. */
  static async create(options: T5EngineOptions = {}): Promise<T5Engine> {
    const selection = await selectBackendDetailed({ prefer: options.backend, quiet: true });
    const where = resolveDataLocations(options.dataDir);
    const tokenizer = await T5Tokenizer.fromPretrained(where.tokenizerDir ?? 't5-small');
    return new T5Engine(
      selection.candidate.backendName,
      selection.candidate.name,
      selection.skipped.map((s) => ({ name: s.candidate.name, reason: s.reason })),
      where,
      tokenizer,
      options.generationBatchSize ?? 16,
    );
  }

  async checkRequirements(profile: ProfileSpec): Promise<void> {
    if (profile.needsHubAndGpu) await checkPaperRequirements(this.backendCandidate, this.skipped);
  }

  /**
   * The `*_constrained` metrics: the evaluation set generated again under schema-constrained decoding
   * (PICARD-style, {@link SchemaConstraint}) and scored like the free predictions. Empty when none is asked for.
   */
  private async scoreConstrained(
    spec: ExperimentSpec,
    model: IncrementalSeq2Seq,
    examples: readonly TokenizedExample[],
    records: readonly TextToSqlRecord[],
    ctx: EngineRunContext,
  ): Promise<Partial<Record<MetricName, number>>> {
    const wanted = CONSTRAINED_METRICS.filter(([constrained]) => spec.metrics.includes(constrained));
    if (wanted.length === 0) return {};
    if (!this.where.spiderDir)
      throw new ReproDataError(`${spec.id}: constrained metrics need the Spider databases`);
    const tables = readTablesFile(join(this.where.spiderDir, 'tables.json'));
    const predictions = await generatePredictions(model, this.tokenizer, examples, {
      batchSize: this.generationBatchSize,
      maxNewTokens: spec.hyper.maxNewTokens,
      numBeams: spec.hyper.numBeams,
      sqlEncoding: getTemplate(spec.dataset.promptTemplate, { sqlEncoding: spec.dataset.sqlEncoding })
        .sqlEncoding,
      constrain: {
        schemas: recordSchemas(records, tables),
        onStats: (stats) => ctx.log(describeConstraintStats(stats)),
      },
      progress: (total) => ctx.progress(`generate ${spec.id} (constrained)`, total),
    });
    const free = await scorePredictions(
      predictions,
      records,
      wanted.map(([, plain]) => plain),
      this.where.spiderDir,
    );
    return Object.fromEntries(wanted.map(([constrained, plain]) => [constrained, free[plain]]));
  }

  async runExperiment(spec: ExperimentSpec, ctx: EngineRunContext): Promise<EngineOutput> {
    const { seed } = ctx;
    const data = await loadExperimentData(spec.dataset, this.where, seed);
    ctx.log(data.description);

    // Base model: hub weights, or a local stand-in pretrained here (cached across runs).
    let base: T5ForConditionalGeneration;
    let modelDescription: string;
    if (spec.model.startsWith('local:')) {
      const local = Object.values(ctx.profile.localModels).find((m) => m.id === spec.model);
      if (!local)
        throw new ReproConfigError(
          `${spec.id}: profile ${ctx.profile.name} declares no local model "${spec.model}"`,
        );
      const pretrained = await pretrainLocalModel(local, pretrainingCorpus(data.trainAll), this.tokenizer, {
        seed,
        cacheDir: ctx.cacheDir,
        progress: ctx.progress,
        memory: ctx.memory,
        log: ctx.log,
      });
      base = await T5ForConditionalGeneration.fromPretrained(pretrained.dir);
      modelDescription = pretrained.description;
    } else {
      base = await T5ForConditionalGeneration.fromPretrained(spec.model);
      modelDescription = `${spec.model} (hub weights)`;
    }

    const adapted = await applyMethod(base, spec.method, derivePurposeSeed(seed, 'init', spec.id, 'adapter'));
    try {
      const template = getTemplate(spec.dataset.promptTemplate, { sqlEncoding: spec.dataset.sqlEncoding });
      const { sqlEncoding } = template;
      const { maxSourceLength, maxTargetLength } = spec.hyper;
      const tokenize = { tokenizer: this.tokenizer, template, maxSourceLength, maxTargetLength };
      const train = tokenizeExamples(data.train, tokenize);
      const evalSet = tokenizeExamples(data.eval, tokenize);
      const lengths =
        `${spec.dataset.promptTemplate.includes('{') ? 'question-first prompt' : `prompt "${spec.dataset.promptTemplate}"`}, ≤${spec.hyper.maxSourceLength} source / ≤${spec.hyper.maxTargetLength} ` +
        `target tokens (${train.truncation.truncatedEither} train, ${evalSet.truncation.truncatedEither} eval examples truncated), ` +
        `SQL targets ${sqlEncoding === 'none' ? 'as written' : `in the ${sqlEncoding} encoding`}`;

      let lossCurve: EngineOutput['lossCurve'] = [];
      let trainSeconds = 0;
      if (adapted.trains) {
        const outcome = await trainModel(adapted.model, train.examples, {
          hyper: spec.hyper,
          dropoutSeed: derivePurposeSeed(seed, 'dropout', spec.id),
          dataSeed: derivePurposeSeed(seed, 'data', spec.id, 'order'),
          progress: (total) => ctx.progress(`train ${spec.id}`, total),
          memory: ctx.memory,
        });
        lossCurve = outcome.lossCurve;
        trainSeconds = outcome.seconds;
        if (spec.method.kind !== 'full') await adapted.model.saveTrainable(join(ctx.outDir, 'adapter'));
      }

      const evalStart = performance.now();
      // Row-weighted mean over the evaluation batches (HF's eval_loss); NaN for an empty set, as before.
      const loss =
        evalSet.examples.length > 0
          ? await evaluateLoss(
              adapted.model,
              makeBatches(evalSet.examples, {
                batchSize: this.generationBatchSize,
                padTokenId: this.tokenizer.padTokenId,
                shuffle: false,
              }),
            )
          : Number.NaN;
      const predictions = await generatePredictions(adapted.model, this.tokenizer, evalSet.examples, {
        batchSize: this.generationBatchSize,
        maxNewTokens: spec.hyper.maxNewTokens,
        numBeams: spec.hyper.numBeams,
        sqlEncoding,
        progress: (total) => ctx.progress(`generate ${spec.id}`, total),
      });
      const metrics = await scorePredictions(predictions, data.eval, spec.metrics, this.where.spiderDir);
      Object.assign(
        metrics,
        await this.scoreConstrained(spec, adapted.model, evalSet.examples, data.eval, ctx),
      );
      const evalSeconds = (performance.now() - evalStart) / 1000;
      return {
        modelDescription,
        methodDescription: adapted.description,
        dataDescription: `${data.description}; ${lengths}`,
        metrics,
        trainableParams: adapted.trainableParams,
        totalParams: adapted.totalParams,
        lossCurve,
        evalLoss: loss,
        samples: data.eval.slice(0, 5).map((r, i) => ({
          input: renderPrompt(template, r).source,
          reference: r.sql,
          prediction: predictions[i],
        })),
        datasets: [data.fingerprint],
        trainSeconds,
        evalSeconds,
      };
    } finally {
      // The PEFT wrapper and the quantized layers live inside `base`: disposing it frees everything.
      base.dispose();
    }
  }
}
