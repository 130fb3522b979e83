import { describe, expect, it } from 'vitest';
import { type TrainRunSettings, diffTrainRunSettings, fingerprintExamples } from '../src/index.js';

const settings: TrainRunSettings = {
  model: 't5-small',
  method: { kind: 'lora', r: 8, loraAlpha: 32, loraDropout: 0.1, targetModules: ['q', 'v'] },
  seed: 42,
  optimizer: 'adamw',
  learningRate: 1e-3,
  batchSize: 8,
  epochs: 1,
  maxSteps: 100,
  template: 't5-instruct',
  sqlEncoding: 't5-escape',
  maxSourceLength: 512,
  maxTargetLength: 128,
  dataset: 'spider',
  split: 'train',
  limit: null,
};

describe('diffTrainRunSettings', () => {
  it('lists every changed setting and allows only growing maxSteps or epochs', () => {
    expect(diffTrainRunSettings(settings, { ...settings })).toEqual([]);
    expect(diffTrainRunSettings(settings, { ...settings, maxSteps: 150, epochs: 2 })).toEqual([
      { change: { setting: 'epochs', from: 1, to: 2 }, allowed: true },
      { change: { setting: 'maxSteps', from: 100, to: 150 }, allowed: true },
    ]);
    expect(
      diffTrainRunSettings(settings, {
        ...settings,
        maxSteps: 50,
        learningRate: 2e-3,
        limit: 500,
        method: { kind: 'lora', r: 16, loraAlpha: 32, loraDropout: 0.1, targetModules: ['q', 'v'] },
      }),
    ).toEqual([
      {
        change: {
          setting: 'method',
          from: settings.method,
          to: { kind: 'lora', r: 16, loraAlpha: 32, loraDropout: 0.1, targetModules: ['q', 'v'] },
        },
        allowed: false,
      },
      { change: { setting: 'learningRate', from: 1e-3, to: 2e-3 }, allowed: false },
      { change: { setting: 'maxSteps', from: 100, to: 50 }, allowed: false },
      { change: { setting: 'limit', from: null, to: 500 }, allowed: false },
    ]);
    // The target spelling changes what the model learns; a run saved before the setting existed differs too.
    expect(diffTrainRunSettings(settings, { ...settings, sqlEncoding: 'none' })).toEqual([
      { change: { setting: 'sqlEncoding', from: 't5-escape', to: 'none' }, allowed: false },
    ]);
    const { sqlEncoding: _, ...older } = settings;
    expect(diffTrainRunSettings(older as TrainRunSettings, settings)).toEqual([
      { change: { setting: 'sqlEncoding', from: null, to: 't5-escape' }, allowed: false },
    ]);
    // Switching from epochs to a step count changes the schedule: not a growth.
    expect(diffTrainRunSettings({ ...settings, maxSteps: null }, settings)).toEqual([
      { change: { setting: 'maxSteps', from: null, to: 100 }, allowed: false },
    ]);
  });
});

describe('fingerprintExamples', () => {
  const a = { inputIds: [5, 6, 7, 1], labels: [8, 1] };
  const b = { inputIds: [9, 1], labels: [10, 11, 1] };
  it('is the same for the same examples and differs for a changed id, order or split between lists', () => {
    const fp = fingerprintExamples([a, b]);
    expect(fp).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), examples: 2, tokens: 11 });
    expect(fingerprintExamples([{ ...a }, { ...b }]).sha256).toBe(fp.sha256);
    expect(fingerprintExamples([b, a]).sha256).not.toBe(fp.sha256);
    expect(fingerprintExamples([{ ...a, labels: [8, 2] }, b]).sha256).not.toBe(fp.sha256);
    // The same ids with the boundary between source and target moved.
    expect(fingerprintExamples([{ inputIds: [5, 6, 7], labels: [1, 8, 1] }, b]).sha256).not.toBe(fp.sha256);
  });
});
