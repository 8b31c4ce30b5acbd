// CUDA reference for indexing/topk_rows: one block per row and k selection rounds; round j finds the largest
// (value, lowest index) strictly below the previous pick in that order, with a block-wide arg-max reduction.
#include <cuda_runtime.h>
#include <cstdint>

// True when (v, i) comes before (bv, bi) in the output order: larger value first, lower index on ties.
__device__ __forceinline__ bool before(float v, int64_t i, float bv, int64_t bi) {
  return v > bv || (v == bv && i < bi);
}

__global__ void topk_kernel(const float* __restrict__ x, float* __restrict__ values, int64_t* __restrict__ indices,
                            int64_t cols, int64_t k) {
  const float* xr = x + blockIdx.x * cols;
  __shared__ float sv[32];
  __shared__ int64_t si[32];
  __shared__ float prev_v;
  __shared__ int64_t prev_i;
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32, nw = blockDim.x / 32;
  for (int64_t j = 0; j < k; ++j) {
    const float pv = j == 0 ? INFINITY : prev_v;
    const int64_t pi = j == 0 ? -1 : prev_i;
    float v = -INFINITY;
    int64_t idx = cols;
    for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) {
      const float xv = xr[c];
      if (before(pv, pi, xv, c) && before(xv, c, v, idx)) { v = xv; idx = c; }
    }
    for (int off = 16; off > 0; off >>= 1) {
      const float ov = __shfl_down_sync(0xffffffffu, v, off);
      const int64_t oi = __shfl_down_sync(0xffffffffu, idx, off);
      if (before(ov, oi, v, idx)) { v = ov; idx = oi; }
    }
    if (lane == 0) { sv[warp] = v; si[warp] = idx; }
    __syncthreads();
    if (warp == 0) {
      v = lane < nw ? sv[lane] : -INFINITY;
      idx = lane < nw ? si[lane] : cols;
      for (int off = 16; off > 0; off >>= 1) {
        const float ov = __shfl_down_sync(0xffffffffu, v, off);
        const int64_t oi = __shfl_down_sync(0xffffffffu, idx, off);
        if (before(ov, oi, v, idx)) { v = ov; idx = oi; }
      }
      if (lane == 0) {
        values[blockIdx.x * k + j] = v;
        indices[blockIdx.x * k + j] = idx;
        prev_v = v;
        prev_i = idx;
      }
    }
    __syncthreads();
  }
}

extern "C" void solve(const float* x, float* values, int64_t* indices, int64_t rows, int64_t cols, int64_t k,
                      cudaStream_t stream) {
  if (rows == 0) return;
  topk_kernel<<<static_cast<unsigned>(rows), 256, 0, stream>>>(x, values, indices, cols, k);
}
