// CUDA reference for pooling/maxpool2d: one thread per output element (grid-stride over N*C*Ho*Wo),
// max over the in-bounds KxK window.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

__global__ void maxpool2d_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t total, int64_t H,
                                 int64_t W, int64_t K, int64_t S, int64_t P, int64_t Ho, int64_t Wo) {
  for (int64_t t = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; t < total;
       t += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const int64_t j = t % Wo, i = (t / Wo) % Ho, p = t / (Wo * Ho);
    const float* xp = x + p * H * W;
    float m = -INFINITY;
    for (int64_t a = 0; a < K; ++a) {
      const int64_t h = i * S - P + a;
      if (h < 0 || h >= H) continue;
      for (int64_t b = 0; b < K; ++b) {
        const int64_t w = j * S - P + b;
        if (w >= 0 && w < W) m = fmaxf(m, xp[h * W + w]);
      }
    }
    y[t] = m;
  }
}

}  // namespace

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t K, int64_t S,
                      int64_t P, int64_t Ho, int64_t Wo, cudaStream_t stream) {
  const int64_t total = N * C * Ho * Wo;
  if (total == 0) return;
  const int64_t blocks = (total + 255) / 256;
  maxpool2d_kernel<<<static_cast<unsigned>(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(x, y, total, H, W, K,
                                                                                              S, P, Ho, Wo);
}
