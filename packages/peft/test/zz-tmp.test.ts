import { readFileSync } from 'node:fs';
import { T5ForConditionalGeneration } from '@t5sql/t5-core';
import { test } from 'vitest';
import { PeftModel } from '../src/index.js';
import { useBackend } from './support/backends.js';
import { maxAbsDiff } from './support/compare.js';
test('python adapters', async () => {
  await useBackend('cpu');
  const py = JSON.parse(readFileSync('/tmp/xcheck/python.json', 'utf8'));
  for (const [name, o] of Object.entries(py) as [string, { fixture: string; logits: number[] }][]) {
    const base = await T5ForConditionalGeneration.fromPretrained(`/work/shared/fixtures/t5/${o.fixture}`);
    const peft = await PeftModel.fromPretrained(base, `/tmp/xcheck/${name}`);
    const { logits } = peft.forward({ inputIds: [[13, 27, 5, 99, 42, 8, 1], [64, 3, 77, 1, 0, 0, 0]], attentionMask: [[1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0, 0]], decoderInputIds: [[0, 17, 45, 2, 110], [0, 9, 33, 120, 6]] });
    console.log(name, 'layers', peft.lora.size, 'max|dlogits|', maxAbsDiff(logits.dataSync(), o.logits).toExponential(2));
    logits.dispose();
    peft.dispose();
  }
});
