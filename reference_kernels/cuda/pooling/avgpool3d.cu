// CUDA reference for pooling/avgpool3d: one thread per output element (grid-stride), sum over the
// in-bounds part of the KxKxK window divided by K^3 (count_include_pad=True).
#include <cuda_runtime.h>

#include <cstdint>

namespace {

__global__ void avgpool3d_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t total, int64_t D,
                                 int64_t H, int64_t W, int64_t K, int64_t S, int64_t P, int64_t Do, int64_t Ho,
                                 int64_t Wo) {
  const float inv = 1.0f / static_cast<float>(K * K * K);
  for (int64_t t = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; t < total;
       t += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const int64_t j = t % Wo, i = (t / Wo) % Ho, d = (t / (Wo * Ho)) % Do, p = t / (Wo * Ho * Do);
    const float* xp = x + p * D * H * W;
    const int64_t z0 = max(d * S - P, int64_t{0}), z1 = min(d * S - P + K, D);
    const int64_t h0 = max(i * S - P, int64_t{0}), h1 = min(i * S - P + K, H);
    const int64_t w0 = max(j * S - P, int64_t{0}), w1 = min(j * S - P + K, W);
    float s = 0.0f;
    for (int64_t z = z0; z < z1; ++z)
      for (int64_t h = h0; h < h1; ++h)
        for (int64_t w = w0; w < w1; ++w) s += xp[(z * H + h) * W + w];
    y[t] = s * inv;
  }
}

}  // namespace

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t D, int64_t H, int64_t W, int64_t K,
                      int64_t S, int64_t P, int64_t Do, int64_t Ho, int64_t Wo, cudaStream_t stream) {
  const int64_t total = N * C * Do * Ho * Wo;
  if (total == 0) return;
  const int64_t blocks = (total + 255) / 256;
  avgpool3d_kernel<<<static_cast<unsigned>(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(x, y, total, D, H, W, K,
                                                                                              S, P, Do, Ho, Wo);
}
