// Checked GPU runtime calls for the CUDA and HIP workers: every call (written with its CUDA name, mapped
// by vendor.hpp) goes through KBENCH_GPU_CHECK, which throws a GpuError naming the call, the vendor's
// error and where it happened. Sticky errors (the context is lost) are recognised so that the worker can
// say it must be replaced.
#pragma once
#include "backends/gpu/vendor.hpp"

#include <stdexcept>
#include <string>

namespace kbench::gpu {

struct GpuError : std::runtime_error {
  GpuError(cudaError_t code, const std::string& message) : std::runtime_error(message), code(code) {}
  cudaError_t code;
};

// True for errors after which the device context cannot be used again (illegal address, trap, ...).
bool is_sticky(cudaError_t code);

// "an illegal memory access was encountered (cudaErrorIllegalAddress)" (HIP: hipErrorIllegalAddress)
std::string describe(cudaError_t code);

[[noreturn]] void throw_gpu_error(cudaError_t code, const char* call, const char* file, int line);

}  // namespace kbench::gpu

#define KBENCH_GPU_CHECK(call)                                                             \
  do {                                                                                      \
    const cudaError_t kbench_gpu_status_ = (call);                                         \
    if (kbench_gpu_status_ != cudaSuccess)                                                 \
      ::kbench::gpu::throw_gpu_error(kbench_gpu_status_, #call, __FILE__, __LINE__);     \
  } while (0)
