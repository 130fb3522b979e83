/** @t5sql/datasets: Spider, Gretel synthetic_text_to_sql and sql-create-context: loaders, schema-aware prompts, tokenized batches. */
export { type Seq2SeqArrayBatch, LABEL_PAD_ID, collate } from './batching/collate.js';
export { type BatchOptions, epochOrder, makeBatches } from './batching/make-batches.js';
export type { TextTokenizer } from './batching/text-tokenizer.js';
export {
  type TokenizeOptions,
  type TokenizedExample,
  type TruncationReport,
  tokenizeExamples,
  truncateIds,
} from './batching/tokenize-examples.js';
export {
  DatasetError,
  type DatasetErrorLocation,
  DatasetOptionError,
  DatasetsError,
} from './errors/index.js';
export {
  GRETEL_COLUMNS,
  GRETEL_REPO_ID,
  type GretelRecord,
  type GretelSplit,
  type LoadGretelOptions,
  gretelFileName,
  loadGretel,
} from './gretel/load-gretel.js';
export { readJsonArray, readJsonFile } from './io/read-json-file.js';
export { DATASET_NAMES, type DatasetSpec, loadDataset } from './load-dataset.js';
export { type ParquetRow, readParquetRows } from './io/read-parquet-rows.js';
export type { DatasetSource } from './io/resolve-dataset-file.js';
export {
  BUILTIN_TEMPLATES,
  type GetTemplateOptions,
  type PromptTemplate,
  getTemplate,
  renderPrompt,
} from './prompts/index.js';
export { type SubsetOptions, selectSubset } from './sampling/select-subset.js';
export { type SplitOptions, trainValidationSplit } from './sampling/train-validation-split.js';
export {
  type LoadSpiderOptions,
  SPIDER_SPLIT_FILES,
  type SpiderRecord,
  type SpiderSplit,
  loadSpider,
} from './spider/load-spider.js';
export { type SampleValueOptions, readSampleValues } from './spider/sample-values.js';
export {
  type SchemaFormat,
  type SerializeSchemaOptions,
  type TableSamples,
  serializeSchema,
} from './spider/serialize-schema.js';
export {
  type SpiderColumn,
  type SpiderSchema,
  type SpiderTable,
  loadSpiderTables,
  parseSpiderSchema,
} from './spider/spider-schema.js';
export {
  type LoadSqlCreateContextOptions,
  SQL_CREATE_CONTEXT_FILE,
  SQL_CREATE_CONTEXT_REPO_ID,
  loadSqlCreateContext,
} from './sql-create-context/load-sql-create-context.js';
export {
  type DataStats,
  type DataStatsOptions,
  type LengthStats,
  computeDataStats,
} from './stats/compute-data-stats.js';
export { formatDataStats } from './stats/format-data-stats.js';
export { percentile } from './stats/percentile.js';
export {
  DEFAULT_SQL_TARGET_ENCODING,
  SQL_TARGET_ENCODINGS,
  type SqlSegment,
  type SqlTargetEncoding,
  assertSqlTargetEncoding,
  T5_ESCAPE_CODES,
  T5_ESCAPE_MARK,
  T5_SAFE_CHARACTERS,
  canonicalSqlSpacing,
  decodeSqlTarget,
  encodeSqlTarget,
  escapeForT5,
  flushT5Pending,
  splitSqlSegments,
  t5PendingCompletions,
  t5PendingSpellings,
  unescapeFromT5,
  unescapeT5Chunk,
} from './target-encoding/index.js';
export {
  type BadRowPolicy,
  type LoadedDataset,
  type SkippedRow,
  type TextToSqlRecord,
  handleBadRow,
} from './types.js';
