// The CUDA toolchain kbench compiles candidates with: where nvcc, the host compiler and the CUDA
// libraries are, which target architecture to build for, and a one-line identity for caches and results.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kbench::cuda {

struct Toolchain {
  std::filesystem::path nvcc;          // KBENCH_NVCC, else the toolkit found at build time, else PATH
  std::string host_cxx = "g++";        // host compiler nvcc uses (also links the shared object)
  std::filesystem::path include_dir;   // <toolkit>/include
  std::filesystem::path library_dir;   // <toolkit>/lib64 (cudart, cuBLAS, ...)
  std::vector<std::string> link_libraries;  // available vendor libraries, linked --as-needed
  std::string nvcc_version;            // "13.0.88"
  std::string host_cxx_version;        // "12.2.0"
};

// Finds the toolchain; throws std::runtime_error naming what is missing (no nvcc anywhere).
Toolchain find_toolchain();

// "90", "sm_90", "compute_90", "sm_90a" -> "sm_90" / "sm_90a"; throws std::invalid_argument otherwise.
std::string normalize_arch(const std::string& arch);
// "sm_90" -> "-gencode=arch=compute_90,code=sm_90" (machine code only: the arch is the device's own).
std::string gencode_flag(const std::string& normalized_arch);

// Architecture to build for: KBENCH_CUDA_ARCH when set, else the device's, else the build-time default.
std::string choose_arch(const std::string& device_arch);

// Flags that affect the artifact (part of the compiler identity and of the cache key).
std::vector<std::string> nvcc_flags(const std::string& normalized_arch);

}  // namespace kbench::cuda
