// CUDA reference for attention/attention_scores: one block per query row; the query is staged in shared
// memory, each thread computes scale * dot(q, K[j]) for its keys into P, then a block max, a block sum of
// exponentials and a normalizing pass over the row of P.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kThreads = 256;
constexpr int kMaxD = 1024;

__device__ float block_reduce(float v, bool take_max) {
  __shared__ float partial[kThreads / 32];
  for (int offset = 16; offset > 0; offset >>= 1) {
    const float o = __shfl_xor_sync(0xffffffffu, v, offset);
    v = take_max ? fmaxf(v, o) : v + o;
  }
  __syncthreads();
  if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = v;
  __syncthreads();
  float r = partial[0];
  for (int w = 1; w < kThreads / 32; ++w) r = take_max ? fmaxf(r, partial[w]) : r + partial[w];
  return r;
}

__global__ void attention_scores_rows(const float* __restrict__ Q, const float* __restrict__ K, float* __restrict__ P,
                                      int64_t Sq, int64_t Sk, int64_t D, float scale) {
  __shared__ float q[kMaxD];
  const int64_t row = blockIdx.x, bh = row / Sq;
  for (int64_t d = threadIdx.x; d < D; d += kThreads) q[d] = Q[row * D + d] * scale;
  __syncthreads();
  const float* Kh = K + bh * Sk * D;
  float* prow = P + row * Sk;
  float m = -INFINITY;
  for (int64_t j = threadIdx.x; j < Sk; j += kThreads) {
    const float* k = Kh + j * D;
    float s = 0.0f;
    for (int64_t d = 0; d < D; ++d) s += q[d] * k[d];
    prow[j] = s;
    m = fmaxf(m, s);
  }
  m = block_reduce(m, true);
  float sum = 0.0f;
  for (int64_t j = threadIdx.x; j < Sk; j += kThreads) {
    const float e = __expf(prow[j] - m);
    prow[j] = e;
    sum += e;
  }
  const float inv = 1.0f / block_reduce(sum, false);
  for (int64_t j = threadIdx.x; j < Sk; j += kThreads) prow[j] *= inv;
}

}  // namespace

extern "C" void solve(const float* Q, const float* K, float* P, int64_t B, int64_t H, int64_t Sq, int64_t Sk, int64_t D,
                      float scale, cudaStream_t stream) {
  const int64_t rows = B * H * Sq;
  if (rows == 0 || Sk == 0) return;
  attention_scores_rows<<<static_cast<unsigned>(rows), kThreads, 0, stream>>>(Q, K, P, Sq, Sk, D, scale);
}
