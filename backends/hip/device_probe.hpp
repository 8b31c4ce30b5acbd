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

// Nominal fp32 peak FLOP/s: compute units × FP32 FLOP per clock per CU for the target × clock (kHz).
// gfx90a and gfx94x issue packed FP32 (128 and 256 FLOP/clock/CU); other targets 64 lanes × FMA.
double fp32_peak_flops(const std::string& gcn_arch, int compute_units, double clock_khz);

}  // namespace kbench::hip
