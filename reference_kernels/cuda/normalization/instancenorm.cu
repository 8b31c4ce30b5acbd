// CUDA reference for normalization/instancenorm: one block per (n,c) plane; mean, then variance around
// the mean by block reductions, then normalize.
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

__global__ void instancenorm_planes(const float* __restrict__ x, float* __restrict__ y, int64_t HW, float eps) {
  const float* xp = x + blockIdx.x * HW;
  float* yp = y + blockIdx.x * HW;
  float s = 0.0f;
  for (int64_t i = threadIdx.x; i < HW; i += kThreads) s += xp[i];
  const float mean = block_sum(s) / static_cast<float>(HW);
  float sq = 0.0f;
  for (int64_t i = threadIdx.x; i < HW; i += kThreads) {
    const float d = xp[i] - mean;
    sq += d * d;
  }
  const float inv = rsqrtf(block_sum(sq) / static_cast<float>(HW) + eps);
  for (int64_t i = threadIdx.x; i < HW; i += kThreads) yp[i] = (xp[i] - mean) * inv;
}

}  // namespace

extern "C" void solve(const float* x, float* y, int64_t N, int64_t C, int64_t H, int64_t W, float eps,
                      cudaStream_t stream) {
  if (N * C == 0) return;
  instancenorm_planes<<<static_cast<unsigned>(N * C), kThreads, 0, stream>>>(x, y, H * W, eps);
}
