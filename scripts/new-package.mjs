#!/usr/bin/env node
// Scaffolds packages/<name> with the layout every @t5sql package shares:
// package.json (exports map, files, sideEffects), tsconfig, vitest config, src/index.ts, a test and a README.
// Usage: node scripts/new-package.mjs <name> "<one-line description>"
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [name, description = ''] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('usage: node scripts/new-package.mjs <kebab-case-name> "<description>"');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'packages', name);
if (existsSync(dir)) {
  console.error(`packages/${name} already exists`);
  process.exit(1);
}
const write = (rel, text) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
write(
  'package.json',
  `${JSON.stringify(
    {
      name: `@t5sql/${name}`,
      version: '0.0.0',
      description,
      license: 'MIT',
      type: 'module',
      sideEffects: false,
      exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' } },
      main: './dist/index.js',
      types: './dist/index.d.ts',
      files: ['dist', 'README.md'],
      engines: { node: '>=20.10' },
      publishConfig: { access: 'public' },
      scripts: {
        build: 'tsc -b',
        'type-check': 'tsc -p tsconfig.test.json',
        test: 'vitest run',
      },
    },
    null,
    2,
  )}\n`,
);
write(
  'tsconfig.json',
  `${JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
      include: ['src'],
      exclude: ['src/**/*.test.ts'],
    },
    null,
    2,
  )}\n`,
);
write(
  'tsconfig.test.json',
  `${JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { composite: false, noEmit: true, rootDir: '.' },
      include: ['src', 'test'],
    },
    null,
    2,
  )}\n`,
);
write('vitest.config.ts', "import shared from '../../vitest.shared';\n\nexport default shared;\n");
write('src/index.ts', `/** @t5sql/${name}: ${description} */\nexport {};\n`);
write('README.md', `# @t5sql/${name}\n\n${description}\n`);
console.log(`created packages/${name}`);
