// Finds the CUDA device of this machine without linking the CUDA driver: dlopen("libcuda.so.1").
// On a machine without a driver or a GPU the probe answers nullopt and evaluation stops at `compiled`.
#pragma once
#include <optional>
#include <string>

#include "backends/backend.hpp"

namespace kbench::cuda {

// Device 0 (or CUDA_VISIBLE_DEVICES' first); nullopt when there is none. Never throws.
std::optional<DeviceInfo> probe_cuda_device(std::string* why_absent = nullptr);

}  // namespace kbench::cuda
