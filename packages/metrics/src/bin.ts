#!/usr/bin/env node
import { runMetricsCommand } from './cli/run-metrics-command.js';

process.exitCode = await runMetricsCommand(process.argv.slice(2));
