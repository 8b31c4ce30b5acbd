// CUDA reference for convolution/conv_transpose2d: gather form; each thread computes one output pixel for
// kCoBlock consecutive output channels, visiting only the taps (a, b) whose input position
// h = (oh + P - a)/S is integral and in range.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kCoBlock = 4;
constexpr int kThreads = 256;

__global__ void conv_transpose2d_gather(const float* __restrict__ x, const float* __restrict__ weight,
                                        const float* __restrict__ bias, float* __restrict__ y, int64_t Cin, int64_t H,
                                        int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Ho,
                                        int64_t Wo) {
  const int64_t pixel = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x;
  const int64_t groups = (Cout + kCoBlock - 1) / kCoBlock;
  const int64_t n = blockIdx.y / groups, co0 = (blockIdx.y % groups) * kCoBlock;
  if (pixel >= Ho * Wo) return;
  const int64_t oh = pixel / Wo, ow = pixel % Wo;
  float acc[kCoBlock];
#pragma unroll
  for (int c = 0; c < kCoBlock; ++c) acc[c] = (co0 + c < Cout) ? bias[co0 + c] : 0.0f;
  for (int64_t a = 0; a < K; ++a) {
    const int64_t th = oh + P - a;
    if (th < 0 || th % S != 0 || th / S >= H) continue;
    const int64_t h = th / S;
    for (int64_t b = 0; b < K; ++b) {
      const int64_t tw = ow + P - b;
      if (tw < 0 || tw % S != 0 || tw / S >= W) continue;
      const int64_t w = tw / S;
      for (int64_t ci = 0; ci < Cin; ++ci) {
        const float xv = x[((n * Cin + ci) * H + h) * W + w];
#pragma unroll
        for (int c = 0; c < kCoBlock; ++c)
          if (co0 + c < Cout) acc[c] += xv * weight[((ci * Cout + co0 + c) * K + a) * K + b];
      }
    }
  }
#pragma unroll
  for (int c = 0; c < kCoBlock; ++c)
    if (co0 + c < Cout) y[((n * Cout + co0 + c) * Ho + oh) * Wo + ow] = acc[c];
}

}  // namespace

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t Cin,
                      int64_t H, int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Ho, int64_t Wo,
                      cudaStream_t stream) {
  if (N * Cout * Ho * Wo == 0) return;
  const dim3 grid(static_cast<unsigned>((Ho * Wo + kThreads - 1) / kThreads),
                  static_cast<unsigned>(N * ((Cout + kCoBlock - 1) / kCoBlock)));
  conv_transpose2d_gather<<<grid, kThreads, 0, stream>>>(x, weight, bias, y, Cin, H, W, Cout, K, S, P, Ho, Wo);
}
