// example for pooling/maxpool2d
// Why it is fast: a 3-D grid (output columns, output rows, planes) gives every thread its output position
// without 64-bit division or modulo; the window is clamped to the input once, so the inner loops carry
// no bounds tests; consecutive threads read neighbouring input columns (coalesced, L1 reuse between
// overlapping windows).
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kThreadsX = 128;

__global__ void maxpool2d_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t planes, int H, int W,
                                 int K, int S, int P, int Ho, int Wo) {
  const int j = blockIdx.x * kThreadsX + threadIdx.x;
  const int i = blockIdx.y;
  if (j >= Wo) return;
  const int h0 = max(i * S - P, 0), h1 = min(i * S - P + K, H);
  const int w0 = max(j * S - P, 0), w1 = min(j * S - P + K, W);
  for (int64_t p = blockIdx.z; p < planes; p += gridDim.z) {
    const float* xp = x + p * H * W;
    float m = -INFINITY;
    for (int h = h0; h < h1; ++h)
      for (int w = w0; w < w1; ++w) m = fmaxf(m, __ldg(xp + h * W + w));
    y[(p * Ho + i) * Wo + j] = m;
  }
}

}  // namespace

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, int64_t K, int64_t S,
                      int64_t P, int64_t Ho, int64_t Wo, cudaStream_t stream) {
  const int64_t planes = N * C;
  if (planes * Ho * Wo == 0) return;
  const dim3 grid(static_cast<unsigned>((Wo + kThreadsX - 1) / kThreadsX), static_cast<unsigned>(Ho),
                  static_cast<unsigned>(planes < 65535 ? planes : 65535));
  maxpool2d_kernel<<<grid, kThreadsX, 0, stream>>>(x, y, planes, static_cast<int>(H), static_cast<int>(W),
                                                   static_cast<int>(K), static_cast<int>(S), static_cast<int>(P),
                                                   static_cast<int>(Ho), static_cast<int>(Wo));
}
