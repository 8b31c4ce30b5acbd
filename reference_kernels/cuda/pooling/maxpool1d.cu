// CUDA reference for pooling/maxpool1d: one thread per output element (grid-stride), max over the
// in-bounds window; consecutive threads take consecutive outputs of a row.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

__global__ void maxpool1d_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t total, int64_t L,
                                 int64_t K, int64_t S, int64_t P, int64_t Lo) {
  for (int64_t t = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; t < total;
       t += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const int64_t r = t / Lo, o = t % Lo;
    const float* xr = x + r * L;
    float m = -INFINITY;
    for (int64_t k = 0; k < K; ++k) {
      const int64_t l = o * S - P + k;
      if (l >= 0 && l < L) m = fmaxf(m, xr[l]);
    }
    y[t] = m;
  }
}

}  // namespace

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t L, int64_t K, int64_t S, int64_t P,
                      int64_t Lo, cudaStream_t stream) {
  const int64_t total = N * C * Lo;
  if (total == 0) return;
  const int64_t blocks = (total + 255) / 256;
  maxpool1d_kernel<<<static_cast<unsigned>(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(x, y, total, L, K, S,
                                                                                              P, Lo);
}
