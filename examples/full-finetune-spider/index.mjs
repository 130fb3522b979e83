// Full fine-tuning of T5 on Spider: every weight trains, then the model generates SQL for the dev set and is
// scored with ROUGE (as Hugging Face evaluate computes it) and Spider's execution accuracy.
//
//   npm start -- --data ./data             t5-small from the hub, 1,000 Spider records, 2 epochs
//   npm run smoke                          a tiny random model on a few records: checks the setup in seconds
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  decodeSqlTarget,
  getTemplate,
  loadSpider,
  makeBatches,
  renderPrompt,
  selectSubset,
  tokenizeExamples,
} from '@t5sql/datasets';
import { rouge } from '@t5sql/metrics';
import { executionAccuracy } from '@t5sql/sql-eval';
import {
  T5ForConditionalGeneration,
  T5Tokenizer,
  Trainer,
  generateSequences,
  selectBackend,
} from '@t5sql/t5-core';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean' },
    data: { type: 'string' },
    model: { type: 'string', default: 't5-small' },
    output: { type: 'string', default: 'out/t5-spider' },
  },
});
const dataDir = values.data ?? process.env.T5SQL_DATA_DIR;
if (!dataDir) {
  console.error('Give --data <folder containing spider/> (or set T5SQL_DATA_DIR).');
  process.exit(2);
}
const smoke = values.smoke === true;
const size = smoke
  ? { train: 16, eval: 4, epochs: 1, maxSteps: 2, batch: 4, src: 96, tgt: 48, newTokens: 8 }
  : { train: 1000, eval: 100, epochs: 2, maxSteps: undefined, batch: 8, src: 512, tgt: 128, newTokens: 128 };

await selectBackend(); // tfjs-node-gpu > tfjs-node > wasm > cpu, or T5SQL_BACKEND
const seed = 42;
// --smoke: a tiny randomly initialised T5 with the real tokenizer, so no download is needed.
const tokenizer = await T5Tokenizer.fromPretrained(
  smoke ? join(dataDir, 't5-small-tokenizer') : values.model,
);
const model = smoke
  ? await T5ForConditionalGeneration.fromConfig(
      {
        d_model: 32,
        d_ff: 64,
        d_kv: 8,
        num_heads: 4,
        num_layers: 1,
        num_decoder_layers: 1,
        vocab_size: 32128,
      },
      { seed },
    )
  : await T5ForConditionalGeneration.fromPretrained(values.model);

const spider = join(dataDir, 'spider');
const sample = (records, count) => selectSubset(records, { count, mode: 'sample', seed });
const train = sample(
  (await loadSpider({ dir: spider, split: 'train', schemaFormat: 'compact' })).records,
  size.train,
);
const dev = sample(
  (await loadSpider({ dir: spider, split: 'dev', schemaFormat: 'compact' })).records,
  size.eval,
);
const template = getTemplate('t5-instruct');
const tokenize = (records) =>
  tokenizeExamples(records, { tokenizer, template, maxSourceLength: size.src, maxTargetLength: size.tgt })
    .examples;

const trainer = new Trainer(model, {
  learningRate: 5e-3,
  epochs: size.epochs,
  maxSteps: size.maxSteps,
  seed,
});
const trainExamples = tokenize(train);
await trainer.train({
  trainBatches: (epoch) => makeBatches(trainExamples, { batchSize: size.batch, padTokenId: 0, seed, epoch }),
});
trainer.dispose();
await model.savePretrained(values.output);

const prompts = dev.map((r) => renderPrompt(template, r).source);
const batch = tokenizer.encodeBatch(prompts, { maxLength: size.src });
const sequences = await generateSequences(model, batch.inputIds, {
  attentionMask: batch.attentionMask,
  maxNewTokens: size.newTokens,
});
// The targets were in the template's T5 target encoding (`<` is written `#lt`): decode the ids without the
// tokenizer's clean-up, then undo the encoding.
const predictions = tokenizer
  .batchDecode(sequences, { skipSpecialTokens: true, cleanUpTokenizationSpaces: false })
  .map((s) => decodeSqlTarget(s, template.sqlEncoding));
const references = dev.map((r) => r.sql);
const scores = rouge({ predictions, references });
const exec = await executionAccuracy({
  predictions,
  golds: references,
  dbIds: dev.map((r) => r.dbId),
  databaseDir: join(spider, 'database'),
});
console.log(
  JSON.stringify(
    {
      model: smoke ? 'tiny random T5 (smoke)' : values.model,
      saved: values.output,
      ...scores,
      execution_accuracy: exec.score,
    },
    null,
    2,
  ),
);
model.dispose();
