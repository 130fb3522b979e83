// Test helper: a CommandIo that keeps what a command writes.
import type { CommandIo } from '../src/index.js';

export function captureIo(cwd = process.cwd()): CommandIo & { out: () => string; err: () => string } {
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
