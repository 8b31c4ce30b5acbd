// CUDA reference for fusion/conv2d_bn_relu: direct convolution, one thread per output pixel computing 8 output
// channels; each input channel's 8 filters are staged in shared memory. Batch norm (inference) and ReLU are
// applied to the accumulators before the single store.
#include <cuda_runtime.h>
#include <cstdint>

constexpr int kCoPerThread = 8;
constexpr int kPixelsPerBlock = 256;

__global__ void conv_bn_relu_kernel(const float* __restrict__ x, const float* __restrict__ w,
                                    const float* __restrict__ gamma, const float* __restrict__ beta,
                                    const float* __restrict__ mean, const float* __restrict__ var,
                                    float* __restrict__ y, int64_t Cin, int64_t H, int64_t W, int64_t Cout, int64_t KS,
                                    int64_t P, int64_t OH, int64_t OW, float eps) {
  extern __shared__ float sw[];  // [kCoPerThread][KS * KS] filters of the current input channel
  const int64_t n = blockIdx.z, o0 = static_cast<int64_t>(blockIdx.y) * kCoPerThread;
  const int64_t pix = static_cast<int64_t>(blockIdx.x) * kPixelsPerBlock + threadIdx.x;
  const bool active = pix < OH * OW;
  const int64_t oh = active ? pix / OW : 0, ow = active ? pix % OW : 0;
  const int64_t taps = KS * KS;
  float acc[kCoPerThread] = {};
  for (int64_t c = 0; c < Cin; ++c) {
    __syncthreads();
    for (int64_t e = threadIdx.x; e < kCoPerThread * taps; e += blockDim.x) {
      const int64_t co = e / taps, t = e % taps;
      sw[e] = o0 + co < Cout ? w[((o0 + co) * Cin + c) * taps + t] : 0.0f;
    }
    __syncthreads();
    if (!active) continue;
    const float* xc = x + (n * Cin + c) * H * W;
    for (int64_t i = 0; i < KS; ++i) {
      const int64_t h = oh + i - P;
      if (h < 0 || h >= H) continue;
      for (int64_t j = 0; j < KS; ++j) {
        const int64_t v = ow + j - P;
        if (v < 0 || v >= W) continue;
        const float xv = xc[h * W + v];
#pragma unroll
        for (int co = 0; co < kCoPerThread; ++co) acc[co] = fmaf(xv, sw[co * taps + i * KS + j], acc[co]);
      }
    }
  }
  if (!active) return;
#pragma unroll
  for (int co = 0; co < kCoPerThread; ++co) {
    const int64_t o = o0 + co;
    if (o >= Cout) break;
    const float scale = gamma[o] * rsqrtf(var[o] + eps);
    const float v = (acc[co] - mean[o]) * scale + beta[o];
    y[((n * Cout + o) * OH + oh) * OW + ow] = v > 0.0f ? v : 0.0f;
  }
}

extern "C" void solve(const float* x, const float* w, const float* gamma, const float* beta, const float* mean,
                      const float* var, float* y, int64_t N, int64_t Cin, int64_t H, int64_t W, int64_t Cout,
                      int64_t KS, int64_t P, int64_t OH, int64_t OW, float eps, cudaStream_t stream) {
  if (N == 0 || Cout == 0 || OH * OW == 0) return;
  const dim3 grid(static_cast<unsigned>((OH * OW + kPixelsPerBlock - 1) / kPixelsPerBlock),
                  static_cast<unsigned>((Cout + kCoPerThread - 1) / kCoPerThread), static_cast<unsigned>(N));
  const size_t smem = static_cast<size_t>(kCoPerThread * KS * KS) * sizeof(float);
  conv_bn_relu_kernel<<<grid, kPixelsPerBlock, smem, stream>>>(x, w, gamma, beta, mean, var, y, Cin, H, W, Cout, KS, P,
                                                               OH, OW, eps);
}
