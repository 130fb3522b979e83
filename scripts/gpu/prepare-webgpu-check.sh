#!/usr/bin/env bash
# Builds .gpu-bundle/, everything a GPU machine without internet or Node needs for the WebGPU check: a Node binary
# (xz), a single-file esbuild bundle of benchmarks/src/gpu/webgpu-check.ts, the `webgpu` package with its dawn.node,
# Debian's Vulkan loader and GL/EGL packages, t5sql's Spider batches, and the PyTorch sides. Under 64 MiB.
#
#   bash scripts/gpu/prepare-webgpu-check.sh      then on the GPU machine:
#   bash .gpu-bundle/run-webgpu-check.sh          adapter, matMul rate, loss and greedy tokens/s against PyTorch
#   bash .gpu-bundle/run-training-check.sh        training step times and loss curves against PyTorch
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.gpu-bundle
rm -rf "$out"
mkdir -p "$out/node_modules/webgpu/dist/linux-x64" "$out/debs"

pnpm exec turbo run build --filter=@t5sql/benchmarks... --output-logs=errors-only
for entry in webgpu-check training-check kernel-count export-spider-batches; do
  benchmarks/node_modules/.bin/esbuild "benchmarks/dist/gpu/$entry.js" --bundle --platform=node --format=esm \
    --target=node20 --external:webgpu --outfile="$out/$entry.mjs" --log-level=warning \
    --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
done
# The Spider batches both sides train on, made here by t5sql's pipeline (the GPU machine has no Spider data).
data="${T5SQL_DATA_DIR:-$(cd .. && pwd)/shared/data}"
node "$out/export-spider-batches.mjs" "$data/spider" "$data/t5-small-tokenizer" "$out/batches.json" 200 8

webgpu="$(cd benchmarks/node_modules/webgpu && pwd -P)"
cp "$webgpu/index.js" "$webgpu/package.json" "$out/node_modules/webgpu/"
cp "$webgpu/dist/linux-x64/dawn.node" "$out/node_modules/webgpu/dist/linux-x64/"

xz -T0 -6 -c "$(readlink -f "$(command -v node)")" > "$out/node.xz"
(cd "$out/debs" && apt-get download libvulkan1 libglvnd0 libglx0 libgl1 libegl1 libopengl0 libgles2 >/dev/null)
cp scripts/gpu/pytorch_reference.py scripts/gpu/pytorch_training_reference.py scripts/gpu/run-webgpu-check.sh \
  scripts/gpu/run-training-check.sh scripts/gpu/device-setup.sh "$out/"
du -sh "$out"
