// Linux only: is the Vulkan loader (libvulkan.so.1) installed? Dawn opens it at run time, so without it WebGPU finds
// no adapter and says nothing about why; this lets the skip reason name the missing system package.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const LOADER = 'libvulkan.so.1';
const STANDARD_DIRS = [
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
  '/lib/x86_64-linux-gnu',
  '/lib64',
  '/usr/local/lib',
];

/** Where the dynamic linker would find `libvulkan.so.1`, or null when it is not installed. Linux only. */
export function findVulkanLoader(env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = [...(env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...STANDARD_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, LOADER);
    if (existsSync(candidate)) return candidate;
  }
  for (const ldconfig of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
    try {
      const listing = execFileSync(ldconfig, ['-p'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const line = listing.split('\n').find((l) => l.trim().startsWith(`${LOADER} `));
      if (line !== undefined) return line.split('=>')[1]?.trim() ?? LOADER;
      return null;
    } catch {
      // not on PATH here: try the next location
    }
  }
  return null;
}

/** The install hint for the Vulkan loader, by distribution family. */
export const VULKAN_LOADER_HINT =
  'install the Vulkan loader libvulkan.so.1 (Debian/Ubuntu: apt-get install libvulkan1; Fedora/RHEL: dnf install vulkan-loader; Arch: pacman -S vulkan-icd-loader) and a Vulkan driver for your GPU';
