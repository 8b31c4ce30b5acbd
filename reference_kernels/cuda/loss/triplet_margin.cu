// CUDA reference for loss/triplet_margin: one block per row: both squared distances by block reduction, the row's hinge into scratch; one block averages the rows in double.
#include <cuda_runtime.h>

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

// One block per row (grid-stride): the row's loss goes to row_loss[r].
__global__ void row_loss_kernel(const float* __restrict__ anchor, const float* __restrict__ positive, const float* __restrict__ negative, int64_t N, int64_t D, float margin, float* __restrict__ row_loss) {
  for (int64_t r = blockIdx.x; r < N; r += gridDim.x) {
    constexpr float eps = 1e-6f;
    float sp = 0.0f, sn = 0.0f;
    for (int64_t k = threadIdx.x; k < D; k += kThreads) {
      const float a = anchor[r * D + k];
      const float dp = a - positive[r * D + k] + eps, dn = a - negative[r * D + k] + eps;
      sp = fmaf(dp, dp, sp);
      sn = fmaf(dn, dn, sn);
    }
    sp = block_sum(sp);
    sn = block_sum(sn);
    if (threadIdx.x == 0) row_loss[r] = fmaxf(0.0f, sqrtf(sp) - sqrtf(sn) + margin);
  }
}

__global__ void mean_kernel(const float* __restrict__ row_loss, int64_t count, float* __restrict__ out) {
  double s = 0.0;
  for (int64_t i = threadIdx.x; i < count; i += kThreads) s += row_loss[i];
  s = block_sum(s);
  if (threadIdx.x == 0) out[0] = static_cast<float>(s / static_cast<double>(count));
}
}  // namespace

extern "C" void solve(const float* anchor, const float* positive, const float* negative, float* out, int64_t N, int64_t D, float margin, cudaStream_t stream) {
  if (N <= 0) return;
  float* row_loss = nullptr;
  if (cudaMallocAsync(&row_loss, sizeof(float) * N, stream) != cudaSuccess) return;  // the harness reads the error with cudaGetLastError
  const unsigned blocks = static_cast<unsigned>(std::min<int64_t>(N, 65535));
  row_loss_kernel<<<blocks, kThreads, 0, stream>>>(anchor, positive, negative, N, D, margin, row_loss);
  mean_kernel<<<1, kThreads, 0, stream>>>(row_loss, N, out);
  cudaFreeAsync(row_loss, stream);
}
