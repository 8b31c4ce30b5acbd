// CUDA reference for optimizer/adadelta: one fused element-wise kernel (grid-stride).
#include <cuda_runtime.h>

#include <cstdint>

namespace {

__global__ void adadelta_step(const float* __restrict__ param, const float* __restrict__ grad, const float* __restrict__ sq,
                              const float* __restrict__ acc_delta, float* __restrict__ param_out,
                              float* __restrict__ sq_out, float* __restrict__ acc_delta_out, int64_t n, float lr,
                              float rho, float eps) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const float g = grad[i];
    const float s = rho * sq[i] + (1.0f - rho) * g * g;
    const float delta = sqrtf(acc_delta[i] + eps) / sqrtf(s + eps) * g;
    sq_out[i] = s;
    acc_delta_out[i] = rho * acc_delta[i] + (1.0f - rho) * delta * delta;
    param_out[i] = param[i] - lr * delta;
  }
}

}  // namespace

extern "C" void solve(const float* param, const float* grad, const float* sq, const float* acc_delta, float* param_out,
                      float* sq_out, float* acc_delta_out, int64_t n, float lr, float rho, float eps, cudaStream_t stream) {
  if (n == 0) return;
  const int64_t blocks = (n + 255) / 256;
  adadelta_step<<<static_cast<unsigned>(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(param, grad, sq, acc_delta, param_out, sq_out, acc_delta_out, n, lr, rho, eps);
}
