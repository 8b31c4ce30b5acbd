// CUDA reference for matmul/tall_skinny: C[M,N] = A[M,K] * B[K,N] for small N: B is staged in shared memory
// in chunks of K, one thread per row of A accumulates its N outputs in registers (N <= kMaxN) or, for wider
// N, loops over column chunks.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kMaxN = 16;
constexpr int kChunkK = 128;
constexpr int kThreads = 128;

__global__ void tall_skinny_kernel(const float* __restrict__ A, const float* __restrict__ B, float* __restrict__ C,
                                   int64_t M, int64_t N, int64_t K) {
  __shared__ float Bs[kChunkK][kMaxN];
  const int64_t row = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x;
  for (int64_t n0 = 0; n0 < N; n0 += kMaxN) {
    const int width = static_cast<int>(N - n0 < kMaxN ? N - n0 : kMaxN);
    float acc[kMaxN] = {};
    for (int64_t k0 = 0; k0 < K; k0 += kChunkK) {
      const int depth = static_cast<int>(K - k0 < kChunkK ? K - k0 : kChunkK);
      __syncthreads();
      for (int e = threadIdx.x; e < kChunkK * kMaxN; e += kThreads) {
        const int k = e / kMaxN, n = e % kMaxN;
        Bs[k][n] = (k < depth && n < width) ? B[(k0 + k) * N + n0 + n] : 0.0f;
      }
      __syncthreads();
      if (row < M) {
        const float* a = A + row * K + k0;
        for (int k = 0; k < depth; ++k) {
          const float av = a[k];
#pragma unroll
          for (int n = 0; n < kMaxN; ++n) acc[n] += av * Bs[k][n];
        }
      }
    }
    if (row < M)
      for (int n = 0; n < width; ++n) C[row * N + n0 + n] = acc[n];
  }
}

}  // namespace

extern "C" void solve(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K, cudaStream_t stream) {
  if (M * N == 0) return;
  tall_skinny_kernel<<<static_cast<unsigned>((M + kThreads - 1) / kThreads), kThreads, 0, stream>>>(A, B, C, M, N, K);
}
