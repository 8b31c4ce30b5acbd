// CUDA reference for broadcast/add_bias_cols_bf16: bfloat16 in and out, float32 add, rows on grid.y.
#include <cuda_runtime.h>
#include <cuda_bf16.h>
#include <algorithm>
#include <cstdint>

namespace {
// 2-D grid-stride: blockIdx.y walks rows r, blockIdx.x/threadIdx.x walk columns j (coalesced).
__global__ void add_bias_cols_bf16_kernel(const __nv_bfloat16* x, const __nv_bfloat16* b, __nv_bfloat16* y, int64_t rows, int64_t cols) {
  const int64_t nrows = rows, ncols = cols;
  for (int64_t r = blockIdx.y; r < nrows; r += gridDim.y) {
    const float br = __bfloat162float(b[r]);
    for (int64_t j = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; j < ncols;
         j += static_cast<int64_t>(gridDim.x) * blockDim.x) {
      const int64_t k = r * ncols + j;
      y[k] = __float2bfloat16(__bfloat162float(x[k]) + br);
    }
  }
}
}  // namespace

extern "C" void solve(const __nv_bfloat16* x, const __nv_bfloat16* b, __nv_bfloat16* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  const int64_t nrows = rows, ncols = cols;
  if (nrows <= 0 || ncols <= 0) return;
  constexpr int threads = 256;
  const dim3 grid(static_cast<unsigned>(std::min<int64_t>((ncols + threads - 1) / threads, 1024)),
                  static_cast<unsigned>(std::min<int64_t>(nrows, 65535)));
  add_bias_cols_bf16_kernel<<<grid, threads, 0, stream>>>(x, b, y, rows, cols);
}
