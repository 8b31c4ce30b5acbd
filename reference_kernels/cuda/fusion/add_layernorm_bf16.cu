// CUDA reference for fusion/add_layernorm_bf16: one block per row; pass 1 forms h = x + r (stored as bf16) and
// its sum, pass 2 the centred sum of squares, pass 3 the normalised output (x and r re-read, L1/L2 resident).
#include <cuda_bf16.h>
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

__global__ void add_layernorm_kernel(const __nv_bfloat16* __restrict__ x, const __nv_bfloat16* __restrict__ r,
                                     const __nv_bfloat16* __restrict__ gamma, const __nv_bfloat16* __restrict__ beta,
                                     __nv_bfloat16* __restrict__ h, __nv_bfloat16* __restrict__ y, int64_t cols,
                                     float eps) {
  const int64_t base = blockIdx.x * cols;
  float s = 0.0f;
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) {
    const float v = __bfloat162float(x[base + c]) + __bfloat162float(r[base + c]);
    h[base + c] = __float2bfloat16(v);
    s += v;
  }
  const float mean = block_sum(s) / static_cast<float>(cols);
  float q = 0.0f;
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) {
    const float d = __bfloat162float(x[base + c]) + __bfloat162float(r[base + c]) - mean;
    q += d * d;
  }
  const float inv = rsqrtf(block_sum(q) / static_cast<float>(cols) + eps);
  for (int64_t c = threadIdx.x; c < cols; c += blockDim.x) {
    const float v = __bfloat162float(x[base + c]) + __bfloat162float(r[base + c]);
    y[base + c] = __float2bfloat16((v - mean) * inv * __bfloat162float(gamma[c]) + __bfloat162float(beta[c]));
  }
}

extern "C" void solve(const __nv_bfloat16* x, const __nv_bfloat16* r, const __nv_bfloat16* gamma,
                      const __nv_bfloat16* beta, __nv_bfloat16* h, __nv_bfloat16* y, int64_t rows, int64_t cols,
                      float eps, cudaStream_t stream) {
  if (rows == 0) return;
  add_layernorm_kernel<<<static_cast<unsigned>(rows), 256, 0, stream>>>(x, r, gamma, beta, h, y, cols, eps);
}
