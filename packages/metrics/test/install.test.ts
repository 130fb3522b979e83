// The package installs on its own from its tarball (npm pack → npm install in an empty directory outside the
// workspace), imports as ESM, computes every metric (METEOR included, so WordNet is found), pulls in no TensorFlow
// package, and its types resolve under `--moduleResolution nodenext`. Its two dependencies, the data-only
// @t5sql/wordnet-data and the dependency-free @t5sql/common (atomic writes), are packed beside it; nothing in the
// installed tree may have an install script. Takes about 30 s.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const pkgDir = resolve(__dirname, '..');
const workspaceBin = resolve(pkgDir, '..', '..', 'node_modules', '.bin');
const wordNetDataDir = resolve(pkgDir, '..', 'wordnet-data');
const commonDir = resolve(pkgDir, '..', 'common');
// `pnpm pack` turns `workspace:^` into the version, as publishing does; npm pack would leave it as is.
const pnpm = process.env.npm_execpath?.includes('pnpm') ? process.env.npm_execpath : 'pnpm';

/** Packs a workspace package as it would be published; returns the tarball's path. */
function pack(dir: string, destination: string): string {
  const before = new Set(readdirSync(destination));
  const [cmd, ...pre] = pnpm.endsWith('.cjs') || pnpm.endsWith('.js') ? [process.execPath, pnpm] : [pnpm];
  run(cmd!, [...pre, 'pack', '--pack-destination', destination], dir);
  const tarball = readdirSync(destination).find((f) => f.endsWith('.tgz') && !before.has(f));
  if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${dir}`);
  return join(destination, tarball);
}

/** Installed packages (nested ones included) whose package.json declares an install-time script. */
function packagesWithInstallScripts(nodeModules: string): string[] {
  return installedPackages(nodeModules).filter((name) => {
    const manifest = join(nodeModules, name, 'package.json');
    if (!existsSync(manifest)) return false;
    const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
    return ['preinstall', 'install', 'postinstall'].some((s) => s in scripts);
  });
}

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

function installedPackages(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@')
      ? readdirSync(join(nodeModules, entry)).map((e) => `${entry}/${e}`)
      : [entry];
    for (const name of dirs) {
      names.push(name);
      names.push(...installedPackages(join(nodeModules, name, 'node_modules')));
    }
  }
  return names;
}

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

describe('standalone install', () => {
  afterAll(() => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'installs from its tarball with no TensorFlow dependency, imports, scores and type-checks',
    { timeout: 300_000 },
    () => {
      // Build so the tarballs hold the current sources (tsc -b builds @t5sql/common, a project reference, too).
      run(join(workspaceBin, 'tsc'), ['-b'], pkgDir);
      const packDir = tempDir('t5sql-metrics-pack-');
      const tarballs = [pack(pkgDir, packDir), pack(wordNetDataDir, packDir), pack(commonDir, packDir)];
      const manifestOf = (tarball: string) =>
        JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
      expect(manifestOf(tarballs[0]!).dependencies).toEqual({
        '@t5sql/common': '^0.0.0',
        '@t5sql/wordnet-data': '^0.0.0',
      });
      // @t5sql/common brings nothing with it.
      expect(manifestOf(tarballs[2]!).dependencies).toBeUndefined();

      const app = tempDir('t5sql-metrics-install-');
      writeFileSync(
        join(app, 'package.json'),
        JSON.stringify({ name: 'metrics-install-check', private: true, type: 'module' }),
      );
      run('npm', ['install', '--no-audit', '--no-fund', ...tarballs], app);
      expect(packagesWithInstallScripts(join(app, 'node_modules'))).toEqual([]);

      expect(existsSync(join(app, 'node_modules', '@tensorflow'))).toBe(false);
      // Every installed package, nested ones included.
      expect(installedPackages(join(app, 'node_modules')).filter((n) => n.includes('tensorflow'))).toEqual(
        [],
      );

      writeFileSync(
        join(app, 'check.mjs'),
        [
          "import { rouge, bleu, meteor, googleBleu, runMetricsCommand } from '@t5sql/metrics';",
          "const c = { predictions: ['SELECT a FROM t'], references: ['SELECT a FROM t'] };",
          'const out = { rouge: rouge(c), bleu: bleu(c).bleu, gleu: googleBleu(c).google_bleu, meteor: (await meteor(c)).meteor, cli: typeof runMetricsCommand };',
          'console.log(JSON.stringify(out));',
        ].join('\n'),
      );
      const result = JSON.parse(run('node', ['check.mjs'], app));
      expect(result.rouge).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1, rougeLsum: 1 });
      expect(result.bleu).toBe(1);
      expect(result.gleu).toBe(1);
      expect(result.meteor).toBe(0.9921875);
      expect(result.cli).toBe('function');

      // With install scripts off the result is the same: nothing is unpacked at install time.
      const bare = tempDir('t5sql-metrics-noscripts-');
      writeFileSync(
        join(bare, 'package.json'),
        JSON.stringify({ name: 'metrics-noscripts', private: true, type: 'module' }),
      );
      run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', ...tarballs], bare);
      writeFileSync(join(bare, 'check.mjs'), readFileSync(join(app, 'check.mjs')));
      expect(JSON.parse(run('node', ['check.mjs'], bare)).meteor).toBe(0.9921875);

      const bin = run(join(app, 'node_modules', '.bin', 't5sql-metrics'), ['--help'], app);
      expect(bin).toContain('Usage: t5sql-metrics');

      writeFileSync(
        join(app, 'check.ts'),
        [
          "import { rouge, meteor, bleu, type BleuResult, type MeteorResult } from '@t5sql/metrics';",
          "const r: number = rouge({ predictions: ['a'], references: [['a', 'b']] }).rougeLsum;",
          "const per: number[] = rouge({ predictions: ['a'], references: ['a'], useAggregator: false }).rouge1;",
          "const b: BleuResult = bleu({ predictions: ['a'], references: ['a'], maxOrder: 2 });",
          "const m: Promise<MeteorResult> = meteor({ predictions: ['a'], references: ['a'] });",
          'export { r, per, b, m };',
        ].join('\n'),
      );
      // The package's .d.ts must stand on their own: no @types/node, NodeNext resolution through its exports map.
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            lib: ['es2023'],
            types: [],
          },
          files: ['check.ts'],
        }),
      );
      run(join(workspaceBin, 'tsc'), ['-p', 'tsconfig.json'], app);
    },
  );
});
