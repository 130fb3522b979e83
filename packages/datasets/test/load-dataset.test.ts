import { describe, expect, it } from 'vitest';
import { type DatasetSpec, loadDataset } from '../src/index.js';
import { sharedData } from './helpers.js';

describe('loadDataset', () => {
  it('dispatches by name to the right loader', async () => {
    const spider = await loadDataset({ dataset: 'spider', dir: sharedData('spider'), split: 'dev' });
    const gretel = await loadDataset({
      dataset: 'gretel',
      path: sharedData('spider-as-gretel'),
      split: 'test',
    });
    expect(spider.records).toHaveLength(1034);
    expect(gretel.records).toHaveLength(1034);
    expect(gretel.records[0].question).toBe(spider.records[0].question);
  });

  it('names an unknown dataset', async () => {
    await expect(loadDataset({ dataset: 'wikisql' } as unknown as DatasetSpec)).rejects.toThrow(
      "Unknown dataset 'wikisql': expected one of spider, gretel, sql-create-context.",
    );
  });
});
