// CUDA reference for optimizer/adagrad: one fused element-wise kernel (grid-stride).
#include <cuda_runtime.h>

#include <cstdint>

namespace {

__global__ void adagrad_step(const float* __restrict__ param, const float* __restrict__ grad, const float* __restrict__ sum,
                             float* __restrict__ param_out, float* __restrict__ sum_out, int64_t n, float lr,
                             float eps) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const float g = grad[i];
    const float s = sum[i] + g * g;
    sum_out[i] = s;
    param_out[i] = param[i] - lr * g / (sqrtf(s) + eps);
  }
}

}  // namespace

extern "C" void solve(const float* param, const float* grad, const float* sum, float* param_out, float* sum_out, int64_t n, float lr,
                      float eps, cudaStream_t stream) {
  if (n == 0) return;
  const int64_t blocks = (n + 255) / 256;
  adagrad_step<<<static_cast<unsigned>(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(param, grad, sum, param_out, sum_out, n, lr, eps);
}
