#!/usr/bin/env node
// A software Vulkan for WebGPU tests on machines without a GPU (CI, laptops): SwiftShader's Vulkan driver and a
// Vulkan loader, as @sparticuz/chromium ships them in bin/swiftshader.tar.br (brotli-compressed tar), unpacked
// once into node_modules/.cache. Dawn then finds a software adapter when VK_DRIVER_FILES names the driver's ICD.
//
//   node scripts/software-vulkan.mjs          prints the environment (KEY=value lines) to add
//   import { softwareVulkanEnv } from ...     the same, as an object
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Why this machine cannot get the software driver, or null when it can. */
export function softwareVulkanUnsupported() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return `SwiftShader from @sparticuz/chromium is built for linux-x64 only (this is ${process.platform}-${process.arch})`;
  }
  return null;
}

/**
 * Unpacks SwiftShader (once) and returns the variables that make Dawn use it: VK_DRIVER_FILES for the driver and
 * LD_LIBRARY_PATH for the bundled loader (libvulkan.so.1), so Debian's libvulkan1 is not needed.
 */
export function softwareVulkanEnv() {
  const unsupported = softwareVulkanUnsupported();
  if (unsupported !== null) throw new Error(unsupported);
  // A root devDependency (its exports map hides package.json from require.resolve).
  const pkgJson = join(root, 'node_modules', '@sparticuz', 'chromium', 'package.json');
  if (!existsSync(pkgJson)) throw new Error(`${pkgJson} is missing: run pnpm install`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  const archive = join(dirname(pkgJson), 'bin', 'swiftshader.tar.br');
  const dir = join(root, 'node_modules', '.cache', 't5sql-swiftshader', version);
  const icd = join(dir, 'vk_swiftshader_icd.json');
  if (!existsSync(icd)) {
    // Unpack into a temporary folder and rename it into place, so an interrupted run leaves nothing half-written.
    const temp = `${dir}.${process.pid}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp, { recursive: true });
    writeFileSync(join(temp, 'swiftshader.tar'), brotliDecompressSync(readFileSync(archive)));
    execFileSync('tar', ['-xf', 'swiftshader.tar'], { cwd: temp });
    rmSync(join(temp, 'swiftshader.tar'));
    if (!existsSync(join(temp, 'vk_swiftshader_icd.json'))) {
      throw new Error(`${archive} holds no vk_swiftshader_icd.json`);
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
  }
  const libraryPath = [dir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return { VK_DRIVER_FILES: icd, VK_ICD_FILENAMES: icd, LD_LIBRARY_PATH: libraryPath };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [key, value] of Object.entries(softwareVulkanEnv())) console.log(`${key}=${value}`);
}
