// CUDA reference for reduction/logsumexp_rows: one block per row, one pass with an online (max, sum)
// per thread, merged by warp shuffles and shared memory: y = m + log(s).
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <cmath>

namespace {
constexpr int kThreads = 256;

// Merges two (max, sum of exp(x - max)) pairs.
__device__ void merge(float& m, float& s, float m2, float s2) {
  const float mn = fmaxf(m, m2);
  if (mn == -INFINITY) return;  // both empty
  s = s * expf(m - mn) + s2 * expf(m2 - mn);
  m = mn;
}

__global__ void logsumexp_rows_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t rows, int64_t cols) {
  __shared__ float sm[kThreads / 32], ss[kThreads / 32];
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const float* xr = x + r * cols;
    float m = -INFINITY, s = 0.0f;
    for (int64_t c = threadIdx.x; c < cols; c += kThreads) {
      const float v = xr[c];
      if (v > m) {
        s = s * expf(m - v) + 1.0f;
        m = v;
      } else {
        s += expf(v - m);
      }
    }
    for (int off = 16; off > 0; off >>= 1)
      merge(m, s, __shfl_xor_sync(0xffffffffu, m, off), __shfl_xor_sync(0xffffffffu, s, off));
    if ((threadIdx.x & 31) == 0) {
      sm[threadIdx.x >> 5] = m;
      ss[threadIdx.x >> 5] = s;
    }
    __syncthreads();
    if (threadIdx.x == 0) {
      float bm = sm[0], bs = ss[0];
      for (int w = 1; w < kThreads / 32; ++w) merge(bm, bs, sm[w], ss[w]);
      y[r] = bm + logf(bs);
    }
    __syncthreads();
  }
}
}  // namespace

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows <= 0) return;
  const unsigned blocks = static_cast<unsigned>(std::min<int64_t>(rows, 65535));
  logsumexp_rows_kernel<<<blocks, kThreads, 0, stream>>>(x, y, rows, cols);
}
