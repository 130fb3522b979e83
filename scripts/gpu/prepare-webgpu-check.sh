#!/usr/bin/env bash
# Builds .gpu-bundle/, everything a GPU machine without internet or Node needs for the WebGPU check: a Node binary
# (xz), a single-file esbuild bundle of benchmarks/src/gpu/webgpu-check.ts, the `webgpu` package with its dawn.node,
# Debian's Vulkan loader and GL/EGL packages, and the PyTorch side (pytorch_reference.py). Under 64 MiB.
#
#   bash scripts/gpu/prepare-webgpu-check.sh      then on the GPU machine:  bash .gpu-bundle/run-webgpu-check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.gpu-bundle
rm -rf "$out"
mkdir -p "$out/node_modules/webgpu/dist/linux-x64" "$out/debs"

pnpm exec turbo run build --filter=@t5sql/benchmarks... --output-logs=errors-only
benchmarks/node_modules/.bin/esbuild benchmarks/dist/gpu/webgpu-check.js --bundle --platform=node --format=esm \
  --target=node20 --external:webgpu --outfile="$out/webgpu-check.mjs" --log-level=warning \
  --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"

webgpu="$(cd benchmarks/node_modules/webgpu && pwd -P)"
cp "$webgpu/index.js" "$webgpu/package.json" "$out/node_modules/webgpu/"
cp "$webgpu/dist/linux-x64/dawn.node" "$out/node_modules/webgpu/dist/linux-x64/"

xz -T0 -6 -c "$(readlink -f "$(command -v node)")" > "$out/node.xz"
(cd "$out/debs" && apt-get download libvulkan1 libglvnd0 libglx0 libgl1 libegl1 libopengl0 libgles2 >/dev/null)
cp scripts/gpu/pytorch_reference.py scripts/gpu/run-webgpu-check.sh "$out/"
du -sh "$out"
