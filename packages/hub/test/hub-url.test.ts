import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hubFileUrl,
  isOfflineEnv,
  normalizeEtag,
  repoFolderName,
  resolveCacheDir,
  resolveEndpoint,
} from '../src/index.js';

describe('URLs, folder names and environment rules (as huggingface_hub)', () => {
  it('builds resolve URLs, encoding the revision whole and the filename per segment', () => {
    expect(hubFileUrl('https://huggingface.co', 't5-small', 'model', 'main', 'config.json')).toBe(
      'https://huggingface.co/t5-small/resolve/main/config.json',
    );
    expect(hubFileUrl('https://hf.co', 'org/ds', 'dataset', 'refs/pr/1', 'data/a b.parquet')).toBe(
      'https://hf.co/datasets/org/ds/resolve/refs%2Fpr%2F1/data/a%20b.parquet',
    );
  });

  it('names cache folders models--org--name, datasets--..., and single-name repos too', () => {
    expect(repoFolderName('google-t5/t5-small', 'model')).toBe('models--google-t5--t5-small');
    expect(repoFolderName('t5-small', 'model')).toBe('models--t5-small');
    expect(repoFolderName('b-mc2/sql-create-context', 'dataset')).toBe('datasets--b-mc2--sql-create-context');
  });

  it('strips quotes and the weak prefix from ETags', () => {
    expect(normalizeEtag('"abc"')).toBe('abc');
    expect(normalizeEtag('W/"abc"')).toBe('abc');
    expect(normalizeEtag(null)).toBeNull();
  });

  it('reads HF_HUB_CACHE > HF_HOME/hub > XDG_CACHE_HOME > ~/.cache, HF_ENDPOINT and HF_HUB_OFFLINE', () => {
    expect(resolveCacheDir(undefined, { HF_HUB_CACHE: '/a', HF_HOME: '/b' })).toBe('/a');
    expect(resolveCacheDir(undefined, { HF_HOME: '/b' })).toBe(join('/b', 'hub'));
    expect(resolveCacheDir(undefined, { XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'huggingface', 'hub'));
    expect(resolveCacheDir('/explicit', { HF_HUB_CACHE: '/a' })).toBe('/explicit');
    expect(resolveEndpoint(undefined, { HF_ENDPOINT: 'https://mirror.example/' })).toBe(
      'https://mirror.example',
    );
    expect(resolveEndpoint(undefined, {})).toBe('https://huggingface.co');
    expect(isOfflineEnv({ HF_HUB_OFFLINE: '1' })).toBe(true);
    expect(isOfflineEnv({ HF_HUB_OFFLINE: '0' })).toBe(false);
    expect(isOfflineEnv({})).toBe(false);
  });
});
