// CUDA reference for fusion/swiglu_bf16: grid-stride loop, one output element per step, float32 math.
#include <cuda_bf16.h>
#include <cuda_runtime.h>
#include <cstdint>

__global__ void swiglu_kernel(const __nv_bfloat16* __restrict__ x, const __nv_bfloat16* __restrict__ b,
                              __nv_bfloat16* __restrict__ y, int64_t rows, int64_t H) {
  const int64_t total = rows * H;
  for (int64_t e = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; e < total;
       e += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const int64_t r = e / H, j = e - r * H;
    const float g = __bfloat162float(x[r * 2 * H + j]) + __bfloat162float(b[j]);
    const float u = __bfloat162float(x[r * 2 * H + H + j]) + __bfloat162float(b[H + j]);
    y[e] = __float2bfloat16(g / (1.0f + __expf(-g)) * u);
  }
}

extern "C" void solve(const __nv_bfloat16* x, const __nv_bfloat16* b, __nv_bfloat16* y, int64_t rows, int64_t H,
                      cudaStream_t stream) {
  const int64_t total = rows * H;
  if (total == 0) return;
  const int64_t blocks = (total + 255) / 256 < 131072 ? (total + 255) / 256 : 131072;
  swiglu_kernel<<<static_cast<unsigned>(blocks), 256, 0, stream>>>(x, b, y, rows, H);
}
