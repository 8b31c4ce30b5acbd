// CUDA reference for broadcast/compare_gt: one byte per thread, rows on grid.y.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace {
// 2-D grid-stride: blockIdx.y walks rows r, blockIdx.x/threadIdx.x walk columns j (coalesced).
__global__ void compare_gt_kernel(const float* x, const float* thresh, uint8_t* mask, int64_t rows, int64_t cols) {
  const int64_t nrows = rows, ncols = cols;
  for (int64_t r = blockIdx.y; r < nrows; r += gridDim.y) {

    for (int64_t j = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; j < ncols;
         j += static_cast<int64_t>(gridDim.x) * blockDim.x) {
      const int64_t k = r * ncols + j;
      mask[k] = x[k] > thresh[j] ? 1 : 0;
    }
  }
}
}  // namespace

extern "C" void solve(const float* x, const float* thresh, uint8_t* mask, int64_t rows, int64_t cols, cudaStream_t stream) {
  const int64_t nrows = rows, ncols = cols;
  if (nrows <= 0 || ncols <= 0) return;
  constexpr int threads = 256;
  const dim3 grid(static_cast<unsigned>(std::min<int64_t>((ncols + threads - 1) / threads, 1024)),
                  static_cast<unsigned>(std::min<int64_t>(nrows, 65535)));
  compare_gt_kernel<<<grid, threads, 0, stream>>>(x, thresh, mask, rows, cols);
}
