// CUDA reference for loss/mse_loss: grid-stride float32 partial sums (one per block) into scratch, then one
// block adds the partials in double and divides by n (deterministic, no atomics).
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace {
constexpr int kThreads = 256;
constexpr int kMaxBlocks = 1024;

template <class T>
__device__ T block_sum(T v) {
  __shared__ T partial[kThreads / 32];
  for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
  if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = v;
  __syncthreads();
  v = T(0);
  for (int w = 0; w < kThreads / 32; ++w) v += partial[w];
  __syncthreads();
  return v;
}

__global__ void partial_kernel(const float* __restrict__ pred, const float* __restrict__ target, int64_t n, float* __restrict__ partial) {
  const int64_t stride = static_cast<int64_t>(gridDim.x) * kThreads;
  float s = 0.0f;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x; i < n; i += stride) {
    const float d = pred[i] - target[i];
    s = fmaf(d, d, s);
  }
  s = block_sum(s);
  if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

__global__ void mean_kernel(const float* __restrict__ partial, int count, int64_t n, float* __restrict__ out) {
  double s = 0.0;
  for (int i = threadIdx.x; i < count; i += kThreads) s += partial[i];
  s = block_sum(s);
  if (threadIdx.x == 0) out[0] = static_cast<float>(s / static_cast<double>(n));
}
}  // namespace

extern "C" void solve(const float* pred, const float* target, float* out, int64_t n, cudaStream_t stream) {
  if (n <= 0) return;
  const int blocks = static_cast<int>(std::min<int64_t>((n + kThreads - 1) / kThreads, kMaxBlocks));
  float* partial = nullptr;
  if (cudaMallocAsync(&partial, sizeof(float) * blocks, stream) != cudaSuccess) return;  // the harness reads the error with cudaGetLastError
  partial_kernel<<<blocks, kThreads, 0, stream>>>(pred, target, n, partial);
  mean_kernel<<<1, kThreads, 0, stream>>>(partial, blocks, n, out);
  cudaFreeAsync(partial, stream);
}
