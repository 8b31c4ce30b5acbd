// example for arch/mlp_block
// Why it is fast: both linear layers run on a register-blocked SGEMM: 128x128 output tiles per 256-thread block,
// 8x8 accumulators per thread (two 4x4 quadrants 64 apart, so shared-memory float4 reads are conflict-free), a
// 16-byte vector load path for the tiles, and an 8-deep k slice staged in shared memory. Each shared value read
// feeds 8 FMAs instead of 4. Bias + GELU and bias are fused into the epilogues, so the hidden activation is
// written once and read once.
#include <cuda_runtime.h>
#include <cstdint>
#include <cstdio>

constexpr int kBM = 128, kBN = 128, kBK = 8, kThreads = 256;

struct BiasGelu {
  const float* b;
  float* out;
  int64_t ld;
  __device__ void operator()(int64_t m, int64_t n, float acc) const {
    const float v = acc + b[n];
    out[m * ld + n] = 0.5f * v * (1.0f + erff(v * 0.70710678118654752f));
  }
};
struct Bias {
  const float* b;
  float* out;
  int64_t ld;
  __device__ void operator()(int64_t m, int64_t n, float acc) const { out[m * ld + n] = acc + b[n]; }
};

// Loads a kBM x kBK tile of a row-major [rows, K] matrix into s[k][row] (zero outside the matrix).
__device__ __forceinline__ void load_tile(const float* __restrict__ src, float (*s)[kBM], int64_t r0, int64_t rows,
                                          int64_t k0, int64_t K) {
  const int r = threadIdx.x / 2, kq = (threadIdx.x % 2) * 4;
  const int64_t row = r0 + r, k = k0 + kq;
  if (row < rows && k + 3 < K && (K & 3) == 0) {
    const float4 v = *reinterpret_cast<const float4*>(src + row * K + k);
    s[kq][r] = v.x;
    s[kq + 1][r] = v.y;
    s[kq + 2][r] = v.z;
    s[kq + 3][r] = v.w;
  } else {
#pragma unroll
    for (int i = 0; i < 4; ++i) s[kq + i][r] = (row < rows && k + i < K) ? src[row * K + k + i] : 0.0f;
  }
}

// C[m, n] = sum over k of A[m, k] * B[n, k], handed to `epi` per element.
template <class Epilogue>
__global__ void __launch_bounds__(kThreads) sgemm_nt_kernel(const float* __restrict__ A, const float* __restrict__ B,
                                                            int64_t M, int64_t N, int64_t K, Epilogue epi) {
  __shared__ __align__(16) float As[kBK][kBM];
  __shared__ __align__(16) float Bs[kBK][kBN];
  const int64_t m0 = static_cast<int64_t>(blockIdx.y) * kBM, n0 = static_cast<int64_t>(blockIdx.x) * kBN;
  const int ty = threadIdx.x / 16, tx = threadIdx.x % 16;
  float acc[8][8] = {};
  for (int64_t k0 = 0; k0 < K; k0 += kBK) {
    load_tile(A, As, m0, M, k0, K);
    load_tile(B, Bs, n0, N, k0, K);
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < kBK; ++kk) {
      const float4 a0 = *reinterpret_cast<const float4*>(&As[kk][ty * 4]);
      const float4 a1 = *reinterpret_cast<const float4*>(&As[kk][64 + ty * 4]);
      const float4 b0 = *reinterpret_cast<const float4*>(&Bs[kk][tx * 4]);
      const float4 b1 = *reinterpret_cast<const float4*>(&Bs[kk][64 + tx * 4]);
      const float a[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
      const float b[8] = {b0.x, b0.y, b0.z, b0.w, b1.x, b1.y, b1.z, b1.w};
#pragma unroll
      for (int i = 0; i < 8; ++i)
#pragma unroll
        for (int j = 0; j < 8; ++j) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 8; ++i) {
    const int64_t m = m0 + (i < 4 ? ty * 4 + i : 64 + ty * 4 + i - 4);
    if (m >= M) continue;
#pragma unroll
    for (int j = 0; j < 8; ++j) {
      const int64_t n = n0 + (j < 4 ? tx * 4 + j : 64 + tx * 4 + j - 4);
      if (n < N) epi(m, n, acc[i][j]);
    }
  }
}

template <class Epilogue>
void sgemm_nt(const float* A, const float* B, int64_t M, int64_t N, int64_t K, Epilogue epi, cudaStream_t stream) {
  const dim3 grid(static_cast<unsigned>((N + kBN - 1) / kBN), static_cast<unsigned>((M + kBM - 1) / kBM));
  sgemm_nt_kernel<<<grid, kThreads, 0, stream>>>(A, B, M, N, K, epi);
}

extern "C" void solve(const float* x, const float* w1, const float* b1, const float* w2, const float* b2, float* y,
                      int64_t M, int64_t D, int64_t F, cudaStream_t stream) {
  if (M == 0 || D == 0) return;
  float* h = nullptr;
  cudaError_t err = cudaMallocAsync(reinterpret_cast<void**>(&h), static_cast<size_t>(M * F > 0 ? M * F : 1) * sizeof(float), stream);
  if (err != cudaSuccess) {
    std::fprintf(stderr, "mlp_block: cudaMallocAsync failed: %s\n", cudaGetErrorString(err));
    return;
  }
  sgemm_nt(x, w1, M, F, D, BiasGelu{b1, h, F}, stream);
  sgemm_nt(h, w2, M, D, F, Bias{b2, y, D}, stream);
  err = cudaFreeAsync(h, stream);
  if (err != cudaSuccess) std::fprintf(stderr, "mlp_block: cudaFreeAsync failed: %s\n", cudaGetErrorString(err));
}
