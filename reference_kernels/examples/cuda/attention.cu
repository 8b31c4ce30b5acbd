// example for attention/sdpa
// Why it is fast (over a per-key online softmax): each thread still owns one query row, but keys are
// processed 16 at a time — 16 scores are computed into registers from shared-memory K rows read as float4
// broadcasts, the running max and the accumulator are rescaled once per chunk instead of per key, and
// the exponentials use exp2 with log2(e) folded into the query scale. K/V tiles are staged in shared memory.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kQueries = 64;  // threads per block, one query row each
constexpr int kChunk = 16;    // keys scored together

template <int kMaxD>
__global__ void __launch_bounds__(kQueries)
    sdpa_chunked(const float* __restrict__ Q, const float* __restrict__ K, const float* __restrict__ V,
                 float* __restrict__ O, int64_t Sq, int64_t Sk, int64_t D, float scale) {
  constexpr int kTile = 4096 / kMaxD;  // keys per shared-memory tile (32 KB for K and V together)
  __shared__ __align__(16) float Ks[kTile][kMaxD];
  __shared__ __align__(16) float Vs[kTile][kMaxD];
  const int64_t bh = blockIdx.y, qi = static_cast<int64_t>(blockIdx.x) * kQueries + threadIdx.x;
  const bool active = qi < Sq;
  const float qscale = scale * 1.4426950408889634f;
  float q[kMaxD], acc[kMaxD];
#pragma unroll
  for (int d = 0; d < kMaxD; ++d) {
    q[d] = (active && d < D) ? Q[(bh * Sq + qi) * D + d] * qscale : 0.0f;
    acc[d] = 0.0f;
  }
  float m = -INFINITY, l = 0.0f;
  const float* Kh = K + bh * Sk * D;
  const float* Vh = V + bh * Sk * D;
  for (int64_t k0 = 0; k0 < Sk; k0 += kTile) {
    const int tile = static_cast<int>(min(static_cast<int64_t>(kTile), Sk - k0));
    __syncthreads();
    for (int e = threadIdx.x; e < kTile * kMaxD; e += kQueries) {
      const int j = e / kMaxD, d = e % kMaxD;
      const bool ok = j < tile && d < D;
      Ks[j][d] = ok ? Kh[(k0 + j) * D + d] : 0.0f;
      Vs[j][d] = ok ? Vh[(k0 + j) * D + d] : 0.0f;
    }
    __syncthreads();
    for (int c0 = 0; c0 < tile; c0 += kChunk) {
      float s[kChunk];
      float chunk_max = -INFINITY;
#pragma unroll
      for (int c = 0; c < kChunk; ++c) {
        float dot = 0.0f;
#pragma unroll
        for (int d = 0; d < kMaxD; d += 4) {
          const float4 k4 = *reinterpret_cast<const float4*>(&Ks[c0 + c][d]);
          dot += q[d] * k4.x + q[d + 1] * k4.y + q[d + 2] * k4.z + q[d + 3] * k4.w;
        }
        s[c] = (c0 + c < tile) ? dot : -INFINITY;
        chunk_max = fmaxf(chunk_max, s[c]);
      }
      const float m_new = fmaxf(m, chunk_max);
      const float correction = exp2f(m - m_new);
      l *= correction;
#pragma unroll
      for (int d = 0; d < kMaxD; ++d) acc[d] *= correction;
      m = m_new;
#pragma unroll
      for (int c = 0; c < kChunk; ++c) {
        const float p = exp2f(s[c] - m);
        l += p;
#pragma unroll
        for (int d = 0; d < kMaxD; d += 4) {
          const float4 v4 = *reinterpret_cast<const float4*>(&Vs[c0 + c][d]);
          acc[d] += p * v4.x;
          acc[d + 1] += p * v4.y;
          acc[d + 2] += p * v4.z;
          acc[d + 3] += p * v4.w;
        }
      }
    }
  }
  if (!active) return;
  const float inv = 1.0f / l;
#pragma unroll
  for (int d = 0; d < kMaxD; ++d)
    if (d < D) O[(bh * Sq + qi) * D + d] = acc[d] * inv;
}

}  // namespace

extern "C" void solve(const float* Q, const float* K, const float* V, float* O, int64_t B, int64_t H, int64_t Sq,
                      int64_t Sk, int64_t D, float scale, cudaStream_t stream) {
  if (B * H * Sq == 0) return;
  const dim3 grid(static_cast<unsigned>((Sq + kQueries - 1) / kQueries), static_cast<unsigned>(B * H));
  if (D <= 32)
    sdpa_chunked<32><<<grid, kQueries, 0, stream>>>(Q, K, V, O, Sq, Sk, D, scale);
  else if (D <= 64)
    sdpa_chunked<64><<<grid, kQueries, 0, stream>>>(Q, K, V, O, Sq, Sk, D, scale);
  else
    sdpa_chunked<128><<<grid, kQueries, 0, stream>>>(Q, K, V, O, Sq, Sk, D, scale);
}
