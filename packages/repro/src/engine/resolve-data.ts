import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ReproDataError } from '../errors.js';

/** Where an engine finds its inputs. */
export interface DataLocations {
  /** Spider folder (official layout), or null when none is available locally. */
  spiderDir: string | null;
  /** Folder holding the Gretel-schema parquet files, or null to download `gretelai/synthetic_text_to_sql`. */
  gretelDir: string | null;
  /** True when the Gretel-schema files are Spider re-shaped (`spider-as-gretel/`): tables must say so. */
  gretelIsSpider: boolean;
  /** Folder with the T5 tokenizer files, or null to load `t5-small`'s from the hub. */
  tokenizerDir: string | null;
}

/**
 * Finds the datasets and tokenizer under a data folder laid out as `spider/`, `spider-as-gretel/` or
 * `synthetic_text_to_sql/`, and `t5-small-tokenizer/`. Without a folder, everything comes from the hub (and
 * Spider, which is not on the hub with its databases, is unavailable).
 */
export function resolveDataLocations(dataDir: string | undefined): DataLocations {
  if (!dataDir) return { spiderDir: null, gretelDir: null, gretelIsSpider: false, tokenizerDir: null };
  if (!existsSync(dataDir))
    throw new ReproDataError(`data folder ${dataDir} does not exist (from --data-dir or T5SQL_DATA_DIR)`);
  const has = (name: string) => existsSync(join(dataDir, name));
  const gretelReal = has('synthetic_text_to_sql');
  return {
    spiderDir: has('spider') ? join(dataDir, 'spider') : null,
    gretelDir: gretelReal
      ? join(dataDir, 'synthetic_text_to_sql')
      : has('spider-as-gretel')
        ? join(dataDir, 'spider-as-gretel')
        : null,
    gretelIsSpider: !gretelReal && has('spider-as-gretel'),
    tokenizerDir: has('t5-small-tokenizer') ? join(dataDir, 't5-small-tokenizer') : null,
  };
}
