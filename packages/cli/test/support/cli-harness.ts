// Test support: runs `t5sql` in-process with captured output, temporary folders, and the shared test data.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { type CommandIo, runCli } from '../../src/index.js';

/** `../shared/data` beside the checkout (vitest.shared.ts sets T5SQL_SHARED_DIR). */
export const DATA = join(process.env.T5SQL_SHARED_DIR ?? resolve(__dirname, '../../../../../shared'), 'data');
export const SPIDER = join(DATA, 'spider');
export const TOKENIZER = join(DATA, 't5-small-tokenizer');

export type CapturedIo = CommandIo & { out: () => string; err: () => string };

/** A CommandIo that keeps what a command writes (stdout, stderr), with the cpu backend, run in `cwd`. */
export function capture(cwd = process.cwd()): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: {
      write: (t: string) => {
        out += t;
      },
    },
    stderr: {
      write: (t: string) => {
        err += t;
      },
      isTTY: false,
    },
    env: { ...process.env, T5SQL_BACKEND: 'cpu' },
    cwd,
    out: () => out,
    err: () => err,
  };
}

/** Runs `t5sql <args>` and returns the exit code with what it wrote. */
export async function cli(args: readonly string[]): Promise<{ code: number; io: CapturedIo }> {
  const io = capture();
  const code = await runCli(args, io);
  return { code, io };
}

/** A temporary folder, removed after the test file. */
export function tmp(prefix = 'cli-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A T5 config small enough to train in a second (one layer each side, d_model 16), written into `dir`. */
export function tinyConfig(dir: string): string {
  const path = join(dir, 'tiny.json');
  writeFileSync(
    path,
    JSON.stringify({
      d_model: 16,
      d_ff: 32,
      d_kv: 4,
      num_heads: 2,
      num_layers: 1,
      num_decoder_layers: 1,
      vocab_size: 32128,
    }),
  );
  return path;
}
