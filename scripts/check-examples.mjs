#!/usr/bin/env node
// Type-checks the code examples users read: every ```ts block of packages/*/README.md, and every `@example` in the
// JSDoc of a declaration that a package's `src/index.ts` exports (or of a module, in a comment opening its file). Each example becomes its own module under
// node_modules/.cache/check-examples/, compiled with `tsc --noEmit` against the built packages (`dist/*.d.ts`, so
// the script runs `turbo run build` first; `pnpm type-check` runs this script).
//
// What an example may leave out:
// - imports of workspace packages: a name its own package exports (else the one other package that exports it),
//   used without importing or declaring it, is imported for it;
// - the placeholders of scripts/examples-prelude.d.ts (`model`, `tok`, `trainer`, `examples`, ...), typed with the
//   real APIs, for the values an example takes from the ones before it. Any other free name is an error.
//
// An example that is not meant to compile (pseudo-code, another language) opts out:
// - in a README, fence it as ```ts nocheck (or use another language tag);
// - in JSDoc, fence it as ```ts nocheck, or start it with a line `// nocheck`.
//
// Usage: node scripts/check-examples.mjs [--list] [--no-build]
//   --list      print each generated file and the README line or JSDoc comment it comes from
//   --no-build  skip `turbo run build` (the packages' dist/ must be current)
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ts = require('typescript');
const outDir = join(root, 'node_modules', '.cache', 'check-examples');
const list = process.argv.includes('--list');

// The examples compile against the built packages: build them first (turbo's cache makes this quick after a build).
if (!process.argv.includes('--no-build')) {
  const turbo = join(root, 'node_modules', '.bin', 'turbo');
  try {
    execFileSync(turbo, ['run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch {
    console.error('check-examples: the packages do not build (see above)');
    process.exit(1);
  }
}

const packages = readdirSync(join(root, 'packages')).filter((p) =>
  existsSync(join(root, 'packages', p, 'package.json')),
);

/** `@t5sql/<pkg>` of a package folder, or undefined for a package without a TypeScript entry point. */
function packageName(dir) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  return existsSync(join(root, 'packages', dir, 'src', 'index.ts')) ? pkg.name : undefined;
}

/**
 * The entry points of a built package (`@t5sql/t5-core`, `@t5sql/t5-core/internal`, ...) from its `exports` map,
 * each with the names it exports (values and types), read from its `.d.ts`.
 */
function entryPoints(dir) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  const entries = new Map();
  for (const [sub, target] of Object.entries(pkg.exports ?? { '.': { types: pkg.types } })) {
    const types = typeof target === 'string' ? target.replace(/\.js$/, '.d.ts') : target.types;
    if (types === undefined) continue;
    const file = join(root, 'packages', dir, types);
    if (!existsSync(file)) {
      throw new Error(`check-examples: ${relative(root, file)} is missing; run \`pnpm build\` first`);
    }
    const program = ts.createProgram([file], { noEmit: true, skipLibCheck: true });
    const checker = program.getTypeChecker();
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(file));
    const names = new Set(symbol ? checker.getExportsOfModule(symbol).map((x) => x.name) : []);
    entries.set(sub === '.' ? pkg.name : `${pkg.name}${sub.slice(1)}`, names);
  }
  return entries;
}

/** Code without comments and string contents, for finding identifiers. */
function codeOnly(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\\n])*\1/g, "''");
}

/** Names an example declares or imports itself. */
function ownNames(code) {
  const names = new Set();
  const decl = /\b(?:const|let|var|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of code.matchAll(decl)) names.add(m[1]);
  const destructure = /\b(?:const|let|var)\s*[{[]([^}\]=]*)[}\]]\s*=/g;
  for (const m of code.matchAll(destructure)) {
    for (const part of m[1].split(',')) {
      const name = part.split(':').at(-1).split('=')[0].replace('...', '').trim();
      if (name) names.add(name);
    }
  }
  for (const m of code.matchAll(/\bimport\s+(?:type\s+)?([\s\S]*?)\s+from\s/g)) {
    for (const part of m[1].replace(/[{}*]/g, ' ').split(/[\s,]+/))
      if (part && part !== 'type') names.add(part);
  }
  return names;
}

/**
 * An example as a module: a workspace package's name it uses without importing or declaring it is imported from
 * its own package's entry points (the main one first), else from the one other package that exports it.
 */
function toModule(example, pkg, entriesOf) {
  const code = codeOnly(example.code);
  const own = ownNames(code);
  const used = [...new Set(code.match(/(?<![.\w$])[A-Za-z_$][\w$]*/g) ?? [])]
    .filter((n) => !own.has(n))
    .sort();
  const firstEntry = (entries, name) => [...entries].find(([, names]) => names.has(name))?.[0];
  const imports = new Map();
  for (const name of used) {
    let from = firstEntry(entriesOf.get(pkg), name);
    if (from === undefined) {
      const others = [...entriesOf.values()].map((e) => firstEntry(e, name)).filter((f) => f !== undefined);
      if (others.length === 1) from = others[0];
    }
    if (from !== undefined) imports.set(from, [...(imports.get(from) ?? []), name]);
  }
  const head = [...imports]
    .map(([from, names]) => `import { ${names.join(', ')} } from '${from}';\n`)
    .join('');
  return `// ${example.where}\n${head}${example.code}\nexport {};\n`;
}

/** ```ts blocks of a markdown file, with the line each starts on. */
function markdownBlocks(file) {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
    const lang = open[1];
    const check = (lang === 'ts' || lang === 'typescript') && !/\bnocheck\b/.test(open[2]);
    if (check)
      blocks.push({ where: `${relative(root, file)}:${i + 2}`, code: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return blocks;
}

/** The declaration a JSDoc comment ending at `end` documents: its name, or the enclosing exported class's. */
function documentedName(text, start, end) {
  const after = text.slice(end).replace(/^\s+/, '');
  const exported =
    /^export\s+(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|interface|type|enum)\s+([A-Za-z_$][\w$]*)/.exec(
      after,
    );
  if (exported) return exported[1];
  if (start === text.search(/\S/)) return '*'; // a comment opening the file documents the module
  // A member: the class (or interface) it sits in, if that is exported.
  const before = text.slice(0, start);
  const classes = [
    ...before.matchAll(/^export\s+(?:abstract\s+)?(?:class|interface)\s+([A-Za-z_$][\w$]*)/gm),
  ];
  const last = classes.at(-1);
  if (last && !/^\}/m.test(before.slice(last.index))) return last[1];
  return undefined;
}

/** `@example` sections of the JSDoc in `file`, with the name of what each documents. */
function jsdocExamples(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    if (!m[0].includes('@example')) continue;
    const lines = m[0]
      .replace(/^\/\*\*/, '')
      .replace(/\*\/$/, '')
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''));
    const firstLine = text.slice(0, m.index).split('\n').length;
    const name = documentedName(text, m.index, m.index + m[0].length);
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i])) continue;
      let j = i + 1;
      while (j < lines.length && !/^@\w/.test(lines[j])) j++;
      let body = lines.slice(i + 1, j);
      const fence = body.findIndex((l) => /^```/.test(l));
      let nocheck = /\bnocheck\b/.test(lines[i]);
      if (fence >= 0) {
        const lang = /^```(\S*)/.exec(body[fence])[1];
        nocheck ||= /\bnocheck\b/.test(body[fence]) || !['', 'ts', 'typescript'].includes(lang);
        const close = body.findIndex((l, k) => k > fence && /^```/.test(l));
        body = body.slice(fence + 1, close < 0 ? body.length : close);
      }
      nocheck ||= /^\s*\/\/\s*nocheck\b/.test(body.find((l) => l.trim() !== '') ?? '');
      const code = body.join('\n').trim();
      if (code) out.push({ where: `${relative(root, file)}:${firstLine + i}`, name, code, nocheck });
      i = j - 1;
    }
  }
  return out;
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(entry) && !/\.(test|d)\.ts$/.test(entry)) out.push(path);
  }
  return out;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = [];
let skipped = 0;
let notExported = 0;
const entriesOf = new Map();
for (const dir of packages) {
  const pkg = packageName(dir);
  if (pkg !== undefined) entriesOf.set(pkg, entryPoints(dir));
}
for (const dir of packages) {
  const pkg = packageName(dir);
  if (pkg === undefined) continue;
  const exported = new Set([...entriesOf.get(pkg).values()].flatMap((names) => [...names]));
  const examples = markdownBlocks(join(root, 'packages', dir, 'README.md'));
  for (const e of sourceFiles(join(root, 'packages', dir, 'src')).flatMap(jsdocExamples)) {
    if (e.nocheck) {
      skipped++;
      if (list) console.log(`skipped (nocheck)  ${e.where}`);
    } else if (e.name === '*' || (e.name !== undefined && exported.has(e.name))) examples.push(e);
    else {
      notExported++;
      if (list) console.log(`skipped (${e.name ?? 'no declaration'} is not exported)  ${e.where}`);
    }
  }
  examples.forEach((e, i) => {
    const file = join(outDir, `${dir}-${String(i).padStart(3, '0')}.ts`);
    writeFileSync(file, toModule(e, pkg, entriesOf));
    files.push(file);
    if (list) console.log(`${relative(root, file)}  ${e.where}`);
  });
}

const rel = (p) => relative(outDir, join(root, p));
// `@t5sql/<pkg>` (and its subpath exports) resolve to the workspace packages, as installed packages would.
mkdirSync(join(outDir, 'node_modules', '@t5sql'), { recursive: true });
for (const dir of packages) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).name;
  symlinkSync(join(root, 'packages', dir), join(outDir, 'node_modules', pkg), 'junction');
}
writeFileSync(join(outDir, 'package.json'), '{ "type": "module", "private": true }\n');
writeFileSync(
  join(outDir, 'tsconfig.json'),
  `${JSON.stringify(
    {
      extends: rel('tsconfig.base.json'),
      compilerOptions: {
        composite: false,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
        noEmit: true,
        // Examples show calls and their results: unused values, untyped callback parameters and value imports of
        // types are fine there; what must hold is that every name and call exists with those arguments.
        noUnusedLocals: false,
        noImplicitAny: false,
        verbatimModuleSyntax: false,
        isolatedModules: false,
        paths: {
          '@tensorflow/*': [rel('packages/t5-core/node_modules/@tensorflow/*/dist/index.d.ts')],
        },
      },
      include: ['*.ts', rel('scripts/examples-prelude.d.ts')],
    },
    null,
    2,
  )}\n`,
);

const tsc = join(root, 'node_modules', '.bin', 'tsc');
try {
  execFileSync(tsc, ['-p', '.'], { cwd: outDir, stdio: 'pipe', encoding: 'utf8' });
} catch (err) {
  // Point each error at the README line or JSDoc comment the example came from.
  const out = `${err.stdout ?? ''}${err.stderr ?? ''}`;
  const origin = (file) =>
    readFileSync(join(outDir, file), 'utf8')
      .split('\n')[0]
      .replace(/^\/\/ /, '');
  console.error(
    out.replace(
      /^([\w-]+\.ts)\((\d+),(\d+)\)/gm,
      (_m, f, l, c) => `${f}(${l},${c}) [example at ${origin(f)}]`,
    ),
  );
  console.error(
    `check-examples: the examples above do not type-check (generated under ${relative(root, outDir)}; ` +
      'fix the example, or fence it ```ts nocheck if it is not meant to compile)',
  );
  process.exit(1);
}
console.log(
  `check-examples: ${files.length} examples type-check (${skipped} marked nocheck, ` +
    `${notExported} JSDoc examples of names the packages do not export skipped)`,
);
