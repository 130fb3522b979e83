import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  JsonFileError,
  jsonErrorOffset,
  parseJsonText,
  readJsonFile,
  readJsonFileSync,
} from '../src/index.js';

const dirs: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 't5sql-common-json-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('readJsonFile', () => {
  it('parses a file, sync and async', async () => {
    const file = join(tmp(), 'ok.json');
    writeFileSync(file, '{"a": [1, 2]}');
    expect(await readJsonFile(file)).toEqual({ a: [1, 2] });
    expect(readJsonFileSync(file)).toEqual({ a: [1, 2] });
  });

  it('names the file, line and column of malformed JSON', async () => {
    const file = join(tmp(), 'bad.json');
    writeFileSync(file, '{\n  "a": 1,\n  "b": [1, 2,, 3]\n}');
    const error = (await readJsonFile(file).catch((e) => e)) as JsonFileError;
    expect(error).toBeInstanceOf(JsonFileError);
    expect(error.message).toMatch(
      new RegExp(`^${file.replace(/[.\\]/g, '\\$&')}: not valid JSON \\(line 3, column 14: `),
    );
    expect([error.problem, error.line, error.column]).toEqual(['malformed', 3, 14]);
    expect(() => readJsonFileSync(file, { what: 'trainer state' })).toThrow(
      `${file}: cannot read trainer state: not valid JSON (line 3, column 14: `,
    );
  });

  it('names the file it cannot read', async () => {
    const file = join(tmp(), 'missing.json');
    await expect(readJsonFile(file, { what: 'adapter config' })).rejects.toThrow(
      `${file}: cannot read adapter config (ENOENT`,
    );
    expect(() => readJsonFileSync(file)).toThrow(`${file}: cannot read the file (ENOENT`);
  });

  it('parses text already read, and finds the offset of the first error', () => {
    expect(parseJsonText('[1]', 'x.json')).toEqual([1]);
    expect(() => parseJsonText('{"a" 1}', 'x.json')).toThrow('x.json: not valid JSON (line 1, column 6: ');
    expect(jsonErrorOffset('[1, 2]')).toBe(-1);
    expect(jsonErrorOffset('[1, }')).toBe(4);
  });
});
