import type { Command } from '../command.js';
import { benchCommand } from './bench.js';
import { paramsCommand } from './params.js';

/** Every `t5sql` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [benchCommand, paramsCommand];
