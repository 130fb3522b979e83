#!/usr/bin/env bash
# Runs on the GPU machine from the folder prepare-webgpu-check.sh built: PyTorch writes the checkpoints and its
# figures (pytorch_training_reference.py), then t5sql trains the same models on the same batches on WebGPU and
# prints the step-time table and the loss-curve comparison, then the kernels per step with and without t5sql's fused
# kernels; curves.csv and the SVG charts land in <work> and $OUT.
#
#   bash .gpu-bundle/run-training-check.sh [work dir] [--small]      (--small: tiny shapes, a dry run anywhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-/tmp/t5sql-training-check}"
small=()
if [ "${2:-}" = "--small" ]; then small=(--small); fi

# shellcheck source=device-setup.sh
source "$here/device-setup.sh"
cp "$here/batches.json" "$work/batches.json"

python3 "$here/pytorch_training_reference.py" "$work" "${small[@]}"
status=0
"$node" "$here/training-check.mjs" "$work" | tee "$work/training-table.md" || status=$?
# Kernels per training step and its wall time with t5sql's fused webgpu kernels and without them.
shape=t5-small
if [ ${#small[@]} -gt 0 ]; then shape=tiny; fi
T5SQL_KERNELS_SHAPE=$shape "$node" "$here/kernel-count.mjs" | tee -a "$work/training-table.md" || status=$?
if [ -n "${OUT:-}" ]; then
  cp "$work"/training-table.md "$work"/training-check.json "$work"/curves.csv "$work"/curves-*.svg "$OUT/" 2>/dev/null || true
fi
exit "$status"
