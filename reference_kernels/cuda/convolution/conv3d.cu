// CUDA reference for convolution/conv3d: direct convolution; each thread computes one output voxel for
// kCoBlock consecutive output channels (input reuse in registers, uniform weight loads within a block).
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kCoBlock = 8;
constexpr int kThreads = 256;

__global__ void conv3d_direct(const float* __restrict__ x, const float* __restrict__ weight,
                              const float* __restrict__ bias, float* __restrict__ y, int64_t Cin, int64_t D,
                              int64_t H, int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Do,
                              int64_t Ho, int64_t Wo) {
  const int64_t voxel = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x;
  const int64_t groups = (Cout + kCoBlock - 1) / kCoBlock;
  const int64_t n = blockIdx.y / groups, co0 = (blockIdx.y % groups) * kCoBlock;
  if (voxel >= Do * Ho * Wo) return;
  const int64_t d = voxel / (Ho * Wo), i = (voxel / Wo) % Ho, j = voxel % Wo;
  const int64_t taps = Cin * K * K * K;
  float acc[kCoBlock];
#pragma unroll
  for (int c = 0; c < kCoBlock; ++c) acc[c] = (co0 + c < Cout) ? bias[co0 + c] : 0.0f;
  for (int64_t ci = 0; ci < Cin; ++ci) {
    const float* xv = x + (n * Cin + ci) * D * H * W;
    for (int64_t a = 0; a < K; ++a) {
      const int64_t z = d * S - P + a;
      if (z < 0 || z >= D) continue;
      for (int64_t b = 0; b < K; ++b) {
        const int64_t h = i * S - P + b;
        if (h < 0 || h >= H) continue;
        for (int64_t e = 0; e < K; ++e) {
          const int64_t w = j * S - P + e;
          if (w < 0 || w >= W) continue;
          const float v = xv[(z * H + h) * W + w];
          const int64_t tap = ((ci * K + a) * K + b) * K + e;
#pragma unroll
          for (int c = 0; c < kCoBlock; ++c)
            if (co0 + c < Cout) acc[c] += v * weight[(co0 + c) * taps + tap];
        }
      }
    }
  }
#pragma unroll
  for (int c = 0; c < kCoBlock; ++c)
    if (co0 + c < Cout) y[(n * Cout + co0 + c) * Do * Ho * Wo + voxel] = acc[c];
}

}  // namespace

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t Cin,
                      int64_t D, int64_t H, int64_t W, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Do,
                      int64_t Ho, int64_t Wo, cudaStream_t stream) {
  if (N * Cout * Do * Ho * Wo == 0) return;
  const dim3 grid(static_cast<unsigned>((Do * Ho * Wo + kThreads - 1) / kThreads),
                  static_cast<unsigned>(N * ((Cout + kCoBlock - 1) / kCoBlock)));
  conv3d_direct<<<grid, kThreads, 0, stream>>>(x, weight, bias, y, Cin, D, H, W, Cout, K, S, P, Do, Ho, Wo);
}
