// CUDA reference for broadcast/outer_product: one output element per thread, rows on grid.y.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace {
// 2-D grid-stride: blockIdx.y walks rows r, blockIdx.x/threadIdx.x walk columns j (coalesced).
__global__ void outer_product_kernel(const float* a, const float* b, float* y, int64_t M, int64_t N) {
  const int64_t nrows = M, ncols = N;
  for (int64_t r = blockIdx.y; r < nrows; r += gridDim.y) {
    const float ar = a[r];
    for (int64_t j = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; j < ncols;
         j += static_cast<int64_t>(gridDim.x) * blockDim.x) {
      const int64_t k = r * ncols + j;
      y[k] = ar * b[j];
    }
  }
}
}  // namespace

extern "C" void solve(const float* a, const float* b, float* y, int64_t M, int64_t N, cudaStream_t stream) {
  const int64_t nrows = M, ncols = N;
  if (nrows <= 0 || ncols <= 0) return;
  constexpr int threads = 256;
  const dim3 grid(static_cast<unsigned>(std::min<int64_t>((ncols + threads - 1) / threads, 1024)),
                  static_cast<unsigned>(std::min<int64_t>(nrows, 65535)));
  outer_product_kernel<<<grid, threads, 0, stream>>>(a, b, y, M, N);
}
