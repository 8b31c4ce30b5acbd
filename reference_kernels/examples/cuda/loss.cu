// example for loss/bce_with_logits_bf16
// Mean BCE-with-logits over bfloat16 inputs, memory-bound: 16-byte loads of 8 logits and 8 targets, the stable
// form max(x,0) - x*t + log1p(exp(-|x|)) with fast __expf/__logf intrinsics (relative error ~1e-6, far inside
// the tolerance), float32 per-thread sums, one partial per block, and a one-block double-precision pass that
// divides by n (deterministic, no atomics). Unaligned input or the tail is read element by element.
#include <cuda_runtime.h>
#include <cuda_bf16.h>

#include <algorithm>
#include <cstdint>

namespace {
constexpr int kThreads = 256;

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

__device__ __forceinline__ float bce(float x, float t) { return fmaxf(x, 0.0f) - x * t + __logf(1.0f + __expf(-fabsf(x))); }

__device__ __forceinline__ float bce8(uint4 xv, uint4 tv) {
  const __nv_bfloat162* xh = reinterpret_cast<const __nv_bfloat162*>(&xv);
  const __nv_bfloat162* th = reinterpret_cast<const __nv_bfloat162*>(&tv);
  float s = 0.0f;
#pragma unroll
  for (int k = 0; k < 4; ++k) {
    const float2 x = __bfloat1622float2(xh[k]), t = __bfloat1622float2(th[k]);
    s += bce(x.x, t.x) + bce(x.y, t.y);
  }
  return s;
}

__global__ void partial_kernel(const __nv_bfloat16* __restrict__ logits, const __nv_bfloat16* __restrict__ target,
                               int64_t n8, int64_t n, float* __restrict__ partial) {
  const uint4* x8 = reinterpret_cast<const uint4*>(logits);
  const uint4* t8 = reinterpret_cast<const uint4*>(target);
  const int64_t stride = static_cast<int64_t>(gridDim.x) * kThreads;
  const int64_t tid = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x;
  float s = 0.0f;
  for (int64_t i = tid; i < n8; i += stride) s += bce8(x8[i], t8[i]);
  for (int64_t k = n8 * 8 + tid; k < n; k += stride) s += bce(__bfloat162float(logits[k]), __bfloat162float(target[k]));
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

extern "C" void solve(const __nv_bfloat16* logits, const __nv_bfloat16* target, float* out, int64_t n,
                      cudaStream_t stream) {
  if (n <= 0) return;
  int device = 0, sms = 132;
  if (cudaGetDevice(&device) == cudaSuccess) cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device);
  const bool aligned = ((reinterpret_cast<uintptr_t>(logits) | reinterpret_cast<uintptr_t>(target)) & 15) == 0;
  const int64_t n8 = aligned ? n / 8 : 0;
  const int blocks = static_cast<int>(std::clamp<int64_t>((std::max<int64_t>(n8, n - n8 * 8) + kThreads - 1) / kThreads,
                                                          1, int64_t{sms} * 8));
  float* partial = nullptr;
  if (cudaMallocAsync(&partial, sizeof(float) * blocks, stream) != cudaSuccess) return;  // the harness reads the error with cudaGetLastError
  partial_kernel<<<blocks, kThreads, 0, stream>>>(logits, target, n8, n, partial);
  mean_kernel<<<1, kThreads, 0, stream>>>(partial, blocks, n, out);
  cudaFreeAsync(partial, stream);
}
