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
import { niceTicks } from '../src/report/svg-util.js';

/** The y coordinates of every tick label (`<text ... text-anchor="end">`) and of every path point. */
function yExtent(svg: string): { tickTop: number; tickBottom: number; pathYs: number[] } {
  const tickYs = [
    ...svg.matchAll(/<line x1="\d+" x2="[\d.]+" y1="([\d.-]+)" y2="[\d.-]+" stroke="#ddd"\/>/g),
  ].map((m) => Number(m[1]));
  const pathYs = [...svg.matchAll(/[ML][\d.-]+ ([\d.-]+)/g)].map((m) => Number(m[1]));
  return { tickTop: Math.min(...tickYs), tickBottom: Math.max(...tickYs), pathYs };
}

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
  it('nice ticks start at or below the lowest value and end at or above the highest', () => {
    expect(niceTicks(0, 5.2)).toEqual([0, 2, 4, 6]); // was [0, 2, 4]: the axis ended below the data
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.13, 0.87)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.7, 2.1)).toEqual([-1, 0, 1, 2, 3]);
    expect(niceTicks(0, 0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    for (const [lo, hi] of [
      [0, 7.7],
      [1.234, 9.87],
      [0, 0.0031],
      [3, 3],
      [0, 1234],
    ]) {
      const t = niceTicks(lo, hi);
      expect(t[0]).toBeLessThanOrEqual(lo);
      expect(t.at(-1)!).toBeGreaterThanOrEqual(hi);
    }
  });

  it('a loss curve above the old axis range stays inside the plot (y axis holds its data)', () => {
    // The snapshot's table-a-loss.svg: loss starting above 5 drew above an axis that ended at 4.
    const line = renderLineChartSvg('loss', [
      {
        name: 'fine-tuned',
        points: [
          { step: 1, loss: 5.41 },
          { step: 2, loss: 5.2 },
          { step: 3, loss: 2.3 },
          { step: 250, loss: 1.9 },
        ],
      },
      { name: 'other', points: [{ step: 10, loss: -0.2 }] },
    ]);
    const { tickTop, tickBottom, pathYs } = yExtent(line);
    expect(pathYs.length).toBe(5);
    for (const yy of pathYs) {
      expect(yy).toBeGreaterThanOrEqual(tickTop);
      expect(yy).toBeLessThanOrEqual(tickBottom);
    }
    expect(line).toContain('text-anchor="end">6</text>');
    expect(line).toContain('text-anchor="end">-2</text>');
  });

  it('bars and reported ticks above 1 stay inside the plot', () => {
    const bars = renderBarChartSvg('b', ['BLEU'], [{ name: 'x', values: [1.1], reported: [1.3] }]);
    const tickYs = [...bars.matchAll(/y1="([\d.-]+)" y2="[\d.-]+" stroke="#ddd"/g)].map((m) => Number(m[1]));
    const barY = Number(
      bars.match(/<rect x="[\d.]+" y="([\d.-]+)" width="[\d.]+" height="[\d.]+" fill="#0072B2"><title>/)![1],
    );
    const reportedY = Number(
      bars.match(/y1="([\d.-]+)" y2="[\d.-]+" stroke="black" stroke-width="2.5"><title>/)![1],
    );
    expect(barY).toBeGreaterThanOrEqual(Math.min(...tickYs));
    expect(reportedY).toBeGreaterThanOrEqual(Math.min(...tickYs));
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
