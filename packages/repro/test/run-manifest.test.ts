// The one run-manifest schema: both writers stamp the same version, and the reader takes the files of every
// earlier version (the harness's schema 1, `t5sql train`'s schema 2) with their kind filled in.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  RUN_MANIFEST_SCHEMA_VERSION,
  type TrainRunManifest,
  readRunManifest,
  writeRunManifest,
} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 't5sql-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SNAPSHOT = resolve(
  __dirname,
  '../../../benchmarks/snapshots/local-2026-11-21/table-b/lora/manifest.json',
);

describe('readRunManifest', () => {
  it('reads a schema-1 harness manifest as kind bench, every field as written', () => {
    const manifest = readRunManifest(SNAPSHOT);
    expect(manifest?.kind).toBe('bench');
    expect(manifest).toMatchObject({ schemaVersion: 1, experiment: { id: 'table-b/lora' } });
    if (manifest?.kind === 'bench') expect(typeof manifest.seed).toBe('number');
  });

  it('reads a schema-2 train manifest as kind train, and round-trips what writeRunManifest writes', () => {
    const old = { schemaVersion: 2, status: 'finished', history: [{ event: 'start', at: 'x', step: 0 }] };
    writeFileSync(join(dir, 'old.json'), JSON.stringify(old));
    expect(readRunManifest(join(dir, 'old.json'))).toEqual({ ...old, kind: 'train' });
    const current = {
      ...old,
      schemaVersion: RUN_MANIFEST_SCHEMA_VERSION,
      kind: 'train',
    } as unknown as TrainRunManifest;
    writeRunManifest(join(dir, 'new.json'), current);
    expect(readRunManifest(join(dir, 'new.json'))).toEqual(current);
  });

  it('is undefined for no file, and names the file of an unknown version or not an object', () => {
    expect(readRunManifest(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'future.json'), JSON.stringify({ schemaVersion: 99 }));
    expect(() => readRunManifest(join(dir, 'future.json'))).toThrow(
      /future\.json: run manifest schemaVersion 99/,
    );
    writeFileSync(join(dir, 'list.json'), '[]');
    expect(() => readRunManifest(join(dir, 'list.json'))).toThrow(
      /list\.json: a run manifest must be a JSON object/,
    );
  });
});
