/**
 * @t5sql/repro: reproducible t5sql runs. One seed drives everything random; experiments are declared as data;
 * every run writes a manifest; results render as Markdown/CSV/JSON tables beside the reported figures, plus SVG
 * charts.
 *
 * @example
 * ```ts
 * import { LOCAL_PROFILE, T5Engine, runProfile } from '@t5sql/repro';
 * const engine = await T5Engine.create({ dataDir: process.env.T5SQL_DATA_DIR });
 * const summary = await runProfile({ profile: LOCAL_PROFILE, engine, resultsDir: 'results', cacheDir: '.cache',
 *   seed: 42 });
 * console.log(`tables in ${summary.written.markdown}`);
 * ```
 * @packageDocumentation
 */
export * from './errors.js';
export * from './manifest/index.js';
export * from './experiments/index.js';
export * from './params/index.js';
export * from './pretrain/index.js';
export * from './report/index.js';
export * from './runner/index.js';
export * from './engine/index.js';
export * from './constrain/index.js';
