import { SpiderSchemaError, SqlEvalUsageError } from '../errors.js';
import { type Hardness, evalHardness } from '../hardness/hardness.js';
import { type ByHardness, LEVELS, type Level, scoreByHardness } from '../hardness/level-scores.js';
import { buildForeignKeyMap } from '../parse/foreign-key-map.js';
import { parseSpiderSql } from '../parse/parse-sql.js';
import { type SpiderSchema, type SpiderTableEntry, buildSchema } from '../parse/spider-schema.js';
import { type SpiderSql, emptySql } from '../parse/sql-types.js';
import { evalExactMatch } from './eval-exact-match.js';
import { normalizeSql } from './normalize-sql.js';
import { PARTIAL_COMPONENTS, type PartialComponent, type PartialScores } from './partial-match.js';

/** Inputs of {@link spiderExactSetMatch}: parallel arrays, one entry per example. */
export interface ExactSetMatchInput {
  predictions: readonly string[];
  golds: readonly string[];
  dbIds: readonly string[];
  /** The entries of Spider's `tables.json` (at least those of the `dbIds`). */
  tables: readonly SpiderTableEntry[];
}

/** Aggregated accuracy / recall / F1 of one component for one level, as the official report prints them. */
export interface AggregatedComponent {
  acc: number;
  rec: number;
  f1: number;
}

/** Result of {@link spiderExactSetMatch}. */
export interface ExactSetMatchReport {
  /** Exact-set-match accuracy over all examples. */
  score: number;
  /** 1 or 0 per example, in input order. */
  perExample: number[];
  byHardness: ByHardness;
  /** Hardness of each gold query (`null` where the gold itself does not parse). */
  hardness: Array<Hardness | null>;
  /** Per level, per component: the official partial-matching accuracy, recall and F1. */
  partial: Record<Level, Record<PartialComponent, AggregatedComponent>>;
  /** Per example, the official component scores (`null` where the gold does not parse). */
  perExamplePartial: Array<PartialScores | null>;
  /** How many predictions did not parse (each scored 0, as the official empty query). */
  parseErrors: number;
  /** Indices of the predictions that did not parse. */
  parseErrorIndices: number[];
  /** Indices of gold queries that did not parse (the official script would stop; here they score 0). */
  goldParseErrorIndices: number[];
}

interface DbContext {
  schema: SpiderSchema;
  fkMap: Map<string, string>;
}

/**
 * Spider exact-set match as the official `evaluation.py --etype match` computes it: gold and prediction are parsed
 * against the schema, values and DISTINCT are disregarded, foreign-key columns are merged, and each clause is
 * compared as a set. Unparseable predictions score 0 and are counted, never thrown.
 *
 * @example
 * const tables = JSON.parse(readFileSync('spider/tables.json', 'utf8'));
 * const r = spiderExactSetMatch({
 *   predictions: ['select count(*) from singer'],
 *   golds: ['SELECT count(*) FROM singer'],
 *   dbIds: ['concert_singer'],
 *   tables,
 * });
 * r.score; // 1
 * r.byHardness.easy; // { count: 1, score: 1 }
 */
export function spiderExactSetMatch(input: ExactSetMatchInput): ExactSetMatchReport {
  const { predictions, golds, dbIds } = input;
  if (predictions.length !== golds.length || golds.length !== dbIds.length) {
    throw new SqlEvalUsageError(
      `spiderExactSetMatch: predictions (${predictions.length}), golds (${golds.length}) and dbIds (${dbIds.length}) must have the same length`,
    );
  }
  const entries = new Map(input.tables.map((t) => [t.db_id, t]));
  const contexts = new Map<string, DbContext>();
  const context = (dbId: string, index: number): DbContext => {
    let ctx = contexts.get(dbId);
    if (ctx === undefined) {
      const entry = entries.get(dbId);
      if (entry === undefined)
        throw new SpiderSchemaError(
          `spiderExactSetMatch: example ${index}: db_id "${dbId}" is not in tables`,
        );
      ctx = { schema: buildSchema(entry), fkMap: buildForeignKeyMap(entry) };
      contexts.set(dbId, ctx);
    }
    return ctx;
  };

  const perExample: number[] = [];
  const hardness: Array<Hardness | null> = [];
  const perExamplePartial: Array<PartialScores | null> = [];
  const parseErrorIndices: number[] = [];
  const goldParseErrorIndices: number[] = [];

  predictions.forEach((prediction, i) => {
    const { schema, fkMap } = context(dbIds[i], i);
    let gold: SpiderSql;
    let level: Hardness;
    try {
      gold = parseSpiderSql(schema, golds[i]);
      level = evalHardness(gold);
    } catch {
      goldParseErrorIndices.push(i);
      perExample.push(0);
      hardness.push(null);
      perExamplePartial.push(null);
      return;
    }
    hardness.push(level);
    let pred: SpiderSql;
    try {
      pred = parseSpiderSql(schema, prediction);
    } catch {
      parseErrorIndices.push(i);
      pred = emptySql();
    }
    let result: ReturnType<typeof evalExactMatch>;
    try {
      result = evalExactMatch(normalizeSql(pred, schema, fkMap), normalizeSql(gold, schema, fkMap));
    } catch {
      // The official script crashes here (Python cannot sort two different FROM sub-queries): score 0.
      result = evalExactMatch(normalizeSql(emptySql(), schema, fkMap), normalizeSql(gold, schema, fkMap));
      result.exact = 0;
    }
    perExample.push(result.exact);
    perExamplePartial.push(result.partial);
  });

  const byHardness = scoreByHardness(perExample, hardness);
  return {
    score: byHardness.all.score,
    perExample,
    byHardness,
    hardness,
    partial: aggregatePartial(perExamplePartial, hardness),
    perExamplePartial,
    parseErrors: parseErrorIndices.length,
    parseErrorIndices,
    goldParseErrorIndices,
  };
}

/** The official aggregation: accuracy over examples whose prediction has the component, recall over golds that do. */
function aggregatePartial(
  perExample: ReadonlyArray<PartialScores | null>,
  hardness: ReadonlyArray<Hardness | null>,
): Record<Level, Record<PartialComponent, AggregatedComponent>> {
  type Acc = { acc: number; rec: number; accCount: number; recCount: number };
  const sums = Object.fromEntries(
    LEVELS.map((l) => [
      l,
      Object.fromEntries(PARTIAL_COMPONENTS.map((c) => [c, { acc: 0, rec: 0, accCount: 0, recCount: 0 }])),
    ]),
  ) as Record<Level, Record<PartialComponent, Acc>>;
  perExample.forEach((scores, i) => {
    const h = hardness[i];
    if (scores === null || h === null) return;
    for (const level of [h, 'all'] as const) {
      for (const c of PARTIAL_COMPONENTS) {
        const s = scores[c];
        const t = sums[level][c];
        if (s.pred_total > 0) {
          t.acc += s.acc;
          t.accCount += 1;
        }
        if (s.label_total > 0) {
          t.rec += s.rec;
          t.recCount += 1;
        }
      }
    }
  });
  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const h of hardness) {
    counts.all += 1;
    if (h !== null) counts[h] += 1;
  }
  const out = {} as Record<Level, Record<PartialComponent, AggregatedComponent>>;
  for (const level of LEVELS) {
    out[level] = {} as Record<PartialComponent, AggregatedComponent>;
    for (const c of PARTIAL_COMPONENTS) {
      const t = sums[level][c];
      const acc = t.accCount === 0 ? 0 : t.acc / t.accCount;
      const rec = t.recCount === 0 ? 0 : t.rec / t.recCount;
      // The official report prints F1 = 1 when both are 0, but leaves a level without examples at 0.
      const f1 = counts[level] === 0 ? 0 : acc === 0 && rec === 0 ? 1 : (2 * acc * rec) / (acc + rec);
      out[level][c] = { acc, rec, f1 };
    }
  }
  return out;
}
