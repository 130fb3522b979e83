import type { Command } from '../command.js';
import { benchCommand } from './bench.js';
import { dataStatsCommand } from './data-stats.js';
import { evalSqlCommand } from './eval-sql.js';
import { evalCommand } from './eval.js';
import { generateCommand } from './generate.js';
import { metricsCommand } from './metrics.js';
import { paramsCommand } from './params.js';
import { trainCommand } from './train.js';

/** Every `t5sql` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  trainCommand,
  evalCommand,
  evalSqlCommand,
  metricsCommand,
  generateCommand,
  benchCommand,
  dataStatsCommand,
  paramsCommand,
];
