// CUDA reference for reduction/prod_rows: one block per row, product by warp-shuffle block reduction.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>

namespace {
constexpr int kThreads = 256;

__device__ float combine(float a, float b) { return a * b; }

// Reduces one value per thread over the block; the result is valid in every thread.
__device__ float block_reduce(float v) {
  __shared__ float partial[kThreads / 32];
  for (int off = 16; off > 0; off >>= 1) v = combine(v, __shfl_xor_sync(0xffffffffu, v, off));
  if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = v;
  __syncthreads();
  v = partial[0];
  for (int w = 1; w < kThreads / 32; ++w) v = combine(v, partial[w]);
  __syncthreads();  // partial[] is reused by the next call
  return v;
}

// One block per row (grid-stride over rows), threads stride over the row's columns.
__global__ void prod_rows_kernel(const float* __restrict__ x, float* __restrict__ y, int64_t rows, int64_t cols) {
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const float* xr = x + r * cols;
    float acc = 1.0f;
    for (int64_t c = threadIdx.x; c < cols; c += kThreads) {
      acc *= xr[c];
    }
    acc = block_reduce(acc);
    if (threadIdx.x == 0) y[r] = acc;
  }
}
}  // namespace

extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows <= 0) return;
  const unsigned blocks = static_cast<unsigned>(std::min<int64_t>(rows, 65535));
  prod_rows_kernel<<<blocks, kThreads, 0, stream>>>(x, y, rows, cols);
}
