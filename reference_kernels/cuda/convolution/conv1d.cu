// CUDA reference for convolution/conv1d: direct convolution; each thread computes one output position for
// kCoBlock consecutive output channels (input reuse in registers, uniform weight loads within a block).
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kCoBlock = 8;
constexpr int kThreads = 256;

__global__ void conv1d_direct(const float* __restrict__ x, const float* __restrict__ weight,
                              const float* __restrict__ bias, float* __restrict__ y, int64_t Cin, int64_t L,
                              int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Lo) {
  const int64_t o = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x;
  const int64_t groups = (Cout + kCoBlock - 1) / kCoBlock;
  const int64_t n = blockIdx.y / groups, co0 = (blockIdx.y % groups) * kCoBlock;
  if (o >= Lo) return;
  float acc[kCoBlock];
#pragma unroll
  for (int c = 0; c < kCoBlock; ++c) acc[c] = (co0 + c < Cout) ? bias[co0 + c] : 0.0f;
  for (int64_t ci = 0; ci < Cin; ++ci) {
    const float* xr = x + (n * Cin + ci) * L;
    for (int64_t k = 0; k < K; ++k) {
      const int64_t l = o * S - P + k;
      if (l < 0 || l >= L) continue;
      const float xv = xr[l];
#pragma unroll
      for (int c = 0; c < kCoBlock; ++c)
        if (co0 + c < Cout) acc[c] += xv * weight[((co0 + c) * Cin + ci) * K + k];
    }
  }
#pragma unroll
  for (int c = 0; c < kCoBlock; ++c)
    if (co0 + c < Cout) y[(n * Cout + co0 + c) * Lo + o] = acc[c];
}

}  // namespace

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t N, int64_t Cin,
                      int64_t L, int64_t Cout, int64_t K, int64_t S, int64_t P, int64_t Lo, cudaStream_t stream) {
  if (N * Cout * Lo == 0) return;
  const dim3 grid(static_cast<unsigned>((Lo + kThreads - 1) / kThreads),
                  static_cast<unsigned>(N * ((Cout + kCoBlock - 1) / kCoBlock)));
  conv1d_direct<<<grid, kThreads, 0, stream>>>(x, weight, bias, y, Cin, L, Cout, K, S, P, Lo);
}
