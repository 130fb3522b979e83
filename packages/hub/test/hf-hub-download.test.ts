import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EntryNotFoundError,
  HubAuthError,
  LocalEntryNotFoundError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
  hfHubDownload,
} from '../src/index.js';
import { type FakeHub, gitSha1, sha256, startFakeHub } from './fake-hub.js';

const COMMIT = 'a'.repeat(40);
const DATASET_COMMIT = 'b'.repeat(40);
// Deterministic pseudo-random bytes (an LCG), so a resumed download is checked against non-repeating content.
function bytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}
const CONFIG = Buffer.from('{"d_model": 512}\n');
const WEIGHTS = bytes(200_000, 7);
const PARQUET = bytes(30_000, 11);

let hub: FakeHub;
let cacheDir: string;

beforeAll(async () => {
  hub = await startFakeHub({
    'google-t5/t5-small': {
      type: 'model',
      commit: COMMIT,
      files: { 'config.json': { content: CONFIG }, 'model.safetensors': { content: WEIGHTS, lfs: true } },
    },
    'gretelai/synthetic_text_to_sql': {
      type: 'dataset',
      commit: DATASET_COMMIT,
      files: { 'data/train.parquet': { content: PARQUET, lfs: true } },
    },
    'me/private': {
      type: 'model',
      commit: COMMIT,
      token: 'hf_secret',
      files: { 'config.json': { content: CONFIG } },
    },
  });
});
afterAll(() => hub.close());
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 't5sql-hub-'));
  hub.requests.length = 0;
  // Keep the developer's real token and offline flag out of the tests.
  vi.stubEnv('HF_TOKEN', '');
  vi.stubEnv('HF_TOKEN_PATH', join(cacheDir, 'no-token'));
  vi.stubEnv('HF_HUB_OFFLINE', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(cacheDir, { recursive: true, force: true });
});

const opts = () => ({ cacheDir, endpoint: hub.endpoint, quiet: true, retryDelayMs: 1 });

describe('hfHubDownload against a fake hub on 127.0.0.1', () => {
  it('lays out blobs/, snapshots/ (relative symlink) and refs/ as huggingface_hub does', async () => {
    const path = await hfHubDownload('google-t5/t5-small', 'config.json', opts());
    const root = join(cacheDir, 'models--google-t5--t5-small');
    expect(path).toBe(join(root, 'snapshots', COMMIT, 'config.json'));
    expect(readFileSync(path)).toEqual(CONFIG);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path)).toBe(join('..', '..', 'blobs', gitSha1(CONFIG)));
    expect(readFileSync(join(root, 'refs', 'main'), 'utf8')).toBe(COMMIT);
    expect(hub.requests.map((r) => r.method)).toEqual(['HEAD', 'GET']);
    expect(hub.requests[0].url).toBe('/google-t5/t5-small/resolve/main/config.json');
  });

  it('follows the LFS redirect, names the blob by sha256 and reports progress', async () => {
    const seen: number[] = [];
    const path = await hfHubDownload('google-t5/t5-small', 'model.safetensors', {
      ...opts(),
      onProgress: (p) => {
        expect(p).toMatchObject({ file: 'model.safetensors', totalBytes: WEIGHTS.length });
        seen.push(p.downloadedBytes);
      },
    });
    expect(sha256(readFileSync(path))).toBe(sha256(WEIGHTS));
    expect(readlinkSync(path)).toBe(join('..', '..', 'blobs', sha256(WEIGHTS)));
    expect(seen.at(-1)).toBe(WEIGHTS.length);
    expect(hub.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'HEAD /google-t5/t5-small/resolve/main/model.safetensors',
      `GET /cdn/${sha256(WEIGHTS)}`,
    ]);
  });

  it('answers a cached file with one HEAD and a cached commit-hash revision with no request', async () => {
    await hfHubDownload('google-t5/t5-small', 'config.json', opts());
    hub.requests.length = 0;
    await hfHubDownload('google-t5/t5-small', 'config.json', opts());
    expect(hub.requests.map((r) => r.method)).toEqual(['HEAD']);
    hub.requests.length = 0;
    const path = await hfHubDownload('google-t5/t5-small', 'config.json', { ...opts(), revision: COMMIT });
    expect(readFileSync(path)).toEqual(CONFIG);
    expect(hub.requests).toEqual([]);
  });

  it('downloads dataset repos under /datasets/ into datasets--org--name', async () => {
    const path = await hfHubDownload('gretelai/synthetic_text_to_sql', 'data/train.parquet', {
      ...opts(),
      repoType: 'dataset',
    });
    expect(path).toBe(
      join(
        cacheDir,
        'datasets--gretelai--synthetic_text_to_sql',
        'snapshots',
        DATASET_COMMIT,
        'data',
        'train.parquet',
      ),
    );
    expect(readlinkSync(path)).toBe(join('..', '..', '..', 'blobs', sha256(PARQUET)));
    expect(readFileSync(path)).toEqual(PARQUET);
    expect(hub.requests[0].url).toBe(
      '/datasets/gretelai/synthetic_text_to_sql/resolve/main/data/train.parquet',
    );
  });

  it('resumes a dropped download from blobs/<etag>.incomplete with a Range request', async () => {
    const etag = sha256(WEIGHTS);
    hub.dropNextGetAfter.set(etag, 70_000);
    const first = hfHubDownload('google-t5/t5-small', 'model.safetensors', { ...opts(), retries: 0 });
    await expect(first).rejects.toThrow();
    const incomplete = join(cacheDir, 'models--google-t5--t5-small', 'blobs', `${etag}.incomplete`);
    const partial = statSync(incomplete).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(WEIGHTS.length);
    expect(readFileSync(incomplete)).toEqual(WEIGHTS.subarray(0, partial));

    hub.requests.length = 0;
    const path = await hfHubDownload('google-t5/t5-small', 'model.safetensors', opts());
    const get = hub.requests.find((r) => r.method === 'GET');
    expect(get?.headers.range).toBe(`bytes=${partial}-`);
    expect(sha256(readFileSync(path))).toBe(etag);
    expect(existsSync(incomplete)).toBe(false);
  });

  it('retries within one call, resuming where the connection dropped', async () => {
    const etag = sha256(WEIGHTS);
    hub.dropNextGetAfter.set(etag, 50_000);
    const path = await hfHubDownload('google-t5/t5-small', 'model.safetensors', { ...opts(), retries: 2 });
    expect(sha256(readFileSync(path))).toBe(etag);
    const gets = hub.requests.filter((r) => r.method === 'GET');
    expect(gets).toHaveLength(2);
    expect(gets[1].headers.range).toMatch(/^bytes=\d+-$/);
  });

  it('serves from the cache only in offline mode, by option or HF_HUB_OFFLINE=1', async () => {
    const online = await hfHubDownload('google-t5/t5-small', 'config.json', opts());
    hub.requests.length = 0;
    expect(await hfHubDownload('google-t5/t5-small', 'config.json', { ...opts(), offline: true })).toBe(
      online,
    );
    vi.stubEnv('HF_HUB_OFFLINE', '1');
    expect(await hfHubDownload('google-t5/t5-small', 'config.json', opts())).toBe(online);
    expect(hub.requests).toEqual([]);
    const missing = hfHubDownload('google-t5/t5-small', 'model.safetensors', opts());
    await expect(missing).rejects.toBeInstanceOf(LocalEntryNotFoundError);
    await expect(missing).rejects.toThrow(/model\.safetensors.*never downloaded/);
  });

  it('offline with an empty cache names the missing ref', async () => {
    const call = hfHubDownload('google-t5/t5-small', 'config.json', { ...opts(), offline: true });
    await expect(call).rejects.toBeInstanceOf(LocalEntryNotFoundError);
    await expect(call).rejects.toThrow(join('models--google-t5--t5-small', 'refs', 'main'));
    await expect(call).rejects.toThrow(/'config\.json' of model 'google-t5\/t5-small' at revision 'main'/);
  });

  it('maps 404s to EntryNotFoundError and remembers them in .no_exist', async () => {
    const call = hfHubDownload('google-t5/t5-small', 'model.safetensors.index.json', opts());
    await expect(call).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(call).rejects.toThrow(/model\.safetensors\.index\.json/);
    expect(
      existsSync(
        join(cacheDir, 'models--google-t5--t5-small', '.no_exist', COMMIT, 'model.safetensors.index.json'),
      ),
    ).toBe(true);
    const offline = hfHubDownload('google-t5/t5-small', 'model.safetensors.index.json', {
      ...opts(),
      offline: true,
    });
    await expect(offline).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(
      hfHubDownload('google-t5/t5-small', 'config.json', { ...opts(), revision: 'v9' }),
    ).rejects.toBeInstanceOf(RevisionNotFoundError);
    await expect(hfHubDownload('nobody/nothing', 'config.json', opts())).rejects.toBeInstanceOf(
      RepositoryNotFoundError,
    );
  });

  it('turns 401 into an auth error that mentions HF_TOKEN', async () => {
    const call = hfHubDownload('me/private', 'config.json', opts());
    await expect(call).rejects.toBeInstanceOf(HubAuthError);
    await expect(call).rejects.toThrow(/HF_TOKEN/);
    await expect(
      hfHubDownload('me/private', 'config.json', { ...opts(), token: 'hf_wrong' }),
    ).rejects.toThrow(/does not grant access/);
  });

  it('sends the token as Authorization: Bearer, from the option, HF_TOKEN or the token file', async () => {
    await hfHubDownload('me/private', 'config.json', { ...opts(), token: 'hf_secret' });
    expect(hub.requests.every((r) => r.headers.authorization === 'Bearer hf_secret')).toBe(true);

    rmSync(join(cacheDir, 'models--me--private'), { recursive: true });
    vi.stubEnv('HF_TOKEN', 'hf_secret');
    await expect(hfHubDownload('me/private', 'config.json', opts())).resolves.toContain('config.json');

    rmSync(join(cacheDir, 'models--me--private'), { recursive: true });
    vi.stubEnv('HF_TOKEN', '');
    writeFileSync(join(cacheDir, 'token-file'), 'hf_secret\n');
    vi.stubEnv('HF_TOKEN_PATH', join(cacheDir, 'token-file'));
    hub.requests.length = 0;
    await hfHubDownload('me/private', 'config.json', opts());
    expect(hub.requests[0].headers.authorization).toBe('Bearer hf_secret');
  });

  it('finds the cache through HF_HUB_CACHE and HF_HOME, and the hub through HF_ENDPOINT', async () => {
    vi.stubEnv('HF_ENDPOINT', hub.endpoint);
    vi.stubEnv('HF_HUB_CACHE', join(cacheDir, 'direct'));
    const a = await hfHubDownload('google-t5/t5-small', 'config.json', { quiet: true });
    expect(a.startsWith(join(cacheDir, 'direct', 'models--google-t5--t5-small'))).toBe(true);
    vi.stubEnv('HF_HUB_CACHE', undefined);
    vi.stubEnv('HF_HOME', join(cacheDir, 'home'));
    const b = await hfHubDownload('google-t5/t5-small', 'config.json', { quiet: true });
    expect(b.startsWith(join(cacheDir, 'home', 'hub', 'models--google-t5--t5-small'))).toBe(true);
  });

  it('shares one download between concurrent calls for the same blob', async () => {
    const [a, b] = await Promise.all([
      hfHubDownload('google-t5/t5-small', 'model.safetensors', opts()),
      hfHubDownload('google-t5/t5-small', 'model.safetensors', opts()),
    ]);
    expect(a).toBe(b);
    expect(hub.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    expect(sha256(readFileSync(a))).toBe(sha256(WEIGHTS));
  });

  it('rejects repo ids and filenames that would escape the cache', async () => {
    await expect(hfHubDownload('../evil', 'x', opts())).rejects.toThrow(/Invalid repo id/);
    await expect(hfHubDownload('a/b', '../../etc/passwd', opts())).rejects.toThrow(/Invalid filename/);
  });
});
