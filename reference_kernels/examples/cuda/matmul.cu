// example for matmul/gemm_f16
// Why it is fast: tensor cores. Each block computes a 128x128 tile of C with 8 warps (4 x 2), each warp a
// 32x64 sub-tile as 2x4 WMMA 16x16x16 fragments accumulating in float32. A and B tiles (32 deep) are
// staged in padded shared memory (16-byte vector loads when K, N and the pointers allow, zero-filled at the
// edges); results go through a small per-warp staging buffer so edge tiles are written with bounds checks.
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <mma.h>

#include <cstdint>

namespace {

using namespace nvcuda;

constexpr int kBM = 128, kBN = 128, kBK = 32, kThreads = 256;
constexpr int kPadA = kBK + 8, kPadB = kBN + 8;  // row strides in halves (multiples of 8, 32-byte aligned rows)

template <bool kVec>
__global__ void __launch_bounds__(kThreads)
    gemm_f16_wmma(const __half* __restrict__ A, const __half* __restrict__ B, __half* __restrict__ C, int64_t M,
                  int64_t N, int64_t K) {
  __shared__ __align__(128) __half As[kBM][kPadA];
  __shared__ __align__(128) __half Bs[kBK][kPadB];
  __shared__ __align__(128) float staging[kThreads / 32][16 * 16];
  const int tid = threadIdx.x, warp = tid / 32, lane = tid % 32;
  const int warp_m = warp / 2, warp_n = warp % 2;  // 4 x 2 warps, each 32 x 64
  const int64_t row0 = static_cast<int64_t>(blockIdx.y) * kBM, col0 = static_cast<int64_t>(blockIdx.x) * kBN;

  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[2][4];
#pragma unroll
  for (int i = 0; i < 2; ++i)
#pragma unroll
    for (int j = 0; j < 4; ++j) wmma::fill_fragment(acc[i][j], 0.0f);

  for (int64_t k0 = 0; k0 < K; k0 += kBK) {
    if (kVec) {  // 8 halves (16 bytes) per load; K and N are multiples of 8
      for (int e = tid; e < kBM * kBK / 8; e += kThreads) {
        const int r = e / (kBK / 8), c = (e % (kBK / 8)) * 8;
        const int64_t gr = row0 + r, gc = k0 + c;
        uint4 v = make_uint4(0, 0, 0, 0);
        if (gr < M && gc < K) v = *reinterpret_cast<const uint4*>(A + gr * K + gc);
        *reinterpret_cast<uint4*>(&As[r][c]) = v;
      }
      for (int e = tid; e < kBK * kBN / 8; e += kThreads) {
        const int r = e / (kBN / 8), c = (e % (kBN / 8)) * 8;
        const int64_t gr = k0 + r, gc = col0 + c;
        uint4 v = make_uint4(0, 0, 0, 0);
        if (gr < K && gc < N) v = *reinterpret_cast<const uint4*>(B + gr * N + gc);
        *reinterpret_cast<uint4*>(&Bs[r][c]) = v;
      }
    } else {
      for (int e = tid; e < kBM * kBK; e += kThreads) {
        const int r = e / kBK, c = e % kBK;
        const int64_t gr = row0 + r, gc = k0 + c;
        As[r][c] = (gr < M && gc < K) ? A[gr * K + gc] : __float2half(0.0f);
      }
      for (int e = tid; e < kBK * kBN; e += kThreads) {
        const int r = e / kBN, c = e % kBN;
        const int64_t gr = k0 + r, gc = col0 + c;
        Bs[r][c] = (gr < K && gc < N) ? B[gr * N + gc] : __float2half(0.0f);
      }
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < kBK; kk += 16) {
      wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> a[2];
      wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> b[4];
#pragma unroll
      for (int i = 0; i < 2; ++i) wmma::load_matrix_sync(a[i], &As[warp_m * 32 + i * 16][kk], kPadA);
#pragma unroll
      for (int j = 0; j < 4; ++j) wmma::load_matrix_sync(b[j], &Bs[kk][warp_n * 64 + j * 16], kPadB);
#pragma unroll
      for (int i = 0; i < 2; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) wmma::mma_sync(acc[i][j], a[i], b[j], acc[i][j]);
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < 2; ++i)
#pragma unroll
    for (int j = 0; j < 4; ++j) {
      wmma::store_matrix_sync(staging[warp], acc[i][j], 16, wmma::mem_row_major);
      __syncwarp();
      const int64_t r_base = row0 + warp_m * 32 + i * 16, c_base = col0 + warp_n * 64 + j * 16;
      for (int e = lane; e < 256; e += 32) {
        const int64_t r = r_base + e / 16, c = c_base + e % 16;
        if (r < M && c < N) C[r * N + c] = __float2half(staging[warp][e]);
      }
      __syncwarp();
    }
}

bool aligned16(const void* p) { return (reinterpret_cast<uintptr_t>(p) & 15u) == 0; }

}  // namespace

extern "C" void solve(const __half* A, const __half* B, __half* C, int64_t M, int64_t N, int64_t K,
                      cudaStream_t stream) {
  if (M * N == 0) return;
  const dim3 grid(static_cast<unsigned>((N + kBN - 1) / kBN), static_cast<unsigned>((M + kBM - 1) / kBM));
  if (K % 8 == 0 && N % 8 == 0 && aligned16(A) && aligned16(B))
    gemm_f16_wmma<true><<<grid, kThreads, 0, stream>>>(A, B, C, M, N, K);
  else
    gemm_f16_wmma<false><<<grid, kThreads, 0, stream>>>(A, B, C, M, N, K);
}
