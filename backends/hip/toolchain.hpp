// The HIP toolchain kbench compiles candidates with: where hipcc and the HIP runtime are, which AMD
// offload targets to build for (several at once: one fat binary), and a one-line identity for caches.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kbench::hip {

struct Toolchain {
  std::filesystem::path hipcc;         // KBENCH_HIPCC, else the hipcc found at build time, else PATH
  std::string hip_version;             // "5.2.21153-0"
  std::string clang_version;           // "15.0.6"
  std::filesystem::path compat_dir;    // backends/hip/cuda_compat: <cuda_runtime.h> & co. mapped to HIP
  std::string compat_hash;             // sha256 of the compat and vendor headers (part of the cache key)
};

// Finds the toolchain; throws std::runtime_error naming what is missing.
Toolchain find_toolchain();

// "gfx90a", "gfx90a:xnack-", "gfx940:sramecc+:xnack-" are kept; anything else throws std::invalid_argument.
std::string normalize_target(const std::string& target);
// "gfx90a,gfx940" or "gfx90a;gfx940" -> {"gfx90a", "gfx940"} (normalized, duplicates dropped, order kept).
std::vector<std::string> parse_targets(const std::string& list);

// Targets to build for: KBENCH_HIP_ARCH when set, else the device's own (features stripped of the
// driver's defaults), else the build-time default list (gfx90a and gfx940).
std::vector<std::string> choose_targets(const std::string& device_arch);

// Flags that affect the artifact (part of the compiler identity and of the cache key).
std::vector<std::string> hipcc_flags(const std::vector<std::string>& targets, const std::filesystem::path& compat_dir);

}  // namespace kbench::hip
