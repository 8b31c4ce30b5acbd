// CUDA reference for normalization/layernorm_bf16: one block per row; mean, then variance around the mean
// (two block reductions in float32), then a normalizing pass (bfloat16 in and out).
#include <cuda_bf16.h>
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kThreads = 256;

__device__ float block_sum(float v) {
  __shared__ float partial[kThreads / 32];
  for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_xor_sync(0xffffffffu, v, offset);
  __syncthreads();
  if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = v;
  __syncthreads();
  float total = 0.0f;
  for (int w = 0; w < kThreads / 32; ++w) total += partial[w];
  return total;
}

__global__ void layernorm_rows(const __nv_bfloat16* __restrict__ x, const __nv_bfloat16* __restrict__ gamma,
                               const __nv_bfloat16* __restrict__ beta, __nv_bfloat16* __restrict__ y, int64_t cols,
                               float eps) {
  const __nv_bfloat16* xr = x + blockIdx.x * cols;
  __nv_bfloat16* yr = y + blockIdx.x * cols;
  float s = 0.0f;
  for (int64_t c = threadIdx.x; c < cols; c += kThreads) s += __bfloat162float(xr[c]);
  const float mean = block_sum(s) / static_cast<float>(cols);
  float sq = 0.0f;
  for (int64_t c = threadIdx.x; c < cols; c += kThreads) {
    const float d = __bfloat162float(xr[c]) - mean;
    sq += d * d;
  }
  const float inv = rsqrtf(block_sum(sq) / static_cast<float>(cols) + eps);
  for (int64_t c = threadIdx.x; c < cols; c += kThreads)
    yr[c] = __float2bfloat16((__bfloat162float(xr[c]) - mean) * inv * __bfloat162float(gamma[c]) +
                             __bfloat162float(beta[c]));
}

}  // namespace

extern "C" void solve(const __nv_bfloat16* x, const __nv_bfloat16* gamma, const __nv_bfloat16* beta,
                      __nv_bfloat16* y, int64_t rows, int64_t cols, float eps, cudaStream_t stream) {
  if (rows == 0) return;
  layernorm_rows<<<static_cast<unsigned>(rows), kThreads, 0, stream>>>(x, gamma, beta, y, cols, eps);
}
