// CUDA reference for fusion/causal_softmax_f16: one block per (batch, query) row; maximum and exp-sum over the
// visible keys j <= i in float32, then normalised output with zeros above the diagonal.
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <cstdint>

// Block-wide sum and maximum (blockDim.x a multiple of 32, at most 1024); every thread gets the result.
__device__ float block_sum(float v) {
  __shared__ float part[32];
  __shared__ float total;
  for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
  __syncthreads();  // part/total may still be read from a previous call
  if (threadIdx.x % 32 == 0) part[threadIdx.x / 32] = v;
  __syncthreads();
  if (threadIdx.x < 32) {
    v = threadIdx.x < blockDim.x / 32 ? part[threadIdx.x] : 0.0f;
    for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
    if (threadIdx.x == 0) total = v;
  }
  __syncthreads();
  return total;
}
__device__ float block_max(float v) {
  __shared__ float part[32];
  __shared__ float total;
  for (int off = 16; off > 0; off >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, off));
  __syncthreads();
  if (threadIdx.x % 32 == 0) part[threadIdx.x / 32] = v;
  __syncthreads();
  if (threadIdx.x < 32) {
    v = threadIdx.x < blockDim.x / 32 ? part[threadIdx.x] : -INFINITY;
    for (int off = 16; off > 0; off >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, off));
    if (threadIdx.x == 0) total = v;
  }
  __syncthreads();
  return total;
}

__global__ void causal_softmax_kernel(const __half* __restrict__ x, __half* __restrict__ y, int64_t seq, float scale) {
  const int64_t row = blockIdx.x, i = row % seq;
  const __half* xr = x + row * seq;
  __half* yr = y + row * seq;
  float m = -INFINITY;
  for (int64_t j = threadIdx.x; j <= i; j += blockDim.x) m = fmaxf(m, scale * __half2float(xr[j]));
  m = block_max(m);
  float s = 0.0f;
  for (int64_t j = threadIdx.x; j <= i; j += blockDim.x) s += __expf(scale * __half2float(xr[j]) - m);
  const float inv = 1.0f / block_sum(s);
  for (int64_t j = threadIdx.x; j < seq; j += blockDim.x)
    yr[j] = __float2half(j <= i ? __expf(scale * __half2float(xr[j]) - m) * inv : 0.0f);
}

extern "C" void solve(const __half* x, __half* y, int64_t batch, int64_t seq, float scale, cudaStream_t stream) {
  if (batch * seq == 0) return;
  causal_softmax_kernel<<<static_cast<unsigned>(batch * seq), 256, 0, stream>>>(x, y, seq, scale);
}
