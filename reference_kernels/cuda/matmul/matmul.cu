// CUDA reference for matmul/matmul (fp32, row-major): 128x128 output tile per 256-thread block, k-slices
// of 8 staged in shared memory, 8x8 accumulators per thread in registers. A thread owns rows ty+16i and
// columns tx+16j, so shared-memory reads are broadcast or conflict-free and global stores are coalesced.
// Any M, N, K: tiles are zero-filled past the edges and stores are bounds-checked.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kBM = 128, kBN = 128, kBK = 8, kThreads = 256, kTM = 8, kTN = 8;

__global__ void __launch_bounds__(kThreads) sgemm_tiled(const float* __restrict__ A, const float* __restrict__ B,
                                                        float* __restrict__ C, int64_t M, int64_t N, int64_t K) {
  __shared__ float As[kBK][kBM];
  __shared__ float Bs[kBK][kBN];
  const int tid = threadIdx.x, tx = tid % 16, ty = tid / 16;
  const int64_t row0 = static_cast<int64_t>(blockIdx.y) * kBM, col0 = static_cast<int64_t>(blockIdx.x) * kBN;
  float acc[kTM][kTN] = {};

  for (int64_t k0 = 0; k0 < K; k0 += kBK) {
#pragma unroll
    for (int r = 0; r < (kBM * kBK) / kThreads; ++r) {
      const int e = tid + r * kThreads, m = e / kBK, kk = e % kBK;
      const int64_t gm = row0 + m, gk = k0 + kk;
      As[kk][m] = (gm < M && gk < K) ? A[gm * K + gk] : 0.0f;
    }
#pragma unroll
    for (int r = 0; r < (kBK * kBN) / kThreads; ++r) {
      const int e = tid + r * kThreads, kk = e / kBN, n = e % kBN;
      const int64_t gk = k0 + kk, gn = col0 + n;
      Bs[kk][n] = (gk < K && gn < N) ? B[gk * N + gn] : 0.0f;
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < kBK; ++kk) {
      float a[kTM], b[kTN];
#pragma unroll
      for (int i = 0; i < kTM; ++i) a[i] = As[kk][ty + 16 * i];
#pragma unroll
      for (int j = 0; j < kTN; ++j) b[j] = Bs[kk][tx + 16 * j];
#pragma unroll
      for (int i = 0; i < kTM; ++i)
#pragma unroll
        for (int j = 0; j < kTN; ++j) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < kTM; ++i) {
    const int64_t gm = row0 + ty + 16 * i;
    if (gm >= M) continue;
#pragma unroll
    for (int j = 0; j < kTN; ++j) {
      const int64_t gn = col0 + tx + 16 * j;
      if (gn < N) C[gm * N + gn] = acc[i][j];
    }
  }
}

}  // namespace

extern "C" void solve(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K,
                      cudaStream_t stream) {
  if (M <= 0 || N <= 0) return;
  const dim3 grid(static_cast<unsigned>((N + kBN - 1) / kBN), static_cast<unsigned>((M + kBM - 1) / kBM));
  sgemm_tiled<<<grid, kThreads, 0, stream>>>(A, B, C, M, N, K);
}
