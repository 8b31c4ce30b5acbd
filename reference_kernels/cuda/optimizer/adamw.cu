// CUDA reference for optimizer/adamw: bias corrections on the host, one fused element-wise kernel with
// decoupled weight decay (grid-stride).
#include <cuda_runtime.h>

#include <cmath>
#include <cstdint>

namespace {

__global__ void adamw_step(const float* __restrict__ param, const float* __restrict__ grad, const float* __restrict__ m,
                           const float* __restrict__ v, float* __restrict__ param_out, float* __restrict__ m_out,
                           float* __restrict__ v_out, int64_t n, float lr, float beta1, float beta2, float eps,
                           float decay, float c1, float c2) {
  for (int64_t i = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<int64_t>(gridDim.x) * blockDim.x) {
    const float g = grad[i];
    const float mi = beta1 * m[i] + (1.0f - beta1) * g;
    const float vi = beta2 * v[i] + (1.0f - beta2) * g * g;
    m_out[i] = mi;
    v_out[i] = vi;
    param_out[i] = param[i] * decay - lr * (mi / c1) / (sqrtf(vi / c2) + eps);
  }
}

}  // namespace

extern "C" void solve(const float* param, const float* grad, const float* m, const float* v, float* param_out, float* m_out,
                      float* v_out, int64_t n, float lr, float beta1, float beta2, float eps, float weight_decay,
                      float step, cudaStream_t stream) {
  if (n == 0) return;
  const float c1 = 1.0f - std::pow(beta1, step), c2 = 1.0f - std::pow(beta2, step);
  const int64_t blocks = (n + 255) / 256;
  adamw_step<<<static_cast<unsigned>(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(param, grad, m, v, param_out, m_out, v_out, n, lr, beta1, beta2, eps, 1.0f - lr * weight_decay, c1, c2);
}
