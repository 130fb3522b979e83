// Prefix tuning: the base model stays frozen and 20 trainable key/value vectors are prepended to every decoder
// self-attention layer (PEFT's PrefixTuningConfig; about 0.12% of Flan-T5-large's parameters). Same data and
// metrics as the LoRA example.
//
//   npm start -- --data ./data        google/flan-t5-small from the hub, 2,000 records
//   npm start                         the same with gretelai/synthetic_text_to_sql downloaded from the hub
//   npm run smoke                     a tiny random model on a few records: checks the setup in seconds
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  decodeSqlTarget,
  getTemplate,
  loadGretel,
  makeBatches,
  renderPrompt,
  selectSubset,
  tokenizeExamples,
} from '@t5sql/datasets';
import { bleu, googleBleu, meteor, rouge } from '@t5sql/metrics';
import { getPeftModel } from '@t5sql/peft';
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
    model: { type: 'string', default: 'google/flan-t5-small' },
    output: { type: 'string', default: 'out/flan-prefix' },
  },
});
const dataDir = values.data ?? process.env.T5SQL_DATA_DIR;
const smoke = values.smoke === true;
if (smoke && !dataDir) {
  console.error('--smoke reads local files: give --data <folder> (or set T5SQL_DATA_DIR).');
  process.exit(2);
}
const size = smoke
  ? { train: 16, eval: 4, maxSteps: 2, batch: 4, src: 96, tgt: 48, newTokens: 8 }
  : { train: 2000, eval: 100, maxSteps: undefined, batch: 8, src: 512, tgt: 256, newTokens: 256 };

await selectBackend();
const seed = 42;
const tokenizer = await T5Tokenizer.fromPretrained(
  smoke ? join(dataDir, 'flan-t5-small-tokenizer') : values.model,
);
const base = smoke
  ? await T5ForConditionalGeneration.fromConfig(
      {
        d_model: 32,
        d_ff: 64,
        d_kv: 8,
        num_heads: 4,
        num_layers: 1,
        vocab_size: 32128,
        feed_forward_proj: 'gated-gelu',
        tie_word_embeddings: false,
      },
      { seed },
    )
  : await T5ForConditionalGeneration.fromPretrained(values.model);
// PEFT's PrefixTuningConfig fields: num_virtual_tokens, prefix_projection.
const model = getPeftModel(
  base,
  { peft_type: 'PREFIX_TUNING', num_virtual_tokens: 20, prefix_projection: false },
  { seed },
);
model.printTrainableParameters();

// Local Gretel-format parquet files when given (the repository's are Spider re-shaped: "Spider in Gretel
// format"), else the real dataset from the hub.
const local =
  dataDir && existsSync(join(dataDir, 'spider-as-gretel')) ? join(dataDir, 'spider-as-gretel') : dataDir;
const source = local ? { path: local } : {};
const sample = (records, count) =>
  selectSubset(records, { count: Math.min(count, records.length), mode: 'sample', seed });
const train = sample((await loadGretel({ ...source, split: 'train' })).records, size.train);
const test = sample((await loadGretel({ ...source, split: 'test' })).records, size.eval);
const template = getTemplate('flan-t5');
const trainExamples = tokenizeExamples(train, {
  tokenizer,
  template,
  maxSourceLength: size.src,
  maxTargetLength: size.tgt,
}).examples;

const trainer = new Trainer(model, { learningRate: 1e-2, epochs: 1, maxSteps: size.maxSteps, seed });
await trainer.train({
  trainBatches: (epoch) => makeBatches(trainExamples, { batchSize: size.batch, padTokenId: 0, seed, epoch }),
});
trainer.dispose();
await model.savePretrained(values.output); // adapter_config.json + adapter_model.safetensors

const batch = tokenizer.encodeBatch(
  test.map((r) => renderPrompt(template, r).source),
  { maxLength: size.src },
);
const sequences = await generateSequences(model, batch.inputIds, {
  attentionMask: batch.attentionMask,
  maxNewTokens: size.newTokens,
});
// The targets were in the template's T5 target encoding (`<` is written `#lt`): decode the ids without the
// tokenizer's clean-up, then undo the encoding.
const predictions = tokenizer
  .batchDecode(sequences, { skipSpecialTokens: true, cleanUpTokenizationSpaces: false })
  .map((s) => decodeSqlTarget(s, template.sqlEncoding));
const references = test.map((r) => r.sql);
console.log(
  JSON.stringify(
    {
      adapter: values.output,
      bleu: bleu({ predictions, references }).bleu,
      rougeL: rouge({ predictions, references }).rougeL,
      meteor: (await meteor({ predictions, references })).meteor,
      google_bleu: googleBleu({ predictions, references }).google_bleu,
    },
    null,
    2,
  ),
);
base.dispose();
