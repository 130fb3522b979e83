import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Default endpoint, as huggingface_hub's `ENDPOINT` constant. */
export const DEFAULT_ENDPOINT = 'https://huggingface.co';

type Env = Record<string, string | undefined>;

/** `HF_HOME`, else `$XDG_CACHE_HOME/huggingface`, else `~/.cache/huggingface` (huggingface_hub's rule). */
export function hfHome(env: Env = process.env): string {
  if (env.HF_HOME) return env.HF_HOME;
  const xdg = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'huggingface');
}

/**
 * The hub cache root: `HF_HUB_CACHE`, else the legacy `HUGGINGFACE_HUB_CACHE`, else `<HF_HOME>/hub`.
 *
 * @example
 * resolveCacheDir(); // '/home/me/.cache/huggingface/hub'
 */
export function resolveCacheDir(explicit?: string, env: Env = process.env): string {
  return explicit ?? env.HF_HUB_CACHE ?? env.HUGGINGFACE_HUB_CACHE ?? join(hfHome(env), 'hub');
}

/** `HF_ENDPOINT` without a trailing slash, else https://huggingface.co. */
export function resolveEndpoint(explicit?: string, env: Env = process.env): string {
  return (explicit ?? env.HF_ENDPOINT ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
}

/** True when HF_HUB_OFFLINE (or the older TRANSFORMERS_OFFLINE) is set to 1/true/yes/on. */
export function isOfflineEnv(env: Env = process.env): boolean {
  const truthy = (v: string | undefined) =>
    v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
  return truthy(env.HF_HUB_OFFLINE) || truthy(env.TRANSFORMERS_OFFLINE);
}

/**
 * The token to send: an explicit string wins, `false` disables; otherwise `HF_TOKEN`, the legacy
 * `HUGGING_FACE_HUB_TOKEN`, then the file at `HF_TOKEN_PATH` or `<HF_HOME>/token` (what `huggingface-cli login` writes).
 */
export function resolveToken(explicit?: string | false, env: Env = process.env): string | undefined {
  if (explicit === false) return undefined;
  if (explicit) return explicit;
  const fromEnv = env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN;
  if (fromEnv?.trim()) return fromEnv.trim();
  const path = env.HF_TOKEN_PATH ?? join(hfHome(env), 'token');
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8').trim();
  return text || undefined;
}
