// kbench::cuda::fp32_peak_flops for the HIP build of the shared GPU worker (backends/cuda runtime sources
// compiled against backends/gpu/vendor.hpp): the CUDA definition lives in the CUDA-only device probe and
// counts cores per SM from a compute capability, which AMD devices do not have. Here the peak comes from
// the current device's gcnArchName (hip::fp32_peak_flops); major/minor are unused.
#include <hip/hip_runtime_api.h>

#include "backends/cuda/device_probe.hpp"
#include "backends/hip/device_probe.hpp"

namespace kbench::cuda {

double fp32_peak_flops(int /*major*/, int /*minor*/, int sm_count, double clock_khz) {
  int device = 0;
  hipDeviceProp_t props{};
  if (hipGetDevice(&device) != hipSuccess || hipGetDeviceProperties(&props, device) != hipSuccess)
    return hip::fp32_peak_flops("", sm_count, clock_khz);
  return hip::fp32_peak_flops(props.gcnArchName, sm_count, clock_khz);
}

}  // namespace kbench::cuda
