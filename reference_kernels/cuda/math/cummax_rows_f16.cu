// CUDA reference for math/cummax_rows_f16: one block per row, chunked block max-scan in float (exact for float16 values) with a carry.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace {
constexpr int kThreads = 256;
constexpr int kWarps = kThreads / 32;

__device__ float op(float a, float b) { return fmaxf(a, b); }

// Inclusive scan of one value per thread over the block; `total` receives the block's aggregate.
__device__ float block_inclusive_scan(float v, float& total) {
  __shared__ float warp_total[kWarps];
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  for (int off = 1; off < 32; off <<= 1) {
    const float other = __shfl_up_sync(0xffffffffu, v, off);
    if (lane >= off) v = op(other, v);
  }
  if (lane == 31) warp_total[warp] = v;
  __syncthreads();
  if (warp == 0) {
    float w = lane < kWarps ? warp_total[lane] : -INFINITY;
    for (int off = 1; off < kWarps; off <<= 1) {
      const float other = __shfl_up_sync(0xffffffffu, w, off);
      if (lane >= off) w = op(other, w);
    }
    if (lane < kWarps) warp_total[lane] = w;
  }
  __syncthreads();
  if (warp > 0) v = op(warp_total[warp - 1], v);
  total = warp_total[kWarps - 1];
  __syncthreads();  // warp_total is reused by the next call
  return v;
}

// One block per row (grid-stride); the row is scanned in chunks of kThreads with a running carry.
__global__ void scan_rows_kernel(const __half* __restrict__ x, __half* __restrict__ y, int64_t rows, int64_t cols) {
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    float carry = -INFINITY;
    for (int64_t c0 = 0; c0 < cols; c0 += kThreads) {
      const int64_t c = c0 + threadIdx.x;
      const int64_t k = r * cols + c;
      float total;
      const float v = block_inclusive_scan(c < cols ? __half2float(x[k]) : -INFINITY, total);
      if (c < cols) y[k] = __float2half(op(carry, v));
      carry = op(carry, total);
    }
  }
}
}  // namespace

extern "C" void solve(const __half* x, __half* y, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows <= 0 || cols <= 0) return;
  const unsigned blocks = static_cast<unsigned>(std::min<int64_t>(rows, 65535));
  scan_rows_kernel<<<blocks, kThreads, 0, stream>>>(x, y, rows, cols);
}
