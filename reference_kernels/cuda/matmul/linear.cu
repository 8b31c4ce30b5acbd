// CUDA reference for matmul/linear: y = x * weight^T + bias with the tiled shared-memory GEMM (bias per column).
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cstdint>

namespace tiled_gemm {

// Tiled shared-memory GEMM: C[b] = A[b] (MxK) * op(B[b]) (+ bias), a 64x64 tile of C per block of 256
// threads, each thread a 4x4 register tile; K advances in steps of 16 through shared memory.
// op(B) = B (B is KxN) or B^T (B is NxK, kTransB). Bias is per row (kBiasRow) or per column of C, or none.
// Elements load through to_float and store through from_float, so one kernel serves f32, f16 and bf16.
constexpr int kTileM = 64, kTileN = 64, kTileK = 16, kGemmThreads = 256;

__device__ __forceinline__ float to_float(float v) { return v; }
__device__ __forceinline__ float to_float(__half v) { return __half2float(v); }
__device__ __forceinline__ float to_float(__nv_bfloat16 v) { return __bfloat162float(v); }
__device__ __forceinline__ void from_float(float& d, float v) { d = v; }
__device__ __forceinline__ void from_float(__half& d, float v) { d = __float2half(v); }
__device__ __forceinline__ void from_float(__nv_bfloat16& d, float v) { d = __float2bfloat16(v); }

enum class Bias { none, per_row, per_col };

template <typename T, typename OutT, bool kTransB, Bias kBias>
__global__ void __launch_bounds__(kGemmThreads)
    gemm_tiled(const T* __restrict__ A, const T* __restrict__ B, const T* __restrict__ bias, OutT* __restrict__ C,
               int64_t M, int64_t N, int64_t K, int64_t stride_a, int64_t stride_b, int64_t stride_c, float alpha) {
  __shared__ float As[kTileK][kTileM + 4];
  __shared__ float Bs[kTileK][kTileN + 4];
  A += blockIdx.z * stride_a;
  B += blockIdx.z * stride_b;
  C += blockIdx.z * stride_c;
  const int tid = threadIdx.x, tx = tid % 16, ty = tid / 16;
  const int64_t row0 = static_cast<int64_t>(blockIdx.y) * kTileM, col0 = static_cast<int64_t>(blockIdx.x) * kTileN;
  float acc[4][4] = {};
  for (int64_t k0 = 0; k0 < K; k0 += kTileK) {
#pragma unroll
    for (int r = 0; r < 4; ++r) {
      const int idx = tid + r * kGemmThreads;
      const int m = idx / kTileK, k = idx % kTileK;  // A tile: 64 rows x 16 k, k fastest
      const int64_t gm = row0 + m, gk = k0 + k;
      As[k][m] = (gm < M && gk < K) ? to_float(A[gm * K + gk]) : 0.0f;
      if (kTransB) {  // B is N x K: read k fastest
        const int n = idx / kTileK, kb = idx % kTileK;
        const int64_t gn = col0 + n, gkb = k0 + kb;
        Bs[kb][n] = (gn < N && gkb < K) ? to_float(B[gn * K + gkb]) : 0.0f;
      } else {  // B is K x N: read n fastest
        const int kb = idx / kTileN, n = idx % kTileN;
        const int64_t gn = col0 + n, gkb = k0 + kb;
        Bs[kb][n] = (gn < N && gkb < K) ? to_float(B[gkb * N + gn]) : 0.0f;
      }
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < kTileK; ++kk) {
      float a[4], b[4];
#pragma unroll
      for (int i = 0; i < 4; ++i) a[i] = As[kk][ty * 4 + i];
#pragma unroll
      for (int j = 0; j < 4; ++j) b[j] = Bs[kk][tx * 4 + j];
#pragma unroll
      for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] += a[i] * b[j];
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 4; ++i) {
    const int64_t gm = row0 + ty * 4 + i;
    if (gm >= M) continue;
#pragma unroll
    for (int j = 0; j < 4; ++j) {
      const int64_t gn = col0 + tx * 4 + j;
      if (gn >= N) continue;
      float v = alpha * acc[i][j];
      if (kBias == Bias::per_row) v += to_float(bias[gm]);
      if (kBias == Bias::per_col) v += to_float(bias[gn]);
      from_float(C[gm * N + gn], v);
    }
  }
}

inline dim3 gemm_grid(int64_t M, int64_t N, int64_t batch) {
  return dim3(static_cast<unsigned>((N + kTileN - 1) / kTileN), static_cast<unsigned>((M + kTileM - 1) / kTileM),
              static_cast<unsigned>(batch));
}

}  // namespace tiled_gemm

using namespace tiled_gemm;

extern "C" void solve(const float* x, const float* weight, const float* bias, float* y, int64_t M, int64_t N, int64_t K,
                      cudaStream_t stream) {
  if (M * N == 0) return;
  gemm_tiled<float, float, true, Bias::per_col><<<gemm_grid(M, N, 1), kGemmThreads, 0, stream>>>(
      x, weight, bias, y, M, N, K, 0, 0, 0, 1.0f);
}
