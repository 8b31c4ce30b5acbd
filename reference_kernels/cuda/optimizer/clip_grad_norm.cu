// CUDA reference for optimizer/clip_grad_norm: kernel 1 writes per-block partial sums of squares to scratch;
// kernel 2 has every block reduce the partials (in double, deterministic), derive the clip factor and scale
// its share of the gradient; block 0 also writes total_norm.
#include <cuda_runtime.h>

#include <cstdint>
#include <cstdio>

namespace {

constexpr int kThreads = 256;
constexpr int kPartials = 1024;  // blocks of the reduction kernel

__global__ void sum_squares_partials(const float* __restrict__ grad, float* __restrict__ partials, int64_t n) {
  __shared__ float warp_sums[kThreads / 32];
  float s = 0.0f;
  for (int64_t i = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x; i < n;
       i += static_cast<int64_t>(gridDim.x) * kThreads)
    s += grad[i] * grad[i];
  for (int offset = 16; offset > 0; offset >>= 1) s += __shfl_xor_sync(0xffffffffu, s, offset);
  if ((threadIdx.x & 31) == 0) warp_sums[threadIdx.x >> 5] = s;
  __syncthreads();
  if (threadIdx.x == 0) {
    float total = 0.0f;
    for (int w = 0; w < kThreads / 32; ++w) total += warp_sums[w];
    partials[blockIdx.x] = total;
  }
}

__global__ void clip_scale(const float* __restrict__ grad, float* __restrict__ grad_out, float* __restrict__ total_norm,
                           const float* __restrict__ partials, int64_t n, float max_norm) {
  __shared__ float scale;
  if (threadIdx.x == 0) {
    double ss = 0.0;
    for (int b = 0; b < kPartials; ++b) ss += partials[b];
    const double total = sqrt(ss);
    const double coef = max_norm / (total + 1e-6);
    scale = coef < 1.0 ? static_cast<float>(coef) : 1.0f;
    if (blockIdx.x == 0) total_norm[0] = static_cast<float>(total);
  }
  __syncthreads();
  for (int64_t i = blockIdx.x * static_cast<int64_t>(kThreads) + threadIdx.x; i < n;
       i += static_cast<int64_t>(gridDim.x) * kThreads)
    grad_out[i] = grad[i] * scale;
}

}  // namespace

extern "C" void solve(const float* grad, float* grad_out, float* total_norm, int64_t n, float max_norm,
                      cudaStream_t stream) {
  float* partials = nullptr;
  cudaError_t err = cudaMallocAsync(reinterpret_cast<void**>(&partials), sizeof(float) * kPartials, stream);
  if (err != cudaSuccess) {
    std::fprintf(stderr, "clip_grad_norm: cudaMallocAsync failed: %s\n", cudaGetErrorString(err));
    return;
  }
  sum_squares_partials<<<kPartials, kThreads, 0, stream>>>(grad, partials, n);
  const int64_t blocks = (n + kThreads - 1) / kThreads;
  clip_scale<<<static_cast<unsigned>(blocks < 4096 ? (blocks > 0 ? blocks : 1) : 4096), kThreads, 0, stream>>>(
      grad, grad_out, total_norm, partials, n, max_norm);
  err = cudaFreeAsync(partials, stream);
  if (err != cudaSuccess) std::fprintf(stderr, "clip_grad_norm: cudaFreeAsync failed: %s\n", cudaGetErrorString(err));
}
