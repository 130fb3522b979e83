// The small JSON chores every method's config shares: reading its fields out of adapter_config.json, dropping
// unset input fields, and writing keys sorted as PEFT's `to_json_string` does.

/** The named fields of `json` that are present (PEFT writes many more; each method reads its own). */
export function pickFields(
  json: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (json[f] !== undefined) out[f] = json[f];
  return out;
}

/** `input` without its `undefined` fields, so they take the config's defaults instead. */
export function definedFields<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The object with its keys in sorted order (PEFT's adapter_config.json is written with `sort_keys=True`). */
export function sortedKeys(json: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(json).sort(([a], [b]) => a.localeCompare(b)));
}
