#!/usr/bin/env bash
# Runs on the GPU machine from the folder prepare-webgpu-check.sh built: installs the Vulkan loader from the carried
# .deb files, unpacks Node, lets PyTorch write the checkpoint, batch and its figures, then runs t5sql's side and
# prints the table (also written to <work>/table.md and $OUT when set).
#
#   bash .gpu-bundle/run-webgpu-check.sh [work dir]      (--small: tiny shapes, a dry run on any machine)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-/tmp/t5sql-webgpu-check}"
small=()
if [ "${2:-}" = "--small" ]; then small=(--small); fi

# shellcheck source=device-setup.sh
source "$here/device-setup.sh"

python3 "$here/pytorch_reference.py" "$work" "${small[@]}"
"$node" "$here/webgpu-check.mjs" "$work" | tee "$work/table.md"
if [ -n "${OUT:-}" ]; then cp "$work/table.md" "$work/webgpu-check.json" "$work/reference.json" "$OUT/" 2>/dev/null || true; fi
