// CUDA reference for convolution/conv2d: direct convolution; each thread computes one output pixel for
// kCoBlock consecutive output channels, so every input value loaded is reused kCoBlock times. Threads of
// a block share (n, channel group), so weight loads are uniform (broadcast) and input loads coalesce.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kCoBlock = 8;
constexpr int kThreads = 256;

__global__ void conv2d_direct(const float* __restrict__ x, const float* __restrict__ weight,
                              const float* __restrict__ bias, float* __restrict__ y, int64_t Cin, int64_t H,
                              int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Ho, int64_t Wo) {
  const int64_t pixel = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x;
  const int64_t groups = (Cout + kCoBlock - 1) / kCoBlock;
  const int64_t n = blockIdx.y / groups, co0 = (blockIdx.y % groups) * kCoBlock;
  if (pixel >= Ho * Wo) return;
  const int64_t i = pixel / Wo, j = pixel % Wo;
  float acc[kCoBlock];
#pragma unroll
  for (int c = 0; c < kCoBlock; ++c) acc[c] = (co0 + c < Cout) ? bias[co0 + c] : 0.0f;
  for (int64_t ci = 0; ci < Cin; ++ci) {
    const float* xp = x + (n * Cin + ci) * H * W;
    for (int64_t a = 0; a < K; ++a) {
      const int64_t h = i * S - P + a;
      if (h < 0 || h >= H) continue;
      for (int64_t b = 0; b < K; ++b) {
        const int64_t w = j * S - P + b;
        if (w < 0 || w >= W) continue;
        const float xv = xp[h * W + w];
        const int64_t tap = (ci * K + a) * K + b;
#pragma unroll
        for (int c = 0; c < kCoBlock; ++c)
          if (co0 + c < Cout) acc[c] += xv * weight[(co0 + c) * Cin * K * K + tap];
      }
    }
  }
#pragma unroll
  for (int c = 0; c < kCoBlock; ++c)
    if (co0 + c < Cout) y[((n * Cout + co0 + c) * Ho + i) * Wo + j] = acc[c];
}

}  // namespace

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t Cin,
                      int64_t H, int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Ho, int64_t Wo,
                      cudaStream_t stream) {
  if (N * Cout * Ho * Wo == 0) return;
  const dim3 grid(static_cast<unsigned>((Ho * Wo + kThreads - 1) / kThreads),
                  static_cast<unsigned>(N * ((Cout + kCoBlock - 1) / kCoBlock)));
  conv2d_direct<<<grid, kThreads, 0, stream>>>(x, weight, bias, y, Cin, H, W, Cout, K, S, P, Ho, Wo);
}
