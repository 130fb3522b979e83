import { countMethodParameters } from '@t5sql/peft';
import { describe, expect, it } from 'vitest';
import {
  LOCAL_PROFILE,
  PAPER_EXPERIMENTS,
  PAPER_PROFILE,
  SMOKE_PROFILE,
  getProfile,
  paperTrainablePercent,
  resolveDataLocations,
} from '../src/index.js';

describe('experiment declarations', () => {
  it('declare the two tables and both ablations with unique ids', () => {
    const ids = PAPER_EXPERIMENTS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'table-a/base',
      'table-a/fine-tuned',
      'table-b/pre-trained',
      'table-b/lora',
      'table-b/qlora',
      'table-b/prefix',
      'table-b/full',
      'ablation-data/lora-60k',
      'ablation-rank/lora-r32',
    ]);
    const byId = Object.fromEntries(PAPER_EXPERIMENTS.map((e) => [e.id, e]));
    expect(byId['table-a/fine-tuned']).toMatchObject({
      model: 't5-small',
      hyper: { epochs: 2, learningRate: 5e-3 },
    });
    expect(byId['table-b/lora'].dataset.trainSize).toBe(20_000);
    expect(byId['table-b/full'].dataset.trainSize).toBe(1_000);
    expect(byId['ablation-data/lora-60k'].dataset.trainSize).toBe(60_000);
  });

  it('give the reported trainable shares on the public flan-t5-large config (PEFT counting)', () => {
    // PEFT's print_trainable_parameters on google/flan-t5-large: r=8 q,v 0.3004%; r=32 1.1907%; 20 virtual
    // tokens 0.1254% (reported "0.12%", two decimals cut); full 100%.
    const pct = paperTrainablePercent(PAPER_EXPERIMENTS);
    expect(pct['table-b/pre-trained']).toBe(0);
    expect(pct['table-b/lora'].toFixed(4)).toBe('0.3004');
    expect(pct['table-b/qlora'].toFixed(4)).toBe('0.3004');
    expect(pct['table-b/prefix'].toFixed(4)).toBe('0.1254');
    expect(pct['table-b/full']).toBe(100);
    expect(pct['ablation-rank/lora-r32'].toFixed(4)).toBe('1.1907');
    expect(countMethodParameters('google/flan-t5-large', { kind: 'full' }).total).toBe(783_150_080);
    // t5-small: 60,506,624 parameters (tied embeddings), as transformers counts them.
    expect(countMethodParameters('t5-small', { kind: 'full' }).total).toBe(60_506_624);
  });
});

describe('profiles', () => {
  it('paper runs the declarations unchanged and needs hub + GPU', () => {
    expect(PAPER_PROFILE.needsHubAndGpu).toBe(true);
    for (const e of PAPER_EXPERIMENTS) expect(PAPER_PROFILE.scale(e)).toBe(e);
  });
  it('local keeps Table B ratios at 1/25 on local models with question-first prompts', () => {
    const scaled = Object.fromEntries(PAPER_EXPERIMENTS.map((e) => [e.id, LOCAL_PROFILE.scale(e)]));
    expect(scaled['table-b/lora'].dataset.trainSize).toBe(800);
    expect(scaled['ablation-data/lora-60k'].dataset.trainSize).toBe(2_400);
    expect(scaled['table-b/full'].dataset.trainSize).toBe(40);
    expect(scaled['table-a/fine-tuned'].dataset.trainSize).toBe(1_000);
    expect(scaled['table-b/lora'].model).toBe('local:flan-t5-mini');
    expect(scaled['table-a/base'].model).toBe('local:t5-mini');
    expect(scaled['table-b/lora'].dataset.promptTemplate.indexOf('{question}')).toBeLessThan(
      scaled['table-b/lora'].dataset.promptTemplate.indexOf('{context}'),
    );
    // The local stand-ins keep each reported model's architecture and vocabulary.
    expect(LOCAL_PROFILE.localModels['t5-small'].config).toMatchObject({
      feed_forward_proj: 'relu',
      tie_word_embeddings: true,
      vocab_size: 32128,
    });
    expect(LOCAL_PROFILE.localModels['google/flan-t5-large'].config).toMatchObject({
      feed_forward_proj: 'gated-gelu',
      tie_word_embeddings: false,
    });
  });
  it('smoke caps every experiment at a few steps', () => {
    for (const e of PAPER_EXPERIMENTS) expect(SMOKE_PROFILE.scale(e).hyper.maxSteps).toBe(3);
  });
  it('rejects unknown profile names, listing the valid ones', () => {
    expect(() => getProfile('huge')).toThrow('unknown profile "huge": expected one of paper, local, smoke');
  });
});

describe('resolveDataLocations', () => {
  it('finds the shared layout and says when Gretel-format data is Spider', () => {
    const dir = `${process.env.T5SQL_SHARED_DIR}/data`;
    const where = resolveDataLocations(dir);
    expect(where.spiderDir).toBe(`${dir}/spider`);
    expect(where.gretelDir).toBe(`${dir}/spider-as-gretel`);
    expect(where.gretelIsSpider).toBe(true);
    expect(resolveDataLocations(undefined).spiderDir).toBeNull();
    expect(() => resolveDataLocations('/nonexistent/t5sql')).toThrow('/nonexistent/t5sql does not exist');
  });
});
