// CUDA reference for normalization/softmax: one block per row; block max, block sum of exp(x - max), then
// a scaling pass. Reductions by warp shuffles and shared memory.
#include <cuda_runtime.h>

#include <cstdint>

namespace {

constexpr int kThreads = 256;

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

__global__ void softmax_rows(const float* __restrict__ x, float* __restrict__ y, int64_t cols) {
  const float* xr = x + blockIdx.x * cols;
  float* yr = y + blockIdx.x * cols;
  float m = -INFINITY;
  for (int64_t c = threadIdx.x; c < cols; c += kThreads) m = fmaxf(m, xr[c]);
  m = block_reduce(m, true);
  float s = 0.0f;
  for (int64_t c = threadIdx.x; c < cols; c += kThreads) s += __expf(xr[c] - m);
  const float inv = 1.0f / block_reduce(s, false);
  for (int64_t c = threadIdx.x; c < cols; c += kThreads) yr[c] = __expf(xr[c] - m) * inv;
}

}  // namespace

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows == 0) return;
  softmax_rows<<<static_cast<unsigned>(rows), kThreads, 0, stream>>>(x, y, cols);
}
