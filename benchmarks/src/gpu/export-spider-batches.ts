// Writes the Spider batches both sides of the training check train on, in order: t5sql's own pipeline (prompt
// template, t5-escape targets, t5-small tokenizer, seeded batches) so PyTorch sees exactly t5sql's token ids.
//
//   node export-spider-batches.js <spider dir> <tokenizer dir> <out.json> [batches=200] [batch size=8]
//     [max source tokens=128] [max target tokens=64]
import { writeFileSync } from 'node:fs';
import { getTemplate, loadSpider, makeBatches, tokenizeExamples } from '@t5sql/datasets';
import { T5Tokenizer } from '@t5sql/t5-core';

async function main(): Promise<void> {
  const [spiderDir, tokenizerDir, out, batchesArg, sizeArg, sourceArg, targetArg] = process.argv.slice(2);
  if (!spiderDir || !tokenizerDir || !out) {
    throw new Error(
      'usage: export-spider-batches <spider dir> <tokenizer dir> <out.json> [batches] [batch size]',
    );
  }
  const count = Number(batchesArg ?? 200);
  const batchSize = Number(sizeArg ?? 8);
  const tokenizer = await T5Tokenizer.fromPretrained(tokenizerDir);
  const { records } = await loadSpider({ dir: spiderDir, split: 'train' });
  const { examples } = tokenizeExamples(records, {
    tokenizer,
    template: getTemplate('t5-instruct'),
    maxSourceLength: Number(sourceArg ?? 128),
    maxTargetLength: Number(targetArg ?? 64),
  });
  const batches = [];
  for (const batch of makeBatches(examples, { batchSize, padTokenId: tokenizer.padTokenId, seed: 42 })) {
    if (batch.inputIds.length < batchSize) continue; // full batches only: both sides see the same shapes
    batches.push({ input_ids: batch.inputIds, attention_mask: batch.attentionMask, labels: batch.labels });
    if (batches.length === count) break;
  }
  writeFileSync(out, JSON.stringify({ batch_size: batchSize, batches }));
  console.log(`wrote ${batches.length} batches of ${batchSize} Spider train examples to ${out}`);
}

await main();
