// CUDA reference for activation/gelu_erf: bfloat16 in and out, float32 math, one element per thread.
#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <algorithm>
#include <cstdint>

namespace {
__global__ void gelu_erf_kernel(const __nv_bfloat16* __restrict__ x, __nv_bfloat16* __restrict__ y, int64_t n) {
  const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) {
    const float v = __bfloat162float(x[i]);
    y[i] = __float2bfloat16(0.5f * v * (1.0f + erff(v * 0.7071067811865476f)));
  }
}
}  // namespace

extern "C" void solve(const __nv_bfloat16* x, __nv_bfloat16* y, int64_t n, cudaStream_t stream) {
  if (n <= 0) return;
  constexpr int threads = 256;
  const int64_t blocks = std::min<int64_t>((n + threads - 1) / threads, int64_t{1} << 19);  // grid-stride beyond
  gelu_erf_kernel<<<static_cast<unsigned>(blocks), threads, 0, stream>>>(x, y, n);
}
