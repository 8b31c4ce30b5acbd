// CUDA reference for attention/sdpa: flash-style attention on CUDA cores (no tensor cores), one query row
// per thread, K/V tiles in shared memory, online softmax.
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <cstdint>

namespace simt_attention {

__device__ __forceinline__ float to_float(float v) { return v; }
__device__ __forceinline__ float to_float(__half v) { return __half2float(v); }
__device__ __forceinline__ float to_float(__nv_bfloat16 v) { return __bfloat162float(v); }
__device__ __forceinline__ void from_float(float& d, float v) { d = v; }
__device__ __forceinline__ void from_float(__half& d, float v) { d = __float2half(v); }
__device__ __forceinline__ void from_float(__nv_bfloat16& d, float v) { d = __float2bfloat16(v); }

constexpr int kQueriesPerBlock = 64;  // one query row per thread

// Flash-style attention on CUDA cores: each thread owns one query row (q and the output accumulator in
// registers); the block streams K/V tiles of kKeysPerTile keys through shared memory and keeps an online
// softmax (running max and sum, in the exp2 domain). Query head h reads K/V head h / (H / Hkv); a query
// sees keys j < lens[b] (when lens is set) and, when causal, j <= i.
template <typename T, int kMaxD, bool kCausal>
__global__ void __launch_bounds__(kQueriesPerBlock)
    flash_attention_simt(const T* __restrict__ Q, const T* __restrict__ K, const T* __restrict__ V,
                         T* __restrict__ O, const int32_t* __restrict__ lens, int64_t H, int64_t Hkv, int64_t Sq,
                         int64_t Sk, int64_t D, float scale) {
  constexpr int kKeysPerTile = 4096 / kMaxD;
  __shared__ float Ks[kKeysPerTile][kMaxD];
  __shared__ float Vs[kKeysPerTile][kMaxD];
  const int64_t bh = blockIdx.y, b = bh / H, h = bh % H;
  const int64_t kv = b * Hkv + h / (H / Hkv);
  const int64_t q0 = static_cast<int64_t>(blockIdx.x) * kQueriesPerBlock, qi = q0 + threadIdx.x;
  const bool active = qi < Sq;
  int64_t keys = lens ? static_cast<int64_t>(lens[b]) : Sk;
  if (kCausal) keys = min(keys, min(q0 + kQueriesPerBlock, Sq));  // the block's last query sees keys <= it
  const float qscale = scale * 1.4426950408889634f;                // exp(x) = exp2(x * log2 e)
  float q[kMaxD], acc[kMaxD];
#pragma unroll
  for (int d = 0; d < kMaxD; ++d) {
    q[d] = (active && d < D) ? to_float(Q[(bh * Sq + qi) * D + d]) * qscale : 0.0f;
    acc[d] = 0.0f;
  }
  float m = -INFINITY, l = 0.0f;
  const T* Kh = K + kv * Sk * D;
  const T* Vh = V + kv * Sk * D;
  for (int64_t k0 = 0; k0 < keys; k0 += kKeysPerTile) {
    const int tile = static_cast<int>(min(static_cast<int64_t>(kKeysPerTile), keys - k0));
    __syncthreads();
    for (int e = threadIdx.x; e < kKeysPerTile * kMaxD; e += kQueriesPerBlock) {
      const int j = e / kMaxD, d = e % kMaxD;
      const bool ok = j < tile && d < D;
      Ks[j][d] = ok ? to_float(Kh[(k0 + j) * D + d]) : 0.0f;
      Vs[j][d] = ok ? to_float(Vh[(k0 + j) * D + d]) : 0.0f;
    }
    __syncthreads();
    if (!active) continue;
    for (int j = 0; j < tile; ++j) {
      if (kCausal && k0 + j > qi) break;
      float s = 0.0f;
#pragma unroll
      for (int d = 0; d < kMaxD; ++d) s += q[d] * Ks[j][d];
      if (s > m) {  // new running max: rescale what was accumulated so far
        const float correction = exp2f(m - s);
        l *= correction;
#pragma unroll
        for (int d = 0; d < kMaxD; ++d) acc[d] *= correction;
        m = s;
      }
      const float p = exp2f(s - m);
      l += p;
#pragma unroll
      for (int d = 0; d < kMaxD; ++d) acc[d] += p * Vs[j][d];
    }
  }
  if (!active) return;
  const float inv = 1.0f / l;
#pragma unroll
  for (int d = 0; d < kMaxD; ++d)
    if (d < D) from_float(O[(bh * Sq + qi) * D + d], acc[d] * inv);
}

// Picks the register tile for D (<= 128) and launches one block per 64 queries of every (batch, head).
template <typename T, bool kCausal>
void launch_attention(const T* Q, const T* K, const T* V, T* O, const int32_t* lens, int64_t B, int64_t H,
                      int64_t Hkv, int64_t Sq, int64_t Sk, int64_t D, float scale, cudaStream_t stream) {
  if (B * H * Sq == 0) return;
  const dim3 grid(static_cast<unsigned>((Sq + kQueriesPerBlock - 1) / kQueriesPerBlock), static_cast<unsigned>(B * H));
  if (D <= 32)
    flash_attention_simt<T, 32, kCausal><<<grid, kQueriesPerBlock, 0, stream>>>(Q, K, V, O, lens, H, Hkv, Sq, Sk, D, scale);
  else if (D <= 64)
    flash_attention_simt<T, 64, kCausal><<<grid, kQueriesPerBlock, 0, stream>>>(Q, K, V, O, lens, H, Hkv, Sq, Sk, D, scale);
  else
    flash_attention_simt<T, 128, kCausal><<<grid, kQueriesPerBlock, 0, stream>>>(Q, K, V, O, lens, H, Hkv, Sq, Sk, D, scale);
}

}  // namespace simt_attention

using namespace simt_attention;

extern "C" void solve(const float* Q, const float* K, const float* V, float* O, int64_t B, int64_t H, int64_t Sq, int64_t Sk,
                      int64_t D, float scale, cudaStream_t stream) {
  launch_attention<float, false>(Q, K, V, O, nullptr, B, H, H, Sq, Sk, D, scale, stream);
}
