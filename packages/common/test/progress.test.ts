import { describe, expect, it } from 'vitest';
import {
  ProgressReporter,
  formatBar,
  formatBytes,
  formatDuration,
  formatProgressLine,
} from '../src/index.js';

function sink(isTTY: boolean) {
  const parts: string[] = [];
  return { parts, sink: { write: (s: string) => parts.push(s), isTTY } };
}

describe('ProgressReporter', () => {
  it('off a terminal prints unit 1, every n-th and the last', () => {
    let t = 0;
    const { parts, sink: s } = sink(false);
    const bar = new ProgressReporter({ label: 'train', total: 5, every: 2, sink: s, now: () => t });
    for (let i = 1; i <= 5; i++) {
      t += 1000;
      bar.update(i, { loss: (1 / i).toFixed(2) });
    }
    expect(parts.map((l) => l.split(' ')[2])).toEqual(['1/5', '2/5', '4/5', '5/5']);
    expect(parts[0]).toBe('train [#####...................] 1/5 elapsed 0:01 eta 0:04 loss 1.00\n');
    bar.note('checkpoint saved');
    expect(parts.at(-1)).toBe('checkpoint saved\n');
  });

  it('on a terminal redraws one line, throttled, and closes it', () => {
    let t = 0;
    const { parts, sink: s } = sink(true);
    const bar = new ProgressReporter({ total: 3, sink: s, redrawMs: 100, now: () => t });
    bar.tick();
    t = 50;
    bar.tick();
    t = 60;
    bar.tick();
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.startsWith('\r') && p.endsWith('\x1b[K'))).toBe(true);
    bar.note('eval loss 1.0');
    expect(parts.slice(-2)).toEqual(['\n', 'eval loss 1.0\n']);
    bar.end();
    expect(parts.at(-1)).toBe('eval loss 1.0\n');
    bar.done({ final: 'yes' });
    expect(parts.at(-1)).toBe('\n');
    expect(parts.at(-2)).toContain('3/3');
  });

  it("with every 'done' prints only the summary; null sinks print nothing", () => {
    const { parts, sink: s } = sink(false);
    const bar = new ProgressReporter({ total: 10, sink: s, every: 'done', now: () => 0 });
    bar.update(10);
    expect(parts).toEqual([]);
    bar.done();
    expect(parts).toHaveLength(1);
    const silent = new ProgressReporter({ total: 1, sink: null });
    silent.done();
    silent.note('x');
  });

  it('counts the rate from `start` and formats with a custom line', () => {
    let t = 0;
    const bar = new ProgressReporter<{ file: string }>({
      total: 4_000_000,
      start: 1_000_000,
      sink: null,
      now: () => t,
      format: (s) =>
        `${s.fields?.file} ${formatBytes(s.ratePerSecond)}/s ETA ${formatDuration(s.etaMs, { padMinutes: true })}`,
    });
    t = 1000;
    bar.update(2_000_000, { file: 'model.safetensors' });
    expect(bar.line()).toBe('model.safetensors 1.0 MB/s ETA 00:02');
  });
});

describe('formatting', () => {
  it('durations, bytes, bars and the default line', () => {
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(Number.POSITIVE_INFINITY, { unknown: '--:--' })).toBe('--:--');
    expect(formatBytes(10)).toBe('10 B');
    expect(formatBytes(2.4e8)).toBe('240.0 MB');
    expect(formatBar(0.25, 20)).toBe('#####...............');
    expect(
      formatProgressLine({
        label: '',
        current: 0,
        total: 0,
        elapsedMs: 0,
        ratePerSecond: 0,
        etaMs: 0,
        fields: undefined,
      }),
    ).toBe('[########################] 0/0 elapsed 0:00 eta 0:00');
  });
});
