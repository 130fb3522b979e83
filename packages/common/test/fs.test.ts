import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TEMP_SIBLING_NAME,
  tempSibling,
  writeFileAtomic,
  writeFileAtomicSync,
  writeFolderAtomic,
  writeJsonAtomic,
  writeJsonAtomicSync,
} from '../src/index.js';

const dirs: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 't5sql-common-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('atomic writes', () => {
  it('names temporaries <name>.<pid>.<12 hex>.tmp, unique per call', () => {
    const a = tempSibling('/x/out.json');
    expect(a.startsWith(`/x/out.json.${process.pid}.`)).toBe(true);
    expect(TEMP_SIBLING_NAME.test('out.json.42.0123456789ab.tmp')).toBe(true);
    expect(TEMP_SIBLING_NAME.test(a.slice(3))).toBe(true);
    expect(tempSibling('/x/out.json')).not.toBe(a);
  });

  it('writes files and JSON, creating the folder and leaving no temporary', async () => {
    const dir = tmp();
    await writeFileAtomic(join(dir, 'a', 'x.txt'), 'hello');
    writeFileAtomicSync(join(dir, 'b', 'y.bin'), new Uint8Array([1, 2]));
    await writeJsonAtomic(join(dir, 'p.json'), { a: 1 });
    writeJsonAtomicSync(join(dir, 'c.json'), { a: [1] }, { indent: 0 });
    expect(readFileSync(join(dir, 'a', 'x.txt'), 'utf8')).toBe('hello');
    expect([...readFileSync(join(dir, 'b', 'y.bin'))]).toEqual([1, 2]);
    expect(readFileSync(join(dir, 'p.json'), 'utf8')).toBe('{\n  "a": 1\n}\n');
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe('{"a":[1]}\n');
    expect(readdirSync(dir).sort()).toEqual(['a', 'b', 'c.json', 'p.json']);
  });

  it('removes the temporary when the write fails', async () => {
    const dir = tmp();
    // The target is a folder: the rename fails.
    await writeFolderAtomic(join(dir, 'taken'), () => undefined);
    writeFileSync(join(dir, 'taken', 'f'), 'x');
    await expect(writeFileAtomic(join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(() => writeFileAtomicSync(join(dir, 'taken'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('replaces a folder by one rename, and leaves it alone when filling fails', async () => {
    const dir = tmp();
    const target = join(dir, 'model');
    await writeFolderAtomic(target, (t) => writeFileSync(join(t, 'v1'), '1'));
    await writeFolderAtomic(target, (t) => writeFileSync(join(t, 'v2'), '2'));
    expect(readdirSync(target)).toEqual(['v2']);
    await expect(
      writeFolderAtomic(target, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(target)).toEqual(['v2']);
    expect(readdirSync(dir)).toEqual(['model']);
    const custom = join(dir, '.model.custom.tmp');
    await writeFolderAtomic(join(dir, 'other'), () => expect(existsSync(custom)).toBe(true), {
      tempPath: custom,
    });
    expect(existsSync(custom)).toBe(false);
  });
});
