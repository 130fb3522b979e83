import { UsageError } from './usage-error.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** A string option, or `fallback`; a missing required one is a usage error naming the option. */
export function str(values: Values, name: string, fallback?: string): string {
  const v = values[name];
  if (typeof v === 'string') return v;
  if (fallback !== undefined) return fallback;
  throw new UsageError(`missing required option --${name}`);
}

/** An optional string option. */
export function optStr(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric option; the error names the option and the text given. */
export function num(
  values: Values,
  name: string,
  fallback?: number,
  opts: { integer?: boolean; min?: number } = {},
): number {
  const v = values[name];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`missing required option --${name}`);
  }
  const x = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(x)) {
    throw new UsageError(`--${name}: expected a number, got "${String(v)}"`);
  }
  if (opts.integer && !Number.isInteger(x))
    throw new UsageError(`--${name}: expected an integer, got "${v}"`);
  if (opts.min !== undefined && x < opts.min)
    throw new UsageError(`--${name}: expected at least ${opts.min}, got ${x}`);
  return x;
}

/** One of a fixed set of words. */
export function choice<T extends string>(
  values: Values,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const v = values[name] ?? fallback;
  if (v === undefined)
    throw new UsageError(`missing required option --${name} (one of ${allowed.join(', ')})`);
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw new UsageError(`--${name}: expected one of ${allowed.join(', ')}, got "${String(v)}"`);
  }
  return v as T;
}

/** A comma-separated list option. */
export function list(values: Values, name: string, fallback: string[]): string[] {
  const v = values[name];
  if (typeof v !== 'string') return fallback;
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
