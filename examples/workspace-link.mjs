// Lets the examples run inside the t5sql repository without `npm install`: `@t5sql/<pkg>` resolves to the built
// ../packages/<pkg>/dist (run `pnpm build` at the repo root first), and other bare imports (tfjs) resolve from
// those packages' own node_modules. Each TensorFlow example's own `workspace-link.mjs` loads this file when it
// exists (`node --import ./workspace-link.mjs`); copied out of the repository, the example's file does nothing.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const packagesDir = new URL('../packages/', import.meta.url);
const inRepo = existsSync(fileURLToPath(new URL('t5-core/package.json', packagesDir)));

/** Module resolution hook (runs on Node's loader thread). */
export async function resolve(specifier, context, nextResolve) {
  const match = /^@t5sql\/([a-z0-9-]+)$/.exec(specifier);
  if (match) {
    const entry = new URL(`${match[1]}/dist/index.js`, packagesDir);
    if (existsSync(fileURLToPath(entry))) return { url: entry.href, shortCircuit: true };
    throw new Error(
      `${specifier}: ${fileURLToPath(entry)} is missing; run \`pnpm build\` at the repository root`,
    );
  }
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    // A bare import the example makes itself (e.g. @tensorflow/tfjs-core): resolve it as t5-core would.
    if (/^[@a-z]/.test(specifier)) {
      return nextResolve(specifier, {
        ...context,
        parentURL: new URL('t5-core/package.json', packagesDir).href,
      });
    }
    throw err;
  }
}

// npm runs an example's scripts in its folder: an example with its own installed @t5sql packages uses those.
const exampleDir = pathToFileURL(`${process.cwd()}/`);
if (isMainThread && inRepo && !existsSync(fileURLToPath(new URL('./node_modules/@t5sql', exampleDir)))) {
  register(import.meta.url, exampleDir);
}
