// The temporary names the atomic writers use: in the target's own folder (so the rename never crosses file
// systems), unique per process and call: `<name>.<pid>.<12 hex>.tmp`.
import { randomBytes } from 'node:crypto';

/** Matches the base name of a {@link tempSibling} file: `<name>.<pid>.<12 hex>.tmp`. */
export const TEMP_SIBLING_NAME = /^.+\.\d+\.[0-9a-f]{12}\.tmp$/;

/**
 * A temporary path beside `path`: `<path>.<pid>.<12 hex>.tmp`. The suffix only needs to be unique among concurrent
 * writers; it never affects the content.
 *
 * @example
 * ```ts
 * tempSibling('out/result.json'); // 'out/result.json.4242.9f86d081884c.tmp'
 * ```
 */
export function tempSibling(path: string): string {
  return `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}
