// CUDA reference for optimizer/sgd_momentum: one fused element-wise kernel (grid-stride).
#include <cuda_runtime.h>

#include <cstdint>

namespace {

__global__ void sgd_momentum_step(const float* __restrict__ param, const float* __restrict__ grad, const float* __restrict__ buf,
                                  float* __restrict__ param_out, float* __restrict__ buf_out, int64_t n, float lr,
                                  float momentum, float weight_decay) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const float b = momentum * buf[i] + (grad[i] + weight_decay * param[i]);
    buf_out[i] = b;
    param_out[i] = param[i] - lr * b;
  }
}

}  // namespace

extern "C" void solve(const float* param, const float* grad, const float* buf, float* param_out, float* buf_out, int64_t n,
                      float lr, float momentum, float weight_decay, cudaStream_t stream) {
  if (n == 0) return;
  const int64_t blocks = (n + 255) / 256;
  sgd_momentum_step<<<static_cast<unsigned>(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(param, grad, buf, param_out, buf_out, n, lr, momentum, weight_decay);
}
