import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DownloadIntegrityError,
  LocalEntryNotFoundError,
  ProgressBar,
  hfHubDownload,
  resolveFile,
  snapshotDownload,
} from '../src/index.js';
import { type FakeHub, sha256, startFakeHub } from './fake-hub.js';

const COMMIT = 'c'.repeat(40);
const WEIGHTS = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 251));
let hub: FakeHub;
let cacheDir: string;

beforeAll(async () => {
  hub = await startFakeHub({
    'org/model': {
      type: 'model',
      commit: COMMIT,
      files: {
        'config.json': { content: Buffer.from('{}') },
        'model.safetensors': { content: WEIGHTS, lfs: true },
        'sub/notes.txt': { content: Buffer.from('n') },
      },
    },
    'org/private': {
      type: 'model',
      commit: COMMIT,
      token: 'hf_x',
      files: { 'model.safetensors': { content: WEIGHTS, lfs: true } },
    },
  });
});
afterAll(() => hub.close());
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 't5sql-hub-'));
  hub.requests.length = 0;
  vi.stubEnv('HF_TOKEN', '');
  vi.stubEnv('HF_TOKEN_PATH', join(cacheDir, 'no-token'));
  vi.stubEnv('HF_HUB_OFFLINE', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  hub.cdnHost = undefined;
  rmSync(cacheDir, { recursive: true, force: true });
});
const opts = () => ({ cacheDir, endpoint: hub.endpoint, quiet: true, retryDelayMs: 1 });

describe('resolveFile', () => {
  it('uses a local directory when given one, null for a missing file', async () => {
    const dir = join(cacheDir, 'local-model');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config.json'), '{}');
    expect(await resolveFile(dir, 'config.json')).toBe(join(dir, 'config.json'));
    expect(await resolveFile(dir, 'model.safetensors')).toBeNull();
    expect(hub.requests).toEqual([]);
  });

  it('downloads from the hub, null on EntryNotFoundError, so callers can try an alternative', async () => {
    const index = await resolveFile('org/model', 'model.safetensors.index.json', opts());
    const single = await resolveFile('org/model', 'model.safetensors', opts());
    expect(index).toBeNull();
    expect(sha256(readFileSync(single!))).toBe(sha256(WEIGHTS));
    // Offline: absent from a cached revision → null; a repository never downloaded → error.
    expect(await resolveFile('org/model', 'tokenizer.json', { ...opts(), offline: true })).toBeNull();
    await expect(
      resolveFile('org/other', 'config.json', { ...opts(), offline: true }),
    ).rejects.toBeInstanceOf(LocalEntryNotFoundError);
  });
  it('says a local folder does not exist instead of "Invalid repo id"', async () => {
    const missing = join(cacheDir, 'nonexist');
    await expect(resolveFile(missing, 'config.json', opts())).rejects.toThrow(
      `Local folder '${missing}' does not exist; give an existing folder or a hub repo id such as 'org/name'.`,
    );
    await expect(resolveFile('./nonexist', 'config.json', opts())).rejects.toThrow(
      /^Local folder '\.\/nonexist' does not exist \(resolved to \/.*nonexist\); give an existing folder/,
    );
    await expect(resolveFile('../x/y', 'config.json', opts())).rejects.toThrow(/Local folder '\.\.\/x\/y'/);
    const file = join(cacheDir, 'config.json');
    writeFileSync(file, '{}');
    await expect(resolveFile(file, 'config.json', opts())).rejects.toThrow(
      `'${file}' is a file; expected a folder holding config.json`,
    );
    expect(hub.requests).toEqual([]);
    // hfHubDownload keeps its message and adds what the path is.
    await expect(hfHubDownload('./nonexist', 'config.json', opts())).rejects.toThrow(
      /^Invalid repo id '\.\/nonexist': .* As a local path: Local folder '\.\/nonexist' does not exist/,
    );
  });

  it('a repo id the hub does not know also says there is no such local folder', async () => {
    await expect(resolveFile('org/none', 'config.json', opts())).rejects.toThrow(
      /Repository not found: model 'org\/none'.* There is no local folder 'org\/none' either \(resolved to /,
    );
    await expect(resolveFile('org/none', 'config.json', { ...opts(), offline: true })).rejects.toThrow(
      /Cannot find .* There is no local folder 'org\/none' either/,
    );
  });
});

describe('snapshotDownload', () => {
  it('downloads the filtered file list of a revision and returns snapshots/<commit>', async () => {
    const dir = await snapshotDownload('org/model', { ...opts(), allowPatterns: ['*.json', 'sub/*'] });
    expect(dir).toBe(join(cacheDir, 'models--org--model', 'snapshots', COMMIT));
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'sub']);
    expect(await snapshotDownload('org/model', { ...opts(), offline: true })).toBe(dir);
    await expect(snapshotDownload('org/none', { ...opts(), offline: true })).rejects.toThrow(
      /no cached snapshot/,
    );
  });
});

describe('download safety', () => {
  it('never sends the token to another origin (LFS CDN redirect)', async () => {
    hub.cdnHost = `localhost:${new URL(hub.endpoint).port}`;
    const path = await hfHubDownload('org/private', 'model.safetensors', { ...opts(), token: 'hf_x' });
    expect(sha256(readFileSync(path))).toBe(sha256(WEIGHTS));
    const head = hub.requests.find((r) => r.method === 'HEAD');
    const get = hub.requests.find((r) => r.method === 'GET');
    expect(head?.headers.authorization).toBe('Bearer hf_x');
    expect(get?.headers.host).toMatch(/^localhost:/);
    expect(get?.headers.authorization).toBeUndefined();
  });

  it('rejects bytes whose sha256 differs from the LFS etag and deletes them', async () => {
    const corrupting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'HEAD' || !String(input).includes('/cdn/')) return response;
      const body = Buffer.from(await response.arrayBuffer());
      body[10] ^= 0xff;
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const call = hfHubDownload('org/model', 'model.safetensors', { ...opts(), fetch: corrupting });
    await expect(call).rejects.toBeInstanceOf(DownloadIntegrityError);
    await expect(call).rejects.toThrow(/Checksum mismatch/);
    expect(readdirSync(join(cacheDir, 'models--org--model', 'blobs'))).toEqual([]);
  });

  it('keeps the partial file when aborted, for the next call to resume', async () => {
    const controller = new AbortController();
    hub.dropNextGetAfter.set(sha256(WEIGHTS), 1000);
    const call = hfHubDownload('org/model', 'model.safetensors', {
      ...opts(),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.downloadedBytes > 0) controller.abort();
      },
    });
    await expect(call).rejects.toThrow();
    const blobs = readdirSync(join(cacheDir, 'models--org--model', 'blobs'));
    expect(blobs).toEqual([`${sha256(WEIGHTS)}.incomplete`]);
  });
});

describe('ProgressBar', () => {
  it('prints bytes, percent, speed and ETA on a TTY, one line per file elsewhere', () => {
    let t = 0;
    const tty: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => tty.push(s), isTTY: true }, () => t);
    bar.update({ file: 'model.safetensors', downloadedBytes: 0, totalBytes: 4_000_000 });
    t = 1000;
    bar.update({ file: 'model.safetensors', downloadedBytes: 1_000_000, totalBytes: 4_000_000 });
    expect(tty.at(-1)).toContain(
      'model.safetensors [#####...............] 25% 1.0 MB/4.0 MB 1.0 MB/s ETA 00:03',
    );
    bar.done('model.safetensors');
    expect(tty.at(-1)?.endsWith('\n')).toBe(true);

    bar.update({ file: 'b.bin', downloadedBytes: 1, totalBytes: 2 });
    bar.abort('b.bin');
    expect(tty.at(-1)).toBe('\n');

    const log: string[] = [];
    const plain = new ProgressBar({ write: (s: string) => log.push(s), isTTY: false }, () => t);
    plain.update({ file: 'a.json', downloadedBytes: 10, totalBytes: 10 });
    expect(log).toEqual([]);
    plain.done('a.json');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^a\.json .*100% 10 B\/10 B/);
  });
});
