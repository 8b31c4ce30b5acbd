// CUDA reference for matmul/matvec: one warp per row, coalesced loads along the row, warp-shuffle sum.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kWarpsPerBlock = 8;

__global__ void matvec_rows(const float* __restrict__ A, const float* __restrict__ x, float* __restrict__ y, int64_t M,
                            int64_t K) {
  const int64_t row = static_cast<int64_t>(blockIdx.x) * kWarpsPerBlock + (threadIdx.x >> 5);
  if (row >= M) return;
  const int lane = threadIdx.x & 31;
  const float* a = A + row * K;
  float s = 0.0f;
  for (int64_t k = lane; k < K; k += 32) s += a[k] * x[k];
  for (int offset = 16; offset > 0; offset >>= 1) s += __shfl_xor_sync(0xffffffffu, s, offset);
  if (lane == 0) y[row] = s;
}

}  // namespace

extern "C" void solve(const float* A, const float* x, float* y, int64_t M, int64_t K, cudaStream_t stream) {
  if (M == 0) return;
  matvec_rows<<<static_cast<unsigned>((M + kWarpsPerBlock - 1) / kWarpsPerBlock), kWarpsPerBlock * 32, 0, stream>>>(
      A, x, y, M, K);
}
