// DeviceInfo: what a backend found on this machine (name, architecture, memory and the ceilings used for
// roofline figures). Reported by the backend's probe on the host and by its worker.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace kbench {

struct DeviceInfo {
  std::string name;                     // "NVIDIA H100 80GB HBM3", "Intel(R) Xeon(R) ..."
  std::string arch;                     // "sm_90", "x86_64", "gfx90a"
  double memory_bytes = 0;
  double peak_bandwidth_bytes_per_s = 0;  // measured or nominal copy bandwidth (0 when unknown)
  double peak_flops = 0;                  // fp32 peak (0 when unknown)
  double l2_bytes = 0;
  nlohmann::json extra;
};

}  // namespace kbench
