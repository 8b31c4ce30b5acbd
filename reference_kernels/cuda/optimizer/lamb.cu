// CUDA reference for optimizer/lamb: kernel 1 (grid: blocks x layers) updates the moments, parks the update u
// in param_out and writes per-block partial squared norms of param and u to scratch; kernel 2 reduces a
// layer's partials (in double), forms the trust ratio and applies param_out = param - lr * ratio * u.
#include <cuda_runtime.h>

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace {

constexpr int kThreads = 256;
constexpr int kBlocksPerLayer = 64;

__device__ void block_sum2(float& a, float& b) {
  __shared__ float pa[kThreads / 32], pb[kThreads / 32];
  for (int offset = 16; offset > 0; offset >>= 1) {
    a += __shfl_xor_sync(0xffffffffu, a, offset);
    b += __shfl_xor_sync(0xffffffffu, b, offset);
  }
  __syncthreads();
  if ((threadIdx.x & 31) == 0) {
    pa[threadIdx.x >> 5] = a;
    pb[threadIdx.x >> 5] = b;
  }
  __syncthreads();
  a = 0.0f;
  b = 0.0f;
  for (int w = 0; w < kThreads / 32; ++w) {
    a += pa[w];
    b += pb[w];
  }
}

__global__ void lamb_moments(const float* __restrict__ param, const float* __restrict__ grad,
                             const float* __restrict__ m, const float* __restrict__ v, float* __restrict__ u_out,
                             float* __restrict__ m_out, float* __restrict__ v_out, float* __restrict__ partials,
                             int64_t n, float beta1, float beta2, float eps, float weight_decay, float c1, float c2) {
  const int64_t base = blockIdx.y * n;
  float pn = 0.0f, un = 0.0f;
  for (int64_t k = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x; k < n;
       k += static_cast<int64_t>(kBlocksPerLayer) * kThreads) {
    const int64_t i = base + k;
    const float g = grad[i], p = param[i];
    const float mi = beta1 * m[i] + (1.0f - beta1) * g;
    const float vi = beta2 * v[i] + (1.0f - beta2) * g * g;
    m_out[i] = mi;
    v_out[i] = vi;
    const float u = (mi / c1) / (sqrtf(vi / c2) + eps) + weight_decay * p;
    u_out[i] = u;
    pn += p * p;
    un += u * u;
  }
  block_sum2(pn, un);
  if (threadIdx.x == 0) {
    partials[(blockIdx.y * kBlocksPerLayer + blockIdx.x) * 2] = pn;
    partials[(blockIdx.y * kBlocksPerLayer + blockIdx.x) * 2 + 1] = un;
  }
}

__global__ void lamb_apply(const float* __restrict__ param, float* __restrict__ param_out,
                           const float* __restrict__ partials, int64_t n, float lr) {
  double pn = 0.0, un = 0.0;
  for (int b = 0; b < kBlocksPerLayer; ++b) {
    pn += partials[(blockIdx.y * kBlocksPerLayer + b) * 2];
    un += partials[(blockIdx.y * kBlocksPerLayer + b) * 2 + 1];
  }
  const float ratio = (pn > 0.0 && un > 0.0) ? static_cast<float>(sqrt(pn / un)) : 1.0f;
  const int64_t base = blockIdx.y * n;
  for (int64_t k = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x; k < n;
       k += static_cast<int64_t>(kBlocksPerLayer) * kThreads) {
    const int64_t i = base + k;
    param_out[i] = param[i] - lr * ratio * param_out[i];
  }
}

}  // namespace

extern "C" void solve(const float* param, const float* grad, const float* m, const float* v, float* param_out,
                      float* m_out, float* v_out, int64_t L, int64_t n, float lr, float beta1, float beta2, float eps,
                      float weight_decay, float step, cudaStream_t stream) {
  if (L * n == 0) return;
  const float c1 = 1.0f - std::pow(beta1, step), c2 = 1.0f - std::pow(beta2, step);
  float* partials = nullptr;
  cudaError_t err = cudaMallocAsync(reinterpret_cast<void**>(&partials), sizeof(float) * 2 * kBlocksPerLayer * L, stream);
  if (err != cudaSuccess) {
    std::fprintf(stderr, "lamb: cudaMallocAsync failed: %s\n", cudaGetErrorString(err));
    return;
  }
  const dim3 grid(kBlocksPerLayer, static_cast<unsigned>(L));
  lamb_moments<<<grid, kThreads, 0, stream>>>(param, grad, m, v, param_out, m_out, v_out, partials, n, beta1, beta2,
                                              eps, weight_decay, c1, c2);
  lamb_apply<<<grid, kThreads, 0, stream>>>(param, param_out, partials, n, lr);
  err = cudaFreeAsync(partials, stream);
  if (err != cudaSuccess) std::fprintf(stderr, "lamb: cudaFreeAsync failed: %s\n", cudaGetErrorString(err));
}
