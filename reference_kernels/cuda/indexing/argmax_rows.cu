// CUDA reference for indexing/argmax_rows: one block per row, per-thread (value, index) maxima reduced with
// warp shuffles and shared memory; ties resolve to the lowest index.
#include <cuda_runtime.h>
#include <cstdint>

__device__ __forceinline__ void better(float& v, int64_t& i, float ov, int64_t oi) {
  if (ov > v || (ov == v && oi < i)) { v = ov; i = oi; }
}

__global__ void argmax_kernel(const float* __restrict__ x, int64_t* __restrict__ out, int64_t cols) {
  const float* xr = x + blockIdx.x * cols;
  float v = -INFINITY;
  int64_t idx = cols;  // sentinel larger than any real index
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) better(v, idx, xr[c], c);
  for (int off = 16; off > 0; off >>= 1) {
    const float ov = __shfl_down_sync(0xffffffffu, v, off);
    const int64_t oi = __shfl_down_sync(0xffffffffu, idx, off);
    better(v, idx, ov, oi);
  }
  __shared__ float sv[32];
  __shared__ int64_t si[32];
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  if (lane == 0) { sv[warp] = v; si[warp] = idx; }
  __syncthreads();
  if (warp == 0) {
    const int nw = blockDim.x / 32;
    v = lane < nw ? sv[lane] : -INFINITY;
    idx = lane < nw ? si[lane] : cols;
    for (int off = 16; off > 0; off >>= 1) {
      const float ov = __shfl_down_sync(0xffffffffu, v, off);
      const int64_t oi = __shfl_down_sync(0xffffffffu, idx, off);
      better(v, idx, ov, oi);
    }
    if (lane == 0) out[blockIdx.x] = idx < cols ? idx : 0;  // all -inf row: index 0
  }
}

extern "C" void solve(const float* x, int64_t* out, int64_t rows, int64_t cols, cudaStream_t stream) {
  if (rows == 0) return;
  argmax_kernel<<<static_cast<unsigned>(rows), 256, 0, stream>>>(x, out, cols);
}
