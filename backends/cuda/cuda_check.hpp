// Checked CUDA runtime calls for the worker: every call goes through KBENCH_CUDA_CHECK, which throws a
// CudaError naming the call, the error and where it happened. Sticky errors (the context is lost) are
// recognised so that the worker can say it must be replaced.
#pragma once
#include "backends/gpu/vendor.hpp"

#include <stdexcept>
#include <string>

namespace kbench::cuda {

struct CudaError : std::runtime_error {
  CudaError(cudaError_t code, const std::string& message) : std::runtime_error(message), code(code) {}
  cudaError_t code;
};

// True for errors after which the CUDA context cannot be used again (illegal address, trap, ...).
bool is_sticky(cudaError_t code);

// "an illegal memory access was encountered (cudaErrorIllegalAddress)"
std::string describe(cudaError_t code);

[[noreturn]] void throw_cuda_error(cudaError_t code, const char* call, const char* file, int line);

}  // namespace kbench::cuda

#define KBENCH_CUDA_CHECK(call)                                                             \
  do {                                                                                      \
    const cudaError_t kbench_cuda_status_ = (call);                                         \
    if (kbench_cuda_status_ != cudaSuccess)                                                 \
      ::kbench::cuda::throw_cuda_error(kbench_cuda_status_, #call, __FILE__, __LINE__);     \
  } while (0)
