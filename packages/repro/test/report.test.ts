import { describe, expect, it } from 'vitest';
import {
  type ExperimentResult,
  PAPER_EXPERIMENTS,
  PAPER_TABLES,
  renderBarChartSvg,
  renderCsv,
  renderLineChartSvg,
  renderMarkdownTable,
  renderTablesJson,
} from '../src/index.js';

function fakeResult(id: string, metrics: ExperimentResult['metrics']): ExperimentResult {
  const spec = PAPER_EXPERIMENTS.find((e) => e.id === id)!;
  return {
    id,
    profile: 'local',
    spec,
    modelDescription: 'local:flan-t5-mini',
    dataDescription: 'Spider in Gretel format, 1,000 train / 100 test',
    metrics,
    trainableParams: 3,
    totalParams: 1000,
    trainablePercent: 0.3,
    lossCurve: [
      { step: 1, loss: 5 },
      { step: 2, loss: 3 },
    ],
    samples: [],
    timings: { trainSeconds: 60, evalSeconds: 6, totalSeconds: 66 },
  };
}

const tableB = PAPER_TABLES.find((t) => t.id === 'table-b')!;
const results = new Map([
  ['table-b/lora', fakeResult('table-b/lora', { bleu: 0.5, rougeL: 0.6, meteor: 0.7, google_bleu: 0.8 })],
]);

describe('results tables', () => {
  it('every declared row refers to a declared experiment and every reported figure to a column', () => {
    const ids = new Set(PAPER_EXPERIMENTS.map((e) => e.id));
    for (const t of PAPER_TABLES) {
      for (const r of t.rows) expect(ids.has(r.experiment), r.experiment).toBe(true);
      for (const [id, figs] of Object.entries(t.reported)) {
        expect(t.rows.some((r) => r.experiment === id)).toBe(true);
        for (const k of Object.keys(figs)) expect([...t.columns, 'trainable']).toContain(k);
      }
    }
  });
  it('puts ours beside reported in Markdown and names profile, model and data', () => {
    const md = renderMarkdownTable(tableB, {
      profile: 'local',
      results,
      paperTrainablePercent: { 'table-b/lora': 0.2977 },
    });
    expect(md).toContain('Profile: **local**');
    expect(md).toContain('| BLEU ours | BLEU reported |');
    expect(md).toMatch(/\| LoRA \| 0\.5000 \| 0\.47 ?/);
    expect(md).toContain(
      '| trainable reported | trainable this run | trainable on reported config (computed) |',
    );
    expect(md).toContain('| 0.3% | 0.3000% | 0.2977% |');
    expect(md).toContain('pre-trained: not run in this profile yet.');
    expect(md).toContain('Spider in Gretel format');
  });
  it('writes long-format CSV and JSON with the same figures', () => {
    const csv = renderCsv([tableB], { profile: 'local', results });
    expect(csv.split('\n')[0]).toBe('profile,table,row,experiment,column,ours,reported,model,data');
    expect(csv).toContain(
      'local,table-b,LoRA,table-b/lora,bleu,0.5,0.47,local:flan-t5-mini,"Spider in Gretel format, 1',
    );
    const json = renderTablesJson([tableB], { profile: 'local', results });
    const lora = json.tables[0].rows.find((r) => r.experiment === 'table-b/lora')!;
    expect(lora.cells.find((c) => c.column === 'meteor')).toMatchObject({ ours: 0.7, reported: 0.66 });
  });
  it('draws well-formed SVG charts', () => {
    const line = renderLineChartSvg('loss <&>', [
      { name: 'LoRA', points: results.get('table-b/lora')!.lossCurve },
    ]);
    expect(line).toMatch(/^<svg [^>]*>/);
    expect(line).toContain('loss &lt;&amp;&gt;');
    expect(line).toContain('<path d="M');
    const bars = renderBarChartSvg(
      'b',
      ['BLEU', 'GLEU'],
      [{ name: 'LoRA', values: [0.5, null], reported: [0.47, 0.7] }],
    );
    expect((bars.match(/<rect /g) ?? []).length).toBe(1 + 1 + 1); // background, one bar, one legend swatch
    expect(bars.trim().endsWith('</svg>')).toBe(true);
  });
});
