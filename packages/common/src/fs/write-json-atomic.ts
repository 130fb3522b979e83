import { writeFileAtomic, writeFileAtomicSync } from './write-file-atomic.js';

/** How {@link writeJsonAtomic} lays the JSON out. */
export interface WriteJsonOptions {
  /** Spaces per level (default 2); 0 writes one line. A newline always ends the file. */
  indent?: number;
}

function jsonText(value: unknown, options: WriteJsonOptions): string {
  const indent = options.indent ?? 2;
  return `${indent > 0 ? JSON.stringify(value, null, indent) : JSON.stringify(value)}\n`;
}

/**
 * Writes `value` as JSON (pretty by default, newline-terminated) through {@link writeFileAtomic}.
 *
 * @example
 * ```ts
 * await writeJsonAtomic('out/metrics.json', { rouge1: 0.5 });
 * ```
 */
export async function writeJsonAtomic(
  path: string,
  value: unknown,
  options: WriteJsonOptions = {},
): Promise<void> {
  await writeFileAtomic(path, jsonText(value, options));
}

/**
 * {@link writeJsonAtomic}, synchronously.
 *
 * @example
 * ```ts
 * writeJsonAtomicSync('runs/a/run-manifest.json', manifest);
 * ```
 */
export function writeJsonAtomicSync(path: string, value: unknown, options: WriteJsonOptions = {}): void {
  writeFileAtomicSync(path, jsonText(value, options));
}
