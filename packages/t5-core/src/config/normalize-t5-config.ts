import { type T5Config, type T5ConfigJson, parseT5Config } from './t5-config.js';

/**
 * A validated {@link T5Config} from either form a caller may hold: a resolved config is re-parsed (its `extra` keys
 * merged back), so a hand-edited object is checked like `config.json` content, which is parsed as is.
 */
export function normalizeT5Config(config: T5Config | T5ConfigJson): T5Config {
  if ('extra' in config && config.extra !== null && typeof config.extra === 'object') {
    const { extra, ...known } = config as T5Config;
    return parseT5Config({ ...extra, ...known });
  }
  return parseT5Config(config as T5ConfigJson);
}
