// example for fusion/causal_softmax_f16
// Why it is fast: one warp per (batch, query) row and the visible part of the row (j <= i) is read from global
// memory exactly once into registers; maximum and sum are warp-shuffle reductions (no shared memory, no block
// barriers), the exponentials are computed once and reused, and the masked upper triangle is never read, only
// written as zeros. Rows longer than the register budget fall back to a three-pass loop.
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <cstdint>

constexpr int kMaxPerLane = 32;  // rows up to 32 * 32 = 1024 keys stay in registers
constexpr int kWarpsPerBlock = 4;

__device__ __forceinline__ float warp_max(float v) {
  for (int off = 16; off > 0; off >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, off));
  return v;
}
__device__ __forceinline__ float warp_sum(float v) {
  for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
  return v;
}

template <bool kInRegisters>
__global__ void causal_softmax_warp_kernel(const __half* __restrict__ x, __half* __restrict__ y, int64_t rows,
                                           int64_t seq, float scale) {
  const int64_t row = static_cast<int64_t>(blockIdx.x) * kWarpsPerBlock + threadIdx.x / 32;
  if (row >= rows) return;
  const int lane = threadIdx.x % 32;
  const int64_t i = row % seq;
  const __half* xr = x + row * seq;
  __half* yr = y + row * seq;
  if (kInRegisters) {
    float v[kMaxPerLane];
    float m = -INFINITY;
#pragma unroll
    for (int t = 0; t < kMaxPerLane; ++t) {
      const int64_t j = lane + 32 * t;
      v[t] = j <= i ? scale * __half2float(xr[j]) : -INFINITY;
      m = fmaxf(m, v[t]);
    }
    m = warp_max(m);
    float s = 0.0f;
#pragma unroll
    for (int t = 0; t < kMaxPerLane; ++t) {
      v[t] = lane + 32 * t <= i ? __expf(v[t] - m) : 0.0f;
      s += v[t];
    }
    const float inv = 1.0f / warp_sum(s);
#pragma unroll
    for (int t = 0; t < kMaxPerLane; ++t) {
      const int64_t j = lane + 32 * t;
      if (j < seq) yr[j] = __float2half(v[t] * inv);
    }
  } else {
    float m = -INFINITY;
    for (int64_t j = lane; j <= i; j += 32) m = fmaxf(m, scale * __half2float(xr[j]));
    m = warp_max(m);
    float s = 0.0f;
    for (int64_t j = lane; j <= i; j += 32) s += __expf(scale * __half2float(xr[j]) - m);
    const float inv = 1.0f / warp_sum(s);
    for (int64_t j = lane; j < seq; j += 32)
      yr[j] = __float2half(j <= i ? __expf(scale * __half2float(xr[j]) - m) * inv : 0.0f);
  }
}

extern "C" void solve(const __half* x, __half* y, int64_t batch, int64_t seq, float scale, cudaStream_t stream) {
  const int64_t rows = batch * seq;
  if (rows == 0) return;
  const unsigned blocks = static_cast<unsigned>((rows + kWarpsPerBlock - 1) / kWarpsPerBlock);
  if (seq <= 32 * kMaxPerLane)
    causal_softmax_warp_kernel<true><<<blocks, 32 * kWarpsPerBlock, 0, stream>>>(x, y, rows, seq, scale);
  else
    causal_softmax_warp_kernel<false><<<blocks, 32 * kWarpsPerBlock, 0, stream>>>(x, y, rows, seq, scale);
}
