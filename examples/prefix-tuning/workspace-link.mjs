// Inside the t5sql repository, links `@t5sql/*` to the built packages (../workspace-link.mjs, shared by the
// examples). Copied out of the repository, with the packages installed from npm, it does nothing.
import { existsSync } from 'node:fs';

const shared = new URL('../workspace-link.mjs', import.meta.url);
if (existsSync(shared)) await import(shared.href);
