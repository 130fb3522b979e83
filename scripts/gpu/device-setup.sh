# Sourced by the run-*-check.sh scripts on the GPU machine: installs the carried Vulkan loader when the system has
# none, points Dawn at NVIDIA's Vulkan driver, and unpacks the carried Node binary into $work.
# Expects $here (the bundle folder) and $work (the work folder).
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1 '; then
  for deb in "$here"/debs/*.deb; do dpkg -x "$deb" /; done
  ldconfig
fi
export VK_DRIVER_FILES="${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}"
mkdir -p "$work"
node="$work/node"
[ -x "$node" ] || { xz -dc "$here/node.xz" > "$node"; chmod +x "$node"; }
