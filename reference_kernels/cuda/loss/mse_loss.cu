// CUDA reference for loss/mse_loss: a grid-stride pass writes one double partial sum of squared
// differences per block, then one block adds the partials in a fixed order (deterministic) and divides by n.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace {

constexpr int kThreads = 256;
constexpr int kMaxBlocks = 1024;
__device__ double g_partials[kMaxBlocks];

__device__ double block_sum(double v) {
  __shared__ double partial[kThreads / 32];
  for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_xor_sync(0xffffffffu, v, offset);
  if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = v;
  __syncthreads();
  double r = 0.0;
  if (threadIdx.x == 0)
    for (int w = 0; w < kThreads / 32; ++w) r += partial[w];
  return r;
}

__global__ void partial_squared_error(const float* __restrict__ pred, const float* __restrict__ target, int64_t n) {
  double s = 0.0;
  const int64_t stride = static_cast<int64_t>(gridDim.x) * kThreads;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x; i < n; i += stride) {
    const float d = pred[i] - target[i];
    s += static_cast<double>(d) * d;
  }
  s = block_sum(s);
  if (threadIdx.x == 0) g_partials[blockIdx.x] = s;
}

__global__ void finish_mean(int blocks, int64_t n, float* __restrict__ out) {
  double s = 0.0;
  for (int b = threadIdx.x; b < blocks; b += kThreads) s += g_partials[b];
  s = block_sum(s);
  if (threadIdx.x == 0) out[0] = static_cast<float>(s / static_cast<double>(n));
}

}  // namespace

extern "C" void solve(const float* pred, const float* target, float* out, int64_t n, cudaStream_t stream) {
  if (n <= 0) return;
  const int blocks = static_cast<int>(std::min<int64_t>((n + kThreads - 1) / kThreads, kMaxBlocks));
  partial_squared_error<<<blocks, kThreads, 0, stream>>>(pred, target, n);
  finish_mean<<<1, kThreads, 0, stream>>>(blocks, n, out);
}
