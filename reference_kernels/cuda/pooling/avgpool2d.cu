// CUDA reference for pooling/avgpool2d: one thread per output element (grid-stride), mean over the
// in-bounds part of the KxK window (count_include_pad=False).
#include <cuda_runtime.h>

#include <cstdint>

namespace {

__global__ void avgpool2d_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t total, int64_t H,
                                 int64_t W, int64_t K, int64_t S, int64_t P, int64_t Ho, int64_t Wo) {
  for (int64_t t = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; t < total;
       t += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const int64_t j = t % Wo, i = (t / Wo) % Ho, p = t / (Wo * Ho);
    const float* xp = x + p * H * W;
    const int64_t h0 = max(i * S - P, int64_t{0}), h1 = min(i * S - P + K, H);
    const int64_t w0 = max(j * S - P, int64_t{0}), w1 = min(j * S - P + K, W);
    float s = 0.0f;
    for (int64_t h = h0; h < h1; ++h)
      for (int64_t w = w0; w < w1; ++w) s += xp[h * W + w];
    y[t] = s / static_cast<float>((h1 - h0) * (w1 - w0));
  }
}

}  // namespace

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t K, int64_t S,
                      int64_t P, int64_t Ho, int64_t Wo, cudaStream_t stream) {
  const int64_t total = N * C * Ho * Wo;
  if (total == 0) return;
  const int64_t blocks = (total + 255) / 256;
  avgpool2d_kernel<<<static_cast<unsigned>(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(x, y, total, H, W, K,
                                                                                              S, P, Ho, Wo);
}
