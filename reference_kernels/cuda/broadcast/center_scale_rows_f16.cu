// CUDA reference for broadcast/center_scale_rows_f16: float16 in and out, float32 math, rows on grid.y.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <algorithm>
#include <cstdint>

namespace {
// 2-D grid-stride: blockIdx.y walks rows r, blockIdx.x/threadIdx.x walk columns j (coalesced).
__global__ void center_scale_rows_f16_kernel(const __half* x, const __half* mean, const __half* inv_std, __half* y, int64_t rows, int64_t cols) {
  const int64_t nrows = rows, ncols = cols;
  for (int64_t r = blockIdx.y; r < nrows; r += gridDim.y) {
    const float m = __half2float(mean[r]), s = __half2float(inv_std[r]);
    for (int64_t j = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; j < ncols;
         j += static_cast<int64_t>(gridDim.x) * blockDim.x) {
      const int64_t k = r * ncols + j;
      y[k] = __float2half((__half2float(x[k]) - m) * s);
    }
  }
}
}  // namespace

extern "C" void solve(const __half* x, const __half* mean, const __half* inv_std, __half* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  const int64_t nrows = rows, ncols = cols;
  if (nrows <= 0 || ncols <= 0) return;
  constexpr int threads = 256;
  const dim3 grid(static_cast<unsigned>(std::min<int64_t>((ncols + threads - 1) / threads, 1024)),
                  static_cast<unsigned>(std::min<int64_t>(nrows, 65535)));
  center_scale_rows_f16_kernel<<<grid, threads, 0, stream>>>(x, mean, inv_std, y, rows, cols);
}
