// example for reduction/sum_all_bf16
// Whole-tensor bfloat16 sum, memory-bound: 16-byte loads (8 bf16 each), two loads in flight per thread,
// float32 accumulators, a grid of a few blocks per SM, warp-shuffle block reduction to one partial per block,
// and a one-block pass over the partials (deterministic: no atomics). Unaligned input or the tail is read
// element by element by the same kernel.
#include <cuda_runtime.h>
#include <cuda_bf16.h>

#include <algorithm>
#include <cstdint>

namespace {
constexpr int kThreads = 256;

__device__ float block_sum(float v) {
  __shared__ float partial[kThreads / 32];
  for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
  if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = v;
  __syncthreads();
  v = 0.0f;
  for (int w = 0; w < kThreads / 32; ++w) v += partial[w];
  __syncthreads();
  return v;
}

__device__ __forceinline__ float sum8(uint4 v) {
  const __nv_bfloat162* h = reinterpret_cast<const __nv_bfloat162*>(&v);
  float s = 0.0f;
#pragma unroll
  for (int k = 0; k < 4; ++k) {
    const float2 f = __bfloat1622float2(h[k]);
    s += f.x + f.y;
  }
  return s;
}

__global__ void partial_sum_kernel(const __nv_bfloat16* __restrict__ x, int64_t n8, int64_t n,
                                   float* __restrict__ partial) {
  const uint4* x8 = reinterpret_cast<const uint4*>(x);
  const int64_t stride = static_cast<int64_t>(gridDim.x) * kThreads;
  const int64_t tid = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x;
  float s0 = 0.0f, s1 = 0.0f;
  int64_t i = tid;
  for (; i + stride < n8; i += 2 * stride) {
    const uint4 a = x8[i], b = x8[i + stride];
    s0 += sum8(a);
    s1 += sum8(b);
  }
  if (i < n8) s0 += sum8(x8[i]);
  for (int64_t k = n8 * 8 + tid; k < n; k += stride) s1 += __bfloat162float(x[k]);
  const float s = block_sum(s0 + s1);
  if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

__global__ void final_sum_kernel(const float* __restrict__ partial, int count, float* __restrict__ out) {
  float s = 0.0f;
  for (int i = threadIdx.x; i < count; i += kThreads) s += partial[i];
  s = block_sum(s);
  if (threadIdx.x == 0) out[0] = s;
}
}  // namespace

extern "C" void solve(const __nv_bfloat16* x, float* out, int64_t n, cudaStream_t stream) {
  int device = 0, sms = 132;
  if (cudaGetDevice(&device) == cudaSuccess) cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device);
  const int64_t n8 = (reinterpret_cast<uintptr_t>(x) & 15) == 0 ? n / 8 : 0;
  const int blocks = static_cast<int>(std::clamp<int64_t>((std::max<int64_t>(n8, n - n8 * 8) + kThreads - 1) / kThreads,
                                                          1, int64_t{sms} * 4));
  float* partial = nullptr;
  if (cudaMallocAsync(&partial, sizeof(float) * blocks, stream) != cudaSuccess) return;  // the harness reads the error with cudaGetLastError
  partial_sum_kernel<<<blocks, kThreads, 0, stream>>>(x, n8, n, partial);
  final_sum_kernel<<<1, kThreads, 0, stream>>>(partial, blocks, out);
  cudaFreeAsync(partial, stream);
}
