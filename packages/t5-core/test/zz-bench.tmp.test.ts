import { it } from 'vitest';
import { run } from '../../../benchmarks/src/micro/training.js';
it('bench', async () => { await run(); }, 3_600_000);
