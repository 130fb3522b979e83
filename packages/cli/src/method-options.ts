import type { MethodSpec } from '@t5sql/peft';
import { choice, list, num } from './parse-values.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** Options that describe a fine-tuning method. */
export const METHOD_OPTIONS = {
  method: { type: 'string' },
  r: { type: 'string' },
  alpha: { type: 'string' },
  'lora-dropout': { type: 'string' },
  targets: { type: 'string' },
  'virtual-tokens': { type: 'string' },
} as const;

/** Help lines for {@link METHOD_OPTIONS}. */
export const METHOD_HELP = `Method:
  --method <m>            full | lora | qlora | prefix | none
  --r <n>                 LoRA / QLoRA rank (default 8)
  --alpha <n>             LoRA alpha (default 32)
  --lora-dropout <p>      LoRA dropout (default 0.1)
  --targets <list>        LoRA target modules, comma-separated (default q,v)
  --virtual-tokens <n>    prefix tuning: virtual tokens (default 20)`;

/** The method the options describe (`fallback` when --method is absent). */
export function methodFromValues(values: Values, fallback: MethodSpec['kind']): MethodSpec {
  const kind = choice(values, 'method', ['full', 'lora', 'qlora', 'prefix', 'none'], fallback);
  const r = num(values, 'r', 8, { integer: true, min: 1 });
  const loraAlpha = num(values, 'alpha', 32, { min: 0 });
  const loraDropout = num(values, 'lora-dropout', 0.1, { min: 0 });
  const targetModules = list(values, 'targets', ['q', 'v']);
  switch (kind) {
    case 'none':
    case 'full':
      return { kind };
    case 'lora':
      return { kind, r, loraAlpha, loraDropout, targetModules };
    case 'qlora':
      return { kind, r, loraAlpha, loraDropout, targetModules, doubleQuant: true, blockSize: 64 };
    case 'prefix':
      return {
        kind,
        numVirtualTokens: num(values, 'virtual-tokens', 20, { integer: true, min: 1 }),
        prefixProjection: false,
      };
  }
}
