// Finds the AMD GPU of this machine without linking the HIP runtime into kbench: checks for the amdgpu
// kernel driver (/dev/kfd), then dlopen("libamdhip64.so"). Without them the probe answers nullopt and
// evaluation stops at `compiled`.
#pragma once
#include <optional>
#include <string>

#include "backends/backend.hpp"

namespace kbench::hip {

// Device 0 (or HIP_VISIBLE_DEVICES' first); nullopt when there is none. Never throws.
std::optional<DeviceInfo> probe_hip_device(std::string* why_absent = nullptr);

}  // namespace kbench::hip
