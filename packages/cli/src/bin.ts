#!/usr/bin/env node
// The `t5sql` executable: a thin shell around runCli so the exit code is the only process-level effect.
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
