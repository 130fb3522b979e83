// Which modules a LoRA config adapts, and with what rank and alpha: PEFT's `check_target_module_exists`,
// `layers_to_transform` and `rank_pattern` / `alpha_pattern` rules applied to HF module names.
import { PeftConfigError } from '../../errors.js';
import type { LoraConfig } from './config.js';

/** A linear module of the model by HF name. */
export interface LinearModuleInfo {
  path: string;
  inFeatures: number;
  outFeatures: number;
}

/** One module LoRA adapts, with its resolved rank and alpha. */
export interface LoraTarget extends LinearModuleInfo {
  r: number;
  alpha: number;
}

const LAYER_PATTERNS = ['layers', 'h', 'block', 'blocks', 'layer'];

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** PEFT's matching: a regex string full-matches the name; a list matches the name exactly or as a dotted suffix. */
export function moduleMatches(patterns: string[] | string, path: string): boolean {
  if (typeof patterns === 'string') return new RegExp(`^(?:${patterns})$`).test(path);
  return patterns.some((t) => path === t || path.endsWith(`.${t}`));
}

/** The block index PEFT reads for `layers_to_transform` (first of its common layer patterns that matches). */
function layerIndex(path: string, layersPattern: string[] | string | null): number | undefined {
  const patterns =
    layersPattern === null
      ? LAYER_PATTERNS
      : typeof layersPattern === 'string'
        ? [layersPattern]
        : layersPattern;
  for (const p of patterns) {
    const m = new RegExp(`^.*\\.${escapeRegex(p)}\\.(\\d+)\\.`).exec(path);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The `rank_pattern` / `alpha_pattern` key PEFT picks for a module (`(.*\.)?key$`), if any. */
function patternValue(pattern: Record<string, number>, path: string): number | undefined {
  for (const [key, value] of Object.entries(pattern)) {
    if (new RegExp(`^(.*\\.)?(?:${key})$`).test(path)) return value;
  }
  return undefined;
}

/** True for the model's output layer, which PEFT's `"all-linear"` leaves out. */
function isOutputLayer(path: string): boolean {
  return path === 'lm_head';
}

/**
 * The modules a config adapts, in the order given, with rank and alpha resolved.
 * Throws when nothing matches (as PEFT does), naming the patterns and a few module names.
 */
export function resolveLoraTargets(config: LoraConfig, modules: LinearModuleInfo[]): LoraTarget[] {
  const out: LoraTarget[] = [];
  for (const m of modules) {
    const wanted =
      config.target_modules === 'all-linear'
        ? !isOutputLayer(m.path)
        : moduleMatches(config.target_modules, m.path);
    if (!wanted) continue;
    if (config.exclude_modules !== null && moduleMatches(config.exclude_modules, m.path)) continue;
    if (config.layers_to_transform !== null) {
      const allowed = Array.isArray(config.layers_to_transform)
        ? config.layers_to_transform
        : [config.layers_to_transform];
      const index = layerIndex(m.path, config.layers_pattern);
      if (index === undefined || !allowed.includes(index)) continue;
    }
    out.push({
      ...m,
      r: patternValue(config.rank_pattern, m.path) ?? config.r,
      alpha: patternValue(config.alpha_pattern, m.path) ?? config.lora_alpha,
    });
  }
  if (out.length === 0) {
    throw new PeftConfigError(
      'LoraConfig',
      `LoRA: target_modules ${JSON.stringify(config.target_modules)} match no linear module ` +
        `(modules look like ${modules
          .slice(0, 3)
          .map((m) => m.path)
          .join(', ')})`,
      { field: 'target_modules' },
    );
  }
  return out;
}
