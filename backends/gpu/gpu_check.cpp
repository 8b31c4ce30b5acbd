// Error text and stickiness of GPU runtime errors (CUDA or HIP, whichever vendor.hpp maps to).
#include "backends/gpu/gpu_check.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>

namespace kbench::gpu {

bool is_sticky(cudaError_t code) {
  // A list rather than a switch: five of these are CUDA codes HIP lacks (vendor.hpp gives them values
  // outside hipError_t), which a switch over hipError_t would warn about.
  static const cudaError_t sticky[] = {
      cudaErrorIllegalAddress,    cudaErrorLaunchFailure,  cudaErrorIllegalInstruction, cudaErrorMisalignedAddress,
      cudaErrorInvalidAddressSpace, cudaErrorInvalidPc,    cudaErrorHardwareStackError, cudaErrorAssert,
      cudaErrorLaunchTimeout,     cudaErrorECCUncorrectable, cudaErrorContextIsDestroyed, cudaErrorUnknown};
  return std::find(std::begin(sticky), std::end(sticky), code) != std::end(sticky);
}

std::string describe(cudaError_t code) {
  return std::string(cudaGetErrorString(code)) + " (" + cudaGetErrorName(code) + ")";
}

void throw_gpu_error(cudaError_t code, const char* call, const char* file, int line) {
  throw GpuError(code, describe(code) + " in " + call + " at " + std::filesystem::path(file).filename().string() +
                            ":" + std::to_string(line));
}

}  // namespace kbench::gpu
